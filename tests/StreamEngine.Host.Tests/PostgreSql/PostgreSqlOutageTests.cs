using System.Diagnostics;

namespace StreamEngine.Host.Tests.PostgreSql;

/// <summary>A PostgreSQL store that goes away and comes back: ingest refuses at once meanwhile, and journals again as soon as it is back.</summary>
public sealed class PostgreSqlOutageTests(PostgresServer server) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Brands_journal_again_as_soon_as_the_store_is_back()
    {
        await server.CreateDatabaseAsync("outage");
        var model = Path.Combine(_dir.Path, "model.yaml");
        await File.WriteAllTextAsync(model, SampleFirehose.ModelYaml);
        await using var engine = await EngineProcess.StartAsync(Path.Combine(_dir.Path, "data"), model, "--postgres", server.ConnectionString("outage"));
        Assert.Equal(200, (await engine.Http.PostNdjsonAsync(Post("before"))).Status);

        await server.StopAsync();

        // Enough refusals for the stores' circuit breakers to open: the snapshot store's after 5.
        for (var i = 0; i < 8; i++)
        {
            var (status, body) = await engine.Http.PostNdjsonAsync(Post($"down-{i}"));
            Assert.Equal(503, status);
            Assert.StartsWith("brand batches were not journaled", body.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        await server.StartAsync();

        // Once a breaker opened, Akka.Persistence's defaults kept brands from the store for 60 s, and
        // a load refused while its breaker was half-open went unanswered for 30 s more.
        var slowest = TimeSpan.Zero;
        var answered = 0;
        await Eventually.HoldsAsync(async () =>
        {
            var started = Stopwatch.GetTimestamp();
            var (status, _) = await engine.Http.PostNdjsonAsync(Post($"back-{answered++}"));
            slowest = TimeSpan.FromTicks(Math.Max(slowest.Ticks, Stopwatch.GetElapsedTime(started).Ticks));
            return status == 200;
        }, "a post journaled after the store came back", TimeSpan.FromSeconds(20));
        Assert.True(slowest < TimeSpan.FromSeconds(10), $"an answer after the store came back took {slowest.TotalSeconds:0.0} s");
    }

    public void Dispose() => _dir.Dispose();

    private static string Post(string id) =>
        $$"""{"id":"{{id}}","createdAt":"{{DateTimeOffset.UtcNow:O}}","text":"beta is back"}""" + "\n";
}
