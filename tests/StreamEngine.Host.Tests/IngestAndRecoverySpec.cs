using System.Text.Json;

namespace StreamEngine.Host.Tests;

/// <summary>
/// The foundation's contract end to end: a fixed file with malformed lines goes in over HTTP, every
/// figure matches counts made independently from the file, and after kill -9 and a restart on the
/// same store every figure is identical. Run once per store: see the Sqlite and PostgreSql folders.
/// </summary>
public abstract class IngestAndRecoverySpec : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly SampleFirehose _sample = new(posts: 1500, seed: 11, now: DateTimeOffset.UtcNow);
    private readonly string _model;

    protected IngestAndRecoverySpec()
    {
        _model = Path.Combine(_dir.Path, "model.yaml");
        File.WriteAllText(_model, SampleFirehose.ModelYaml);
    }

    /// <summary>The options that point the engine at the store under test.</summary>
    protected abstract Task<string[]> StoreArgumentsAsync();

    [Fact]
    public async Task Figures_match_the_file_and_survive_kill_minus_nine()
    {
        var data = Path.Combine(_dir.Path, "data");
        var store = await StoreArgumentsAsync();
        string before;
        await using (var engine = await EngineProcess.StartAsync(data, _model, store))
        {
            var (status, body) = await engine.Http.PostNdjsonAsync(_sample.Ndjson);
            Assert.True(status == 200, $"ingest answered {status}: {body}\n{engine.Output}");
            Assert.Equal(_sample.Accepted, body.GetProperty("accepted").GetInt32());
            Assert.Equal(SampleFirehose.BadLines.Count, body.GetProperty("rejected").GetInt32());
            Assert.Equal(_sample.Late, body.GetProperty("late").GetInt32());
            Assert.Equal(_sample.Unmatched, body.GetProperty("unmatched").GetInt32());
            var errors = body.GetProperty("errors").EnumerateArray()
                .ToDictionary(e => e.GetProperty("line").GetInt32(), e => e.GetProperty("reason").GetString()!);
            Assert.Equal(SampleFirehose.BadLines.Keys.Order(), errors.Keys.Order());
            foreach (var (line, bad) in SampleFirehose.BadLines)
            {
                Assert.Contains(bad.Mentions, errors[line], StringComparison.Ordinal);
            }

            await AssertFiguresMatchTheFile(engine.Http);
            before = await engine.Http.AllFiguresAsync();
            engine.KillHard();
        }

        await using (var restarted = await EngineProcess.StartAsync(data, _model, store))
        {
            var after = await restarted.Http.AllFiguresAsync();
            Assert.Equal(before, after);
            await AssertFiguresMatchTheFile(restarted.Http);
        }
    }

    private async Task AssertFiguresMatchTheFile(HttpClient http)
    {
        foreach (var brand in SampleFirehose.Brands)
        {
            foreach (var window in SampleFirehose.Windows)
            {
                var expected = _sample.InWindow(brand, window).ToList();
                var summary = await http.GetJsonAsync($"/api/brands/{brand}/summary?window={window}");
                var where = $"{brand} {window}";
                Assert.True(expected.Count > 0, $"the sample has no posts for {where}: it would prove nothing");
                Assert.Equal((where, expected.Count), (where, summary.GetProperty("mentions").GetInt64()));
                Assert.Equal((where, expected.Sum(p => p.Followers)), (where, summary.GetProperty("reach").GetInt64()));
                Assert.Equal((where, expected.Sum(p => p.Engagement)), (where, summary.GetProperty("engagement").GetInt64()));
                Assert.Equal((where, expected.Select(p => (p.Network, p.AuthorId)).Distinct().LongCount()),
                    (where, summary.GetProperty("uniqueAuthors").GetInt64()));

                foreach (var by in new[] { "network", "country", "gender", "age", "language", "purchase" })
                {
                    var want = expected.GroupBy(p => p.Segment(by)).ToDictionary(g => g.Key, g => (long)g.Count());
                    Assert.Equal((where, by, Sorted(want)), (where, by, Sorted(await SegmentsAsync(http, brand, by, window))));
                }

                var sentiment = summary.GetProperty("sentiment");
                var labels = new[] { "positive", "neutral", "negative", "unscored" }.ToDictionary(l => l, l => sentiment.GetProperty(l).GetInt64());
                Assert.Equal((where, (long)expected.Count), (where, labels.Values.Sum()));
                Assert.Equal((where, expected.Count(p => p.Language is not ("en" or "unknown"))), (where, (int)labels["unscored"]));
                var bySentiment = await SegmentsAsync(http, brand, "sentiment", window);
                Assert.Equal(Sorted(labels.Where(l => l.Value > 0).ToDictionary()), Sorted(bySentiment));

                var concepts = expected.SelectMany(p => p.Concepts).GroupBy(c => c).ToDictionary(g => g.Key, g => (long)g.Count());
                Assert.Equal((where, Sorted(concepts)), (where, Sorted(await SegmentsAsync(http, brand, "concept", window))));
            }

            var compare = await http.GetJsonAsync($"/api/brands/{brand}/compare?window=7d");
            var set = compare.GetProperty("brands").EnumerateArray().ToList();
            var setMentions = set.ToDictionary(b => b.GetProperty("brand").GetString()!, b => b.GetProperty("mentions").GetInt64());
            Assert.Equal(brand, set[0].GetProperty("brand").GetString());
            foreach (var (member, mentions) in setMentions)
            {
                Assert.Equal((member, _sample.InWindow(member, "7d").LongCount()), (member, mentions));
            }

            Assert.Equal(setMentions.Values.Sum() == 0 ? 0 : 100, set.Sum(b => b.GetProperty("shareOfVoice").GetDouble()), 1);

            var series = await http.GetJsonAsync($"/api/brands/{brand}/timeseries?window=24h&step=1m");
            var points = series.GetProperty("points").EnumerateArray().ToList();
            Assert.True(points.Count >= 24 * 60, $"a 24h minute series has {points.Count} points");
            Assert.Equal(_sample.InWindow(brand, "24h").Count(), points.Sum(p => p.GetProperty("mentions").GetInt64()));
        }
    }

    private static async Task<Dictionary<string, long>> SegmentsAsync(HttpClient http, string brand, string by, string window)
    {
        var body = await http.GetJsonAsync($"/api/brands/{brand}/segments?by={by}&window={window}");
        return body.GetProperty("segments").EnumerateArray()
            .ToDictionary(s => s.GetProperty("value").GetString()!, s => s.GetProperty("mentions").GetInt64());
    }

    private static string Sorted(Dictionary<string, long> counts) =>
        string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"));

    public void Dispose()
    {
        _dir.Dispose();
        GC.SuppressFinalize(this);
    }
}
