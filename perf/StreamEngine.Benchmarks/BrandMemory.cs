using System.Diagnostics;
using System.Globalization;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Analysis;
using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Sentiment;
using StreamEngine.Domain.Sketches;

namespace StreamEngine.Benchmarks;

/// <summary>
/// What a brand's rolling figures hold once history fills them: brands fed one post per
/// brand-minute over the given span (a new author each, with country, language, gender, age,
/// network, purchase month, a concept and a sentiment label; the author ranks as an influencer and
/// the post carries two of 200 hashtags), then the managed heap per brand
/// (<see cref="GC.GetTotalMemory(bool)"/> after a full collection, less the heap before the
/// brands were made) and the best of five rounds of queries over each window.
/// <c>--brand-memory BRANDS MINUTES</c>; 43,200 minutes fill 24 h of minute buckets and 30 days
/// of hour buckets.
/// </summary>
internal static class BrandMemory
{
    private static readonly string[] Countries = ["DE", "US", "FR", "GB", "ES", "IT", "JP", "BR", "IN", "CA"];
    private static readonly string[] Languages = ["en", "de", "fr", "es", "ja", "pt"];
    private static readonly string[] Concepts = [.. Enumerable.Range(0, 10).Select(i => $"concept{i}")];

    public static void Run(int brands, int minutes, HistoryStore? history)
    {
        var now = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var aggregates = Enumerable.Range(0, brands).Select(_ => new BrandAggregate(history)).ToArray();
        var random = new SplitMix64(42);
        var author = 0;
        var fed = Stopwatch.StartNew();
        for (var m = minutes - 1; m >= 0; m--)
        {
            var at = now - TimeSpan.FromMinutes(m);
            foreach (var aggregate in aggregates)
            {
                var builder = new BrandDeltaBuilder();
                builder.Add(Post(at, author++, ref random), Analysis(ref random));
                aggregate.Apply(builder.Build());
            }
        }

        fed.Stop();
        var held = GC.GetTotalMemory(forceFullCollection: true) - before;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{brands} brands x {minutes} minutes fed in {fed.Elapsed.TotalSeconds:F1} s: {held / brands:N0} bytes of heap per brand"));
        if (history is not null)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"history store: {history.LiveBytes / brands:N0} bytes per brand on disk ({history.LiveBytes:N0} live, {history.FileBytes:N0} in files)"));
        }

        foreach (var window in new[] { TimeWindow.OneHour, TimeWindow.OneDay, TimeWindow.SevenDays, TimeWindow.ThirtyDays })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{window.Name,4}: summary {Best(aggregates, a => a.Summary(window, now).Mentions):F1} us, " +
                $"country segments {Best(aggregates, a => a.Segments(SegmentDimension.Country, window, now).Count):F1} us, " +
                $"top authors + hashtags {Best(aggregates, a => a.Influence.TopAuthors(window, TallyWeight.Mentions, 10, now).Count + a.Influence.Hashtags(window, now).Count):F1} us"));
        }

        GC.KeepAlive(aggregates);
    }

    /// <summary>Microseconds per query, best of five rounds over up to 50 brands, after a first pass.</summary>
    private static double Best(BrandAggregate[] aggregates, Func<BrandAggregate, long> query)
    {
        var sample = aggregates.Take(50).ToArray();
        var best = double.MaxValue;
        for (var round = 0; round < 6; round++)
        {
            var watch = Stopwatch.StartNew();
            foreach (var aggregate in sample)
            {
                query(aggregate);
            }

            if (round > 0)
            {
                best = Math.Min(best, watch.Elapsed.TotalMicroseconds / sample.Length);
            }
        }

        return best;
    }

    private static Post Post(DateTimeOffset at, int author, ref SplitMix64 random)
    {
        var gender = (Gender)(1 + random.Next(2));
        var who = new Author("a" + author, "@handle" + author, null, 100 + random.Next(100_000), false, gender,
            18 + random.Next(50), Countries[random.Next(Countries.Length)]);
        var text = $"acme #tag{random.Next(200)} #tag{random.Next(200)}";
        return new Post("p" + author, Network.X, at, text, Languages[random.Next(Languages.Length)], who,
            new Engagement(random.Next(50), random.Next(10), random.Next(10), 0), null, new DateOnly(2026, 1 + random.Next(12), 1));
    }

    private static PostAnalysis Analysis(ref SplitMix64 random)
    {
        var compound = (random.Next(2001) - 1000) / 1000.0;
        var sentiment = new SentimentScore(compound, 0, 1, 0);
        return new PostAnalysis([Concepts[random.Next(Concepts.Length)]], [], sentiment, Emotions.None, []);
    }
}
