using BenchmarkDotNet.Attributes;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Analysis;
using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Sentiment;
using StreamEngine.LoadGenerator.Firehose;

namespace StreamEngine.Benchmarks;

/// <summary>
/// Folding a round of mentions into per-brand deltas, as the ingest graph's batching stage does
/// once posts are read and analysed: every mention added to its brand's
/// <see cref="BrandDeltaBuilder"/>, then each brand's delta built and its builder cleared for the
/// next round. The mentions are the load generator's firehose (seed 42) read and analysed with the
/// demo model (8 brands) or a synthetic one of 1,000 brands with one concept of 10 terms each, whose builders
/// each take a few mentions a round from caches the other brands have cooled.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PerPostConfig))]
public class FoldBenchmarks
{
    private const int Posts = 20_000;

    // The demo model's brands; any other count is a synthetic model of that many.
    private const int DemoBrands = 8;

    [Params(DemoBrands, 1000)]
    public int Brands { get; set; }

    private (Post Post, PostAnalysis Analysis, MentionFacts Facts, int[] Brands)[] _mentions = [];
    private BrandDeltaBuilder[] _builders = [];
    private int _mentionCount;

    [GlobalSetup]
    public void Setup()
    {
        var model = Brands == DemoBrands ? BenchmarkFirehose.DemoModel() : ModelSynthesizer.Model(Brands, Brands * 10);
        var emotions = EmotionDetector.Load();
        var analyzer = new PostAnalyzer(model, SentimentScorer.Load(emotions), emotions);
        var scratch = new AnalysisScratch();
        var brands = new List<int>();
        var firehose = BenchmarkFirehose.Of(model);
        var mentions = new List<(Post, PostAnalysis, MentionFacts, int[])>();
        for (var i = 0; i < Posts; i++)
        {
            if (PostParser.TryParse(firehose.Next().Line, out var post, out var error) && analyzer.Analyze(post, scratch, brands) is { } analysis)
            {
                mentions.Add((post, analysis, MentionFacts.Of(post, scratch.Tokens), [.. brands]));
            }
            else if (error is not null)
            {
                throw new InvalidOperationException($"a line of the benchmark's firehose does not parse: {error}");
            }
        }

        _mentions = [.. mentions];
        _mentionCount = _mentions.Sum(m => m.Brands.Length);
        _builders = [.. Enumerable.Range(0, model.Brands.Count).Select(_ => new BrandDeltaBuilder())];
        Console.WriteLine($"// {_mentions.Length:N0} posts mentioning {_mentionCount:N0} times {model.Brands.Count:N0} brands");
    }

    /// <summary>Per line of the firehose: those that mention no brand (about a tenth) add nothing.</summary>
    [Benchmark(OperationsPerInvoke = Posts)]
    public int FoldRound()
    {
        foreach (var (post, analysis, facts, brands) in _mentions)
        {
            foreach (var brand in brands)
            {
                _builders[brand].Add(post, analysis, facts);
            }
        }

        var minutes = 0;
        foreach (var builder in _builders)
        {
            if (builder.Mentions > 0)
            {
                minutes += builder.Build().Minutes.Count;
                builder.Clear();
            }
        }

        return minutes;
    }
}
