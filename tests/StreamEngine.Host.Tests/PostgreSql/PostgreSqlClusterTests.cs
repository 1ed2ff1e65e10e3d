using System.Globalization;
using System.Text;
using System.Text.Json;

namespace StreamEngine.Host.Tests.PostgreSql;

/// <summary>Two nodes of one cluster on one PostgreSQL store, as an operator runs them.</summary>
public sealed class PostgreSqlClusterTests(PostgresServer server) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_model_swapped_in_on_one_node_reaches_the_other_and_its_model_file()
    {
        var database = await NewDatabaseAsync();
        var seedPort = EngineProcess.FreePort();
        var seed = Seed(seedPort);
        await using var first = await StartNodeAsync("a", database, seedPort, seed);
        await using var second = await StartNodeAsync("b", database, EngineProcess.FreePort(), seed);

        using var model = new StringContent(SampleFirehose.ModelYaml + "\n  - id: zeta\n    name: Zeta\n    query: zetaphone\n", Encoding.UTF8, "application/yaml");
        using var swapped = await first.Http.PutAsync(new Uri("/api/model", UriKind.Relative), model);
        Assert.True(swapped.IsSuccessStatusCode, await swapped.Content.ReadAsStringAsync());

        await Eventually.HoldsAsync(
            async () => (await second.Http.GetJsonAsync("/api/brands")).EnumerateArray().Any(b => b.GetProperty("id").GetString() == "zeta"),
            "the second node listing the brand the first one's new model added");
        Assert.Contains("zetaphone", await File.ReadAllTextAsync(Path.Combine(_dir.Path, "b", "model.yaml")), StringComparison.Ordinal);

        // The second node now reads posts with it, and either node answers for the brand.
        var post = JsonSerializer.Serialize(new Dictionary<string, string> { ["id"] = "z1", ["createdAt"] = DateTimeOffset.UtcNow.ToString("O"), ["text"] = "my new zetaphone" });
        var (status, ingested) = await second.Http.PostNdjsonAsync(post + "\n");
        Assert.Equal((200, 0), (status, ingested.GetProperty("unmatched").GetInt32()));
        Assert.Equal(1, (await first.Http.GetJsonAsync("/api/brands/zeta/summary?window=15m")).GetProperty("mentions").GetInt64());

        // Either node gathers any brand's report, wherever its shard lives: its parts cross nodes in one message.
        foreach (var brand in (await first.Http.GetJsonAsync("/api/brands")).EnumerateArray().Select(b => b.GetProperty("id").GetString()))
        {
            var here = await first.Http.GetJsonAsync($"/api/brands/{brand}/report?window=15m");
            var there = await second.Http.GetJsonAsync($"/api/brands/{brand}/report?window=15m");
            Assert.Equal(brand == "zeta" ? 1 : 0, here.GetProperty("summary").GetProperty("mentions").GetInt64());
            Assert.Equal(here.GetProperty("summary").GetProperty("mentions").GetInt64(), there.GetProperty("summary").GetProperty("mentions").GetInt64());
            Assert.Equal(here.GetProperty("segments").GetArrayLength(), there.GetProperty("segments").GetArrayLength());
        }

        // Batches and reports far above Akka's default frame of 125 KB cross nodes too: 20,000 posts
        // of as many purchase months (the report's breakdown by month alone is some 200 KB), through
        // both nodes, so that one of them sends to the other.
        var now = DateTimeOffset.UtcNow.ToString("O");
        foreach (var (node, from) in new[] { (first, 0), (second, 10_000) })
        {
            var body = new StringBuilder();
            for (var i = from; i < from + 10_000; i++)
            {
                body.Append(JsonSerializer.Serialize(new Dictionary<string, string>
                {
                    ["id"] = $"big{i}", ["createdAt"] = now, ["text"] = "alpha again", ["purchaseDate"] = new DateOnly(2000, 1, 1).AddMonths(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                })).Append('\n');
            }

            var (bigStatus, bigAnswer) = await node.Http.PostNdjsonAsync(body.ToString());
            Assert.True(bigStatus == 200, bigAnswer.ToString());
        }

        foreach (var node in new[] { first, second })
        {
            var report = await node.Http.GetJsonAsync("/api/brands/alpha/report?window=15m");
            Assert.Equal(20_000, report.GetProperty("summary").GetProperty("mentions").GetInt64());
        }
    }

    [Fact]
    public async Task A_node_that_was_down_during_a_model_swap_takes_it_up_when_it_joins_again()
    {
        var database = await NewDatabaseAsync();
        var seedPort = EngineProcess.FreePort();
        var seed = Seed(seedPort);
        var secondPort = EngineProcess.FreePort();
        await using var first = await StartNodeAsync("a", database, seedPort, seed);
        await using (var second = await StartNodeAsync("b", database, secondPort, seed))
        {
            Assert.Equal(0, await second.StopAsync(TimeSpan.FromSeconds(60)));
        }

        using var model = new StringContent(SampleFirehose.ModelYaml + "\n  - id: zeta\n    name: Zeta\n    query: zetaphone\n", Encoding.UTF8, "application/yaml");
        using var swapped = await first.Http.PutAsync(new Uri("/api/model", UriKind.Relative), model);
        Assert.True(swapped.IsSuccessStatusCode, await swapped.Content.ReadAsStringAsync());
        Assert.DoesNotContain("zetaphone", await File.ReadAllTextAsync(Path.Combine(_dir.Path, "b", "model.yaml")), StringComparison.Ordinal);

        await using var back = await StartNodeAsync("b", database, secondPort, seed);

        await Eventually.HoldsAsync(
            async () => (await back.Http.GetJsonAsync("/api/brands")).EnumerateArray().Any(b => b.GetProperty("id").GetString() == "zeta"),
            "the node started again listing the brand the swap it missed added");
        Assert.Contains("zetaphone", await File.ReadAllTextAsync(Path.Combine(_dir.Path, "b", "model.yaml")), StringComparison.Ordinal);

        // The first node, whose model is the later one, keeps it.
        Assert.Contains((await first.Http.GetJsonAsync("/api/brands")).EnumerateArray(), b => b.GetProperty("id").GetString() == "zeta");
    }

    [Fact]
    public async Task A_node_without_seed_nodes_does_not_form_a_second_cluster_on_a_database_in_use()
    {
        var database = await NewDatabaseAsync();
        var model = Path.Combine(_dir.Path, "model.yaml");
        await File.WriteAllTextAsync(model, SampleFirehose.ModelYaml);
        await using var first = await EngineProcess.StartAsync(Path.Combine(_dir.Path, "first"), model, "--postgres", server.ConnectionString(database));

        var (exitCode, output) = await EngineProcess.RunUntilExitAsync(
            Path.Combine(_dir.Path, "second"), model, TimeSpan.FromSeconds(60), "--postgres", server.ConnectionString(database));

        Assert.True(exitCode == 2, $"exit code {exitCode?.ToString(CultureInfo.InvariantCulture) ?? "none"}:\n{output}");
        Assert.Contains($"database '{database}' is in use by another StreamEngine node", output, StringComparison.Ordinal);
        Assert.Equal(200, (int)(await first.Http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_node_whose_seed_nodes_do_not_answer_refuses_posts_at_once_saying_it_has_not_joined()
    {
        var database = await NewDatabaseAsync();
        var model = Path.Combine(_dir.Path, "model.yaml");
        await File.WriteAllTextAsync(model, SampleFirehose.ModelYaml);
        var nobody = Seed(EngineProcess.FreePort());
        await using var node = await EngineProcess.StartListeningAsync(Path.Combine(_dir.Path, "lonely"), model,
            "--postgres", server.ConnectionString(database), "--StreamEngine:SeedNodes:0", nobody);

        // Not held for the round's 125 s while no shard can be reached.
        var post = JsonSerializer.Serialize(new Dictionary<string, string> { ["id"] = "l1", ["createdAt"] = DateTimeOffset.UtcNow.ToString("O"), ["text"] = "alpha" });
        var (status, answer) = await node.Http.PostNdjsonAsync(post + "\n");
        Assert.Equal(503, status);
        Assert.Contains("it has not joined yet", answer.GetProperty("error").GetString(), StringComparison.Ordinal);
        using var ready = await node.Http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Contains("it has not joined yet", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A query waits out its brand's 10 s, then says why no brand could answer.
        using var summary = await node.Http.GetAsync(new Uri("/api/brands/alpha/summary", UriKind.Relative));
        Assert.Equal(503, (int)summary.StatusCode);
        Assert.Contains("did not answer in time: this node is not a member of its cluster: it has not joined yet", await summary.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<string> NewDatabaseAsync()
    {
        var database = "se_" + Guid.NewGuid().ToString("N")[..12];
        await server.CreateDatabaseAsync(database);
        return database;
    }

    private static string Seed(int clusterPort) => $"akka.tcp://streamengine@127.0.0.1:{clusterPort.ToString(CultureInfo.InvariantCulture)}";

    private async Task<EngineProcess> StartNodeAsync(string name, string database, int clusterPort, string seed)
    {
        var dir = Path.Combine(_dir.Path, name);
        Directory.CreateDirectory(dir);
        var model = Path.Combine(dir, "model.yaml");
        if (!File.Exists(model))
        {
            // A node started again keeps the model file it had.
            await File.WriteAllTextAsync(model, SampleFirehose.ModelYaml);
        }

        return await EngineProcess.StartAsync(Path.Combine(dir, "data"), model,
            "--postgres", server.ConnectionString(database),
            "--cluster-port", clusterPort.ToString(CultureInfo.InvariantCulture),
            "--StreamEngine:SeedNodes:0", seed);
    }

    public void Dispose() => _dir.Dispose();
}
