using System.Globalization;
using StreamEngine.Host.Hosting;

namespace StreamEngine.Host.Tests.PostgreSql;

/// <summary>A node whose PostgreSQL server refuses its login for good is refused at start-up, not left running unrecoverable.</summary>
public sealed class PostgresLoginTests(PostgresServer server) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_database_the_server_has_is_no_problem()
    {
        await server.CreateDatabaseAsync("login_ok");

        Assert.Null(PostgresLogin.RefusalProblem(server.ConnectionString("login_ok")));
    }

    [Fact]
    public void A_database_the_server_does_not_have_is_named_with_what_to_do()
    {
        var problem = PostgresLogin.RefusalProblem(server.ConnectionString("no_such_database"));

        Assert.NotNull(problem);
        Assert.StartsWith("--postgres (StreamEngine:Postgres): the PostgreSQL server at 127.0.0.1:", problem, StringComparison.Ordinal);
        Assert.Contains("database \"no_such_database\" does not exist; create the database", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_role_the_server_does_not_know_is_named()
    {
        var problem = PostgresLogin.RefusalProblem(server.ConnectionString("postgres").Replace("Username=postgres", "Username=nobody", StringComparison.Ordinal));

        Assert.NotNull(problem);
        Assert.Contains("role \"nobody\" does not exist; check the connection string's Username", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_that_does_not_answer_is_left_to_readiness()
    {
        var nobody = $"Host=127.0.0.1;Port={EngineProcess.FreePort().ToString(CultureInfo.InvariantCulture)};Username=postgres;Database=se";

        Assert.Null(PostgresLogin.RefusalProblem(nobody));
    }

    [Fact]
    public async Task A_node_given_a_database_the_server_does_not_have_exits_at_once_with_code_2()
    {
        var model = Path.Combine(_dir.Path, "model.yaml");
        await File.WriteAllTextAsync(model, SampleFirehose.ModelYaml);

        var (exitCode, output) = await EngineProcess.RunUntilExitAsync(
            Path.Combine(_dir.Path, "data"), model, TimeSpan.FromSeconds(60), "--postgres", server.ConnectionString("missing"));

        Assert.True(exitCode == 2, $"exit code {exitCode?.ToString(CultureInfo.InvariantCulture) ?? "none"}:\n{output}");
        Assert.Contains("database \"missing\" does not exist", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Remoting", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_started_while_its_server_is_down_exits_with_code_2_once_the_server_refuses_its_login()
    {
        var model = Path.Combine(_dir.Path, "model.yaml");
        await File.WriteAllTextAsync(model, SampleFirehose.ModelYaml);

        await server.StopAsync();
        EngineProcess engine;
        try
        {
            engine = await EngineProcess.StartListeningAsync(Path.Combine(_dir.Path, "data"), model, "--postgres", server.ConnectionString("missing_later"));
        }
        finally
        {
            await server.StartAsync();
        }

        await using (engine)
        {
            var exitCode = await engine.WaitForExitAsync(TimeSpan.FromSeconds(90));

            Assert.True(exitCode == 2, $"exit code {exitCode?.ToString(CultureInfo.InvariantCulture) ?? "none"}:\n{engine.Output}");
            // In a JSON log line, its quotes escaped.
            Assert.Contains("missing_later\\u0022 does not exist; create the database", engine.Output, StringComparison.Ordinal);
        }
    }

    public void Dispose() => _dir.Dispose();
}
