
namespace StreamEngine.Host.Tests.PostgreSql;

/// <summary>
/// A round that names more brands than the SQL plugin's write queue held by default (5,000): each
/// brand has a write in flight at once, and none of them may be refused for want of room.
/// </summary>
public sealed class PostgreSqlWriteQueueTests(PostgresServer server) : IClassFixture<PostgresServer>, IDisposable
{
    private const int BrandCount = 6_000;

    private static readonly string[] Brands = [.. Enumerable.Range(1, BrandCount).Select(i => $"b{i:0000}")];

    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_round_naming_every_brand_of_a_large_node_is_journaled_whole()
    {
        await server.CreateDatabaseAsync("queue");
        var model = Path.Combine(_dir.Path, "model.yaml");
        await File.WriteAllTextAsync(model, BrandsOnlyModel.Yaml(Brands));
        await using var engine = await EngineProcess.StartAsync(Path.Combine(_dir.Path, "data"), model, "--postgres", server.ConnectionString("queue"));

        // Each post names every brand, so every brand has a write in flight at once: at the plugin's
        // queue of 5,000 the first post already had writes refused.
        for (var round = 0; round < 3; round++)
        {
            var (status, body) = await engine.Http.PostNdjsonAsync(PostNamingEveryBrand($"all-{round}"));
            Assert.True(status == 200, $"round {round} answered {status}: {body}");
        }

        foreach (var brand in new[] { Brands[0], Brands[BrandCount / 2], Brands[^1] })
        {
            var summary = await engine.Http.GetJsonAsync($"/api/brands/{brand}/summary?window=1h");
            Assert.Equal((brand, 3L), (brand, summary.GetProperty("mentions").GetInt64()));
        }
    }

    public void Dispose() => _dir.Dispose();


    private static string PostNamingEveryBrand(string id) =>
        $$"""{"id":"{{id}}","createdAt":"{{DateTimeOffset.UtcNow:O}}","text":"{{string.Join(' ', Brands)}}"}""" + "\n";
}
