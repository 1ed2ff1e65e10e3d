using StreamEngine.Host.Hosting;

namespace StreamEngine.Host.Tests.PostgreSql;

/// <summary>Readiness looks at the PostgreSQL store: a node whose store is gone should not take traffic.</summary>
public sealed class StoreProbeTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task A_store_that_answers_is_no_problem()
    {
        await server.CreateDatabaseAsync("probe_ok");
        var probe = new StoreProbe(new StoreSetup(server.ConnectionString("probe_ok"), LinqToDB.ProviderName.PostgreSQL15, "PostgreSQL"), TimeProvider.System);

        Assert.Null(await probe.ProblemAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_store_nothing_listens_for_is_named_as_the_problem()
    {
        var nobody = $"Host=127.0.0.1;Port={EngineProcess.FreePort()};Username=postgres;Database=se";
        var probe = new StoreProbe(new StoreSetup(nobody, LinqToDB.ProviderName.PostgreSQL15, "PostgreSQL"), TimeProvider.System);

        var problem = await probe.ProblemAsync(CancellationToken.None);

        Assert.StartsWith("the PostgreSQL store cannot be reached: ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_that_restarted_is_no_problem_at_the_first_probe_after()
    {
        // The connection pool still holds one the restart broke: readiness must not fail on it once.
        await server.CreateDatabaseAsync("probe_restart");
        var clock = new SteppedClock();
        var probe = new StoreProbe(new StoreSetup(server.ConnectionString("probe_restart"), LinqToDB.ProviderName.PostgreSQL15, "PostgreSQL"), clock);
        Assert.Null(await probe.ProblemAsync(CancellationToken.None));

        await server.StopAsync();
        await server.StartAsync();
        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Null(await probe.ProblemAsync(CancellationToken.None));
    }

    private sealed class SteppedClock : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    [Fact]
    public async Task The_embedded_store_is_not_probed()
    {
        var probe = new StoreProbe(new StoreSetup("Data Source=/nonexistent/streamengine.db", LinqToDB.ProviderName.SQLiteMS, "SQLite"), TimeProvider.System);

        Assert.Null(await probe.ProblemAsync(CancellationToken.None));
    }
}
