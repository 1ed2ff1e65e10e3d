using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Akka.Actor;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Analysis;
using StreamEngine.Domain.Ingest;
using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Sketches;
using StreamEngine.Engine.Brands;
using StreamEngine.Engine.Ingest;
using StreamEngine.Engine.Serialization;
using StreamEngine.LoadGenerator.Firehose;

namespace StreamEngine.EngineBenchmark;

/// <summary>
/// Times each piece of the hot path on one thread over the same pre-generated chunks, as the ingest
/// graph runs it: parse, the analyzer's single pass (tokens, matching, sentiment),
/// ChunkReader.Read (all of it plus validation and MatchedPost), the batching
/// fold (duplicate filter + BrandDeltaBuilder, rounds of 64 chunks), the journal serializer, the
/// aggregate fold, and the brand actor's query maths. Reports ns and bytes allocated per post
/// (median of --repeat runs), from Stopwatch and GC.GetAllocatedBytesForCurrentThread.
/// </summary>
internal static class StageProfile
{
    private const int ChunksPerRound = 64;

    /// <summary>One piece's median time and allocation per post (null for a piece not done per post, such as a query) and per unit.</summary>
    public sealed record Piece(string Name, string Per, double? NsPerPost, double? BytesPerPost, double NsPerUnit, double BytesPerUnit, long Units);

    public static int Run(CommandArgs a)
    {
        var (model, description) = FirehoseCli.Model(a);
        var firehose = FirehoseCli.Options(a);
        var batch = a.Int("batch", 1000, min: 1);
        var poolPosts = a.Int("pool-posts", 100_000, min: 1);
        var repeat = a.Int("repeat", 3, min: 1);
        var json = a.OutputFile("json");
        a.RejectUnknown();

        var pool = new FirehoseGenerator(model, firehose).Pool(poolPosts, batch);
        var chunks = pool.Batches.Select(b => b.Bytes).ToArray();
        var lines = chunks.SelectMany(SplitLines).ToArray();
        var now = DateTimeOffset.UtcNow;
        var posts = lines.Select(l => PostParser.TryParse(l, out var p, out _) ? p! : null).Where(p => p is not null).Cast<Post>().ToArray();
        var analyzer = new CurrentModel(model).Analyzer;
        var analysis = new AnalysisScratch();
        var readings = chunks.Select(c => ChunkReader.Read(c, 1, analyzer, now, analysis)).ToArray();
        var deltas = Fold(readings, analyzer).ToArray();
        using var system = (ExtendedActorSystem)ActorSystem.Create("profile", "akka.loglevel = WARNING");
        var serializer = new BrandStateSerializer(system);
        var mentions = readings.Sum(r => r.Mentions.Count);
        var brandMentions = readings.Sum(r => r.Mentions.Sum(m => m.Brands.Count));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{description}: {posts.Length:N0} valid posts, {mentions:N0} mentioning brands ({brandMentions:N0} brand mentions), {deltas.Length:N0} brand deltas in {(chunks.Length + ChunksPerRound - 1) / ChunksPerRound} rounds, {pool.Bytes / (double)pool.LinesPerPass:0} B/post"));

        var results = new List<Piece>
        {
            Measure("parse (PostParser.TryParse)", "line", lines.Length, repeat, () =>
            {
                foreach (var line in lines)
                {
                    PostParser.TryParse(line, out _, out _);
                }
            }),
            Measure("analyze (PostAnalyzer.Analyze: tokens+match+sentiment)", "post", posts.Length, repeat, () =>
            {
                var brands = new List<int>();
                foreach (var post in posts)
                {
                    analyzer.Analyze(post, analysis, brands);
                }
            }),
            Measure("read chunk (ChunkReader.Read: parse+validate+analyze)", "line", lines.Length, repeat, () =>
            {
                foreach (var chunk in chunks)
                {
                    ChunkReader.Read(chunk, 1, analyzer, now, analysis);
                }
            }),
            Measure("batch fold (dup filter + BrandDeltaBuilder)", "post", lines.Length, repeat, () => _ = Fold(readings, analyzer).Count()),
            Measure("serialize journal events (BrandStateSerializer)", "delta", deltas.Length, repeat, () =>
            {
                foreach (var (_, delta) in deltas)
                {
                    serializer.ToBinary(new MentionsRecorded(delta));
                }
            }),
            Measure("apply deltas (BrandAggregate.Apply)", "delta", deltas.Length, repeat, () =>
            {
                var aggregates = new Dictionary<string, BrandAggregate>(StringComparer.Ordinal);
                foreach (var (brand, delta) in deltas)
                {
                    if (!aggregates.TryGetValue(brand, out var aggregate))
                    {
                        aggregates[brand] = aggregate = new BrandAggregate();
                    }

                    aggregate.Apply(delta);
                }
            }),
        };

        var filled = new Dictionary<string, BrandAggregate>(StringComparer.Ordinal);
        foreach (var (brand, delta) in deltas)
        {
            if (!filled.TryGetValue(brand, out var aggregate))
            {
                filled[brand] = aggregate = new BrandAggregate();
            }

            aggregate.Apply(delta);
        }

        var busiest = filled.OrderByDescending(f => f.Value.Summary(TimeWindow.OneDay, now).Mentions).First().Value;
        results.Add(Measure("query summary 24h, busiest brand", "query", 200, repeat, () =>
        {
            for (var i = 0; i < 200; i++)
            {
                busiest.Summary(TimeWindow.OneDay, now);
            }
        }, perPost: false));
        results.Add(Measure("query segments country 24h, busiest brand", "query", 200, repeat, () =>
        {
            for (var i = 0; i < 200; i++)
            {
                busiest.Segments(SegmentDimension.Country, TimeWindow.OneDay, now);
            }
        }, perPost: false));

        Console.WriteLine($"{description}; {Program.Machine()}; one thread, median of {repeat}");
        Console.WriteLine("piece                                                     ns/post   B/post      ns/unit     B/unit  units");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Name,-56} {PerPost(r.NsPerPost),8} {PerPost(r.BytesPerPost),8} {r.NsPerUnit,12:0} {r.BytesPerUnit,10:0} {r.Units,6} {r.Per}"));
        }

        if (json is not null)
        {
            File.WriteAllText(json, JsonSerializer.Serialize(results, Program.Json));
        }

        return 0;

        Piece Measure(string name, string per, long units, int times, Action body, bool perPost = true)
        {
            // Warm the JIT and the caches: a few passes over at least 1.5 s, since one pass over a
            // small pool ended before the JIT's final tier, and a piece's parts then outweighed it.
            var warming = Stopwatch.GetTimestamp();
            for (var pass = 0; pass < 3 || Stopwatch.GetElapsedTime(warming) < TimeSpan.FromSeconds(1.5); pass++)
            {
                body();
            }

            var samples = new List<(double Ns, double Bytes)>();
            for (var i = 0; i < times; i++)
            {
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                var started = Stopwatch.GetTimestamp();
                body();
                var ns = Stopwatch.GetElapsedTime(started).TotalMilliseconds * 1e6;
                samples.Add((ns, GC.GetAllocatedBytesForCurrentThread() - allocated));
            }

            var median = samples.OrderBy(s => s.Ns).ElementAt(samples.Count / 2);
            return new Piece(name, per,
                perPost ? Math.Round(median.Ns / lines.Length, 1) : null,
                perPost ? Math.Round(median.Bytes / lines.Length, 1) : null,
                Math.Round(median.Ns / units, 1), Math.Round(median.Bytes / units, 1), units);
        }
    }

    private static string PerPost(double? value) => value is { } v ? v.ToString("0", CultureInfo.InvariantCulture) : "-";

    /// <summary>What the ingest graph's batching stage does: rounds of 64 chunks through one <see cref="MentionBatcher"/>.</summary>
    private static IEnumerable<(string Brand, BrandDelta Delta)> Fold(IReadOnlyList<ChunkReading> readings, PostAnalyzer analyzer)
    {
        var batcher = new MentionBatcher();
        var admitted = new AdmittedPosts();
        for (var r = 0; r < readings.Count; r += ChunksPerRound)
        {
            var round = readings.Skip(r).Take(ChunksPerRound).ToList();
            admitted.Clear();
            foreach (var batch in batcher.Fold(round, analyzer, admitted))
            {
                yield return (batch.BrandId, batch.Delta);
            }
        }
    }

    private static IEnumerable<byte[]> SplitLines(byte[] chunk)
    {
        var start = 0;
        for (var i = 0; i < chunk.Length; i++)
        {
            if (chunk[i] == (byte)'\n')
            {
                yield return chunk[start..i];
                start = i + 1;
            }
        }
    }
}
