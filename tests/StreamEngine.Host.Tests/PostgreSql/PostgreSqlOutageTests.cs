using System.Diagnostics;

namespace StreamEngine.Host.Tests.PostgreSql;

/// <summary>A PostgreSQL store that goes away and comes back: ingest refuses at once meanwhile, and journals again as soon as it is back.</summary>
public sealed class PostgreSqlOutageTests(PostgresServer server) : IClassFixture<PostgresServer>, IDisposable
{
    // More brands than the journal's circuit breaker takes failures (10): one post naming them all,
    // sent while the store is down, fails every brand's write and opens it.
    private static readonly string[] Brands = [.. Enumerable.Range(1, 12).Select(i => $"b{i:00}")];

    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Brands_journal_again_as_soon_as_the_store_is_back()
    {
        await server.CreateDatabaseAsync("outage");
        var model = Path.Combine(_dir.Path, "model.yaml");
        await File.WriteAllTextAsync(model, BrandsOnlyModel.Yaml(Brands));
        await using var engine = await EngineProcess.StartAsync(Path.Combine(_dir.Path, "data"), model, "--postgres", server.ConnectionString("outage"));
        Assert.Equal(200, (await engine.Http.PostNdjsonAsync(Post("before"))).Status);

        await server.StopAsync();

        // Every brand's write fails, then its recovery: enough for the journal's breaker to open,
        // and for the snapshot store's had it one (5 failures).
        for (var i = 0; i < 8; i++)
        {
            var (status, body) = await engine.Http.PostNdjsonAsync(Post($"down-{i}"));
            Assert.Equal(503, status);
            Assert.StartsWith("brand batches were not journaled", body.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        await server.StartAsync();

        // With Akka.Persistence's defaults the open journal breaker kept brands from the store for
        // 30 s, the snapshot store's for 60 s, and a load refused while the latter was half-open
        // went unanswered for 30 s more.
        var slowest = TimeSpan.Zero;
        var sent = 0;
        await Eventually.HoldsAsync(async () =>
        {
            var started = Stopwatch.GetTimestamp();
            var (status, _) = await engine.Http.PostNdjsonAsync(Post($"back-{sent++}"));
            slowest = TimeSpan.FromTicks(Math.Max(slowest.Ticks, Stopwatch.GetElapsedTime(started).Ticks));
            return status == 200;
        }, "a post journaled after the store came back", TimeSpan.FromSeconds(20));
        Assert.True(slowest < TimeSpan.FromSeconds(10), $"an answer after the store came back took {slowest.TotalSeconds:0.0} s");
    }

    public void Dispose() => _dir.Dispose();


    private static string Post(string id) =>
        $$"""{"id":"{{id}}","createdAt":"{{DateTimeOffset.UtcNow:O}}","text":"{{string.Join(' ', Brands)}} are back"}""" + "\n";
}
