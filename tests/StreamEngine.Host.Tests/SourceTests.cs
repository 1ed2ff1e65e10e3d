using StreamEngine.Host.Hosting;

namespace StreamEngine.Host.Tests;

/// <summary>The two sources besides HTTP: the file replay and the demo firehose, run as a user would start them.</summary>
public sealed class SourceTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_replayed_file_lands_in_the_same_figures_as_posting_it()
    {
        var (sample, file, model, data) = await ReplaySetUpAsync(seed: 5);
        await using (var engine = await EngineProcess.StartAsync(data, model, "--replay", file))
        {
            // Ready only once the replay is over: every figure is there when it says so.
            await engine.AssertLoggedAsync("Replayed");
            await AssertReplayedOnceAsync(engine, sample);
            Assert.Equal(0, await engine.StopAsync(TimeSpan.FromSeconds(30)));
        }

        // Started again with the same setting, the node does not count the file a second time,
        // though it was touched since; lines appended to it are replayed.
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(1));
        await using (var restarted = await EngineProcess.StartAsync(data, model, "--replay", file))
        {
            await AssertReplayedOnceAsync(restarted, sample);
            await restarted.AssertLoggedAsync("was replayed in full before");
            Assert.Equal(0, await restarted.StopAsync(TimeSpan.FromSeconds(30)));
        }

        var more = new SampleFirehose(posts: 200, seed: 6, now: DateTimeOffset.UtcNow, idPrefix: "more-");
        await File.AppendAllTextAsync(file, more.Ndjson);
        await using var appended = await EngineProcess.StartAsync(data, model, "--replay", file);
        await appended.AssertLoggedAsync("goes on after line 600");
        foreach (var brand in SampleFirehose.Brands)
        {
            var expected = sample.InWindow(brand, "30d").Count() + more.InWindow(brand, "30d").Count();
            await Eventually.HoldsAsync(
                async () => (await appended.Http.GetJsonAsync($"/api/brands/{brand}/summary?window=30d")).GetProperty("mentions").GetInt64() == expected,
                $"{brand} at {expected} mentions with the appended lines");
        }
    }

    [Fact]
    public async Task A_replay_cut_short_goes_on_after_the_lines_it_journaled_and_counts_none_twice()
    {
        var (sample, file, model, data) = await ReplaySetUpAsync(seed: 7);

        // As a start stopped (SIGTERM, a crash) after its first 250 lines were journaled leaves it;
        // those posts are not in this data directory, so any of them counted shows.
        const int journaled = 250;
        var lines = sample.Ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var rest = lines.Skip(journaled).ToHashSet(StringComparer.Ordinal);

        // Copies of posts before the cut, further on: the replay that stopped would have counted
        // them as duplicates, and so must the one that goes on.
        await File.AppendAllLinesAsync(file, lines.Take(20));
        ReplayProgress.For(data, file).Record(journaled);

        await using (var engine = await EngineProcess.StartAsync(data, model, "--replay", file))
        {
            await engine.AssertLoggedAsync($"goes on after line {journaled}");
            await engine.AssertLoggedAsync("the posts of lines 1 to 250 are remembered as seen");
            await AssertReplayedOnceAsync(engine, sample, p => rest.Contains(p.Json));
            Assert.Equal(0, await engine.StopAsync(TimeSpan.FromSeconds(30)));
        }

        await using var restarted = await EngineProcess.StartAsync(data, model, "--replay", file);
        await AssertReplayedOnceAsync(restarted, sample, p => rest.Contains(p.Json));
        await restarted.AssertLoggedAsync("was replayed in full before");
    }

    [Fact]
    public async Task A_last_line_still_being_written_is_read_again_once_whole_and_a_shorter_file_is_not_replayed()
    {
        var (sample, file, model, data) = await ReplaySetUpAsync(seed: 8);
        var more = new SampleFirehose(posts: 60, seed: 9, now: DateTimeOffset.UtcNow, idPrefix: "more-");
        var moreLines = more.Ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var whole = moreLines[^1];

        // The file as a crawler leaves it mid-write: its last line cut, without its line break.
        await File.AppendAllTextAsync(file, whole[..(whole.Length / 2)]);
        await using (var engine = await EngineProcess.StartAsync(data, model, "--replay", file))
        {
            await engine.AssertLoggedAsync("has no line break and was refused");
            Assert.Equal(0, await engine.StopAsync(TimeSpan.FromSeconds(30)));
        }

        await File.AppendAllTextAsync(file, whole[(whole.Length / 2)..] + "\n" + string.Join("\n", moreLines[..^1]) + "\n");
        await using (var engine = await EngineProcess.StartAsync(data, model, "--replay", file))
        {
            foreach (var brand in SampleFirehose.Brands)
            {
                var expected = sample.InWindow(brand, "30d").Count() + more.InWindow(brand, "30d").Count();
                await Eventually.HoldsAsync(
                    async () => (await engine.Http.GetJsonAsync($"/api/brands/{brand}/summary?window=30d")).GetProperty("mentions").GetInt64() == expected,
                    $"{brand} at {expected} mentions with the line completed and those after it");
            }

            Assert.Equal(0, await engine.StopAsync(TimeSpan.FromSeconds(30)));
        }

        // Fewer lines than were journaled from it, the same start: cut short since, and not replayed.
        ReplayProgress.For(data, file).Record(1_000);
        await using var shorter = await EngineProcess.StartAsync(data, model, "--replay", file);
        await shorter.AssertLoggedAsync("has 660 lines, fewer than the 1000 journaled from it before");
    }

    /// <summary>A file of 600 sample posts to replay, the sample model, and where the node keeps its data.</summary>
    private async Task<(SampleFirehose Sample, string File, string Model, string Data)> ReplaySetUpAsync(int seed)
    {
        var sample = new SampleFirehose(posts: 600, seed: seed, now: DateTimeOffset.UtcNow);
        var file = Path.Combine(_dir.Path, "replay.ndjson");
        var model = Path.Combine(_dir.Path, "model.yaml");
        await File.WriteAllTextAsync(file, sample.Ndjson);
        await File.WriteAllTextAsync(model, SampleFirehose.ModelYaml);
        return (sample, file, model, Path.Combine(_dir.Path, "data"));
    }

    private static async Task AssertReplayedOnceAsync(EngineProcess engine, SampleFirehose sample, Func<SamplePost, bool>? replayed = null)
    {
        foreach (var brand in SampleFirehose.Brands)
        {
            var expected = sample.InWindow(brand, "30d").Count(replayed ?? (_ => true));
            await Eventually.HoldsAsync(
                async () => (await engine.Http.GetJsonAsync($"/api/brands/{brand}/summary?window=30d")).GetProperty("mentions").GetInt64() == expected,
                $"{brand} at {expected} mentions from the replay");
        }
    }

    [Fact]
    public async Task The_demo_firehose_fills_the_shipped_model_brands()
    {
        var shippedModel = Path.Combine(Repository.Root, "config", "model.yaml");

        await using var engine = await EngineProcess.StartAsync(Path.Combine(_dir.Path, "data"), shippedModel, "--demo", "--demo-rate", "500");

        var brands = (await engine.Http.GetJsonAsync("/api/brands")).EnumerateArray().Select(b => b.GetProperty("id").GetString()!).ToList();
        Assert.True(brands.Count >= 8, $"the shipped model has {brands.Count} brands");
        await Eventually.HoldsAsync(
            async () => (await engine.Http.GetJsonAsync($"/api/brands/{brands[0]}/summary?window=15m")).GetProperty("mentions").GetInt64() >= 50,
            "the most popular demo brand reaching 50 mentions");
        var concepts = await engine.Http.GetJsonAsync($"/api/brands/{brands[0]}/segments?by=concept&window=15m");
        Assert.True(concepts.GetProperty("segments").GetArrayLength() > 0, "demo posts mention concepts");
    }

    public void Dispose() => _dir.Dispose();
}
