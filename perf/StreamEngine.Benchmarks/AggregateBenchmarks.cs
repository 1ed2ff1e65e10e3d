using BenchmarkDotNet.Attributes;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Sketches;

namespace StreamEngine.Benchmarks;

/// <summary>
/// What a brand actor does with its rolling figures: a dashboard's summary and breakdown queries
/// over a brand holding 24 h of minute buckets, each minute fed by one batch of
/// <see cref="PostsPerMinute"/> posts (seeded: 10 countries, 6 languages, 10 concepts with their
/// aspect sentiment, one new author per post), and folding one more such batch in. At 2,000 posts
/// a minute every minute's author sketch is dense.
/// </summary>
[MemoryDiagnoser]
public class AggregateBenchmarks
{
    [Params(20, 2000)]
    public int PostsPerMinute { get; set; }

    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static readonly string[] Countries = ["DE", "US", "FR", "GB", "ES", "IT", "JP", "BR", "IN", "CA"];
    private static readonly string[] Languages = ["en", "de", "fr", "es", "ja", "pt"];
    private static readonly string[] Labels = ["positive", "neutral", "negative"];
    private static readonly string[] Concepts = [.. Enumerable.Range(0, 10).Select(i => $"concept{i}")];

    private BrandAggregate _aggregate = null!;
    private BrandDelta[] _nextMinute = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var random = new SplitMix64(42);
        var newest = EventTime.MinuteOf(Now);
        _aggregate = new BrandAggregate();
        for (var minute = newest - (24 * 60) + 1; minute <= newest; minute++)
        {
            _aggregate.Apply(Batch(minute, ref random));
        }

        _nextMinute = [.. Enumerable.Range(0, 64).Select(_ => Batch(newest, ref random))];
    }

    [Benchmark]
    public long Summary24h() => _aggregate.Summary(TimeWindow.OneDay, Now).Mentions;

    [Benchmark]
    public int CountrySegments24h() => _aggregate.Segments(SegmentDimension.Country, TimeWindow.OneDay, Now).Count;

    [Benchmark]
    public int Timeseries24hByMinute() => _aggregate.Timeseries(TimeWindow.OneDay, TimeStep.Minute, Now).Count;

    [Benchmark]
    public int Timeseries24hByHour() => _aggregate.Timeseries(TimeWindow.OneDay, TimeStep.Hour, Now).Count;

    [Benchmark]
    public int ConceptSegments1h() => _aggregate.Segments(SegmentDimension.Concept, TimeWindow.OneHour, Now).Count;

    /// <summary>One batch folded into the current minute (and its hour).</summary>
    [Benchmark]
    public long ApplyBatch()
    {
        _aggregate.Apply(_nextMinute[_next++ & 63]);
        return _aggregate.NewestMinute ?? 0;
    }

    private BrandDelta Batch(long minute, ref SplitMix64 random)
    {
        var counts = new Dictionary<SegmentKey, long>();
        var authors = new List<uint>();
        for (var p = 0; p < PostsPerMinute; p++)
        {
            var concept = Concepts[random.Next(Concepts.Length)];
            var label = Labels[random.Next(Labels.Length)];
            Count(counts, SegmentDimension.Network, "x");
            Count(counts, SegmentDimension.Country, Countries[random.Next(Countries.Length)]);
            Count(counts, SegmentDimension.Language, Languages[random.Next(Languages.Length)]);
            Count(counts, SegmentDimension.Concept, concept);
            Count(counts, SegmentDimension.Sentiment, label);
            Count(counts, SegmentDimension.ConceptSentiment, concept + SegmentDimensions.AspectSeparator + label);
            authors.Add(UniqueAuthorSketch.EntryOf((ulong)random.Next(int.MaxValue) << 32 | (uint)random.Next(int.MaxValue)));
        }

        var segments = counts.Select(c => new SegmentCount(c.Key.Dimension, c.Key.Value, c.Value)).ToList();
        return new BrandDelta([new MinuteDelta(minute, PostsPerMinute, PostsPerMinute * 500, PostsPerMinute * 3, segments, authors)]);
    }

    private static void Count(Dictionary<SegmentKey, long> counts, SegmentDimension dimension, string value)
    {
        var key = new SegmentKey(dimension, value);
        counts[key] = counts.GetValueOrDefault(key) + 1;
    }
}
