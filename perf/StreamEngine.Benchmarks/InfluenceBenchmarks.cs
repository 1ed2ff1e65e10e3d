using BenchmarkDotNet.Attributes;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Influence;

namespace StreamEngine.Benchmarks;

/// <summary>
/// A brand's influencer rankings taking one batch's minute: the batch's leading authors and
/// hashtags (as <see cref="BrandDeltaBuilder"/> hands them on) folded into the minute's, the hour's
/// and the day's panes, three rankings of authors and one of hashtags each. The authors come from
/// <see cref="Audience"/> accounts, a few of them far busier than the rest (seeded), so the panes
/// are full and each batch both finds kept authors and pushes out the least of them. Every batch
/// names its authors with strings of its own, as a batch built from freshly read posts does; the 64
/// batches come round again, though, so a kept key is now and then the very string being added.
/// </summary>
[MemoryDiagnoser]
public class InfluenceBenchmarks
{
    private const int Audience = 20_000;
    private const int Batches = 64;

    private static readonly long Minute = EventTime.MinuteOf(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    [Params(8, 48)]
    public int AuthorsPerBatch { get; set; }

    private BrandInfluence _influence = null!;
    private MinuteDelta[] _batches = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var random = new SplitMix64(7);
        _batches = [.. Enumerable.Range(0, Batches).Select(_ => Batch(ref random))];
        _influence = new BrandInfluence();
        foreach (var batch in _batches)
        {
            _influence.Apply(batch);
        }
    }

    [Benchmark]
    public int ApplyBatch()
    {
        var batch = _batches[_next++ & (Batches - 1)];
        _influence.Apply(batch);
        return batch.Authors.Count;
    }

    private MinuteDelta Batch(ref SplitMix64 random)
    {
        var authors = new Dictionary<string, AuthorContribution>(StringComparer.Ordinal);
        while (authors.Count < AuthorsPerBatch)
        {
            // The product of two uniform draws: small account numbers, the busy ones, come up far more often.
            var account = random.Next(Audience) * (long)random.Next(Audience) / Audience;
            var key = $"x/@account{account}";
            var followers = 50L << random.Next(16);
            authors.TryAdd(key, new AuthorContribution(key, new AuthorTally(1 + random.Next(3), followers, random.Next(200), random.Next(2), random.Next(2))));
        }

        var tags = new HashSet<int>();
        while (tags.Count < BrandDeltaBuilder.HashtagsPerMinute)
        {
            tags.Add(random.Next(500) * random.Next(500) / 500);
        }

        var hashtags = new TermContribution[tags.Count];
        var n = 0;
        foreach (var tag in tags)
        {
            hashtags[n++] = new TermContribution($"tag{tag}", 1 + random.Next(5));
        }

        return new MinuteDelta(Minute, AuthorsPerBatch, 0, 0, [], [])
        {
            Authors = [.. authors.Values.OrderBy(a => a.Author, StringComparer.Ordinal)],
            Hashtags = hashtags,
        };
    }
}
