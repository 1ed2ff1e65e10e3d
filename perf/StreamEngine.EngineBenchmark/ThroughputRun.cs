using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Akka.Actor;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Engine.Brands;
using StreamEngine.Engine.Ingest;
using StreamEngine.Engine.Telemetry;
using StreamEngine.LoadGenerator.Drive;
using StreamEngine.LoadGenerator.Firehose;

namespace StreamEngine.EngineBenchmark;

/// <summary>Feeds pre-generated NDJSON chunks into the ingest graph for a fixed time and reports sustained throughput.</summary>
internal static class ThroughputRun
{
    public sealed record Stage(string Name, long Rounds, double MeanMs, double SecondsPerMillionPosts);

    public sealed record Result(
        string Label,
        string Machine,
        int Brands,
        int Concepts,
        int Terms,
        int Batch,
        double BytesPerPost,
        double PrestartSeconds,
        double WarmupSeconds,
        bool JitSettled,
        long JitMethodsInWarmup,
        long JitMethodsMeasured,
        double JitSecondsMeasured,
        double MeasuredSeconds,
        long AcceptedPosts,
        double PostsPerSecond,
        double MegabytesPerSecond,
        long MentionsJournaled,
        long Late,
        long Unmatched,
        long Duplicates,
        long FailedChunks,
        double CpuCoresBusy,
        double CpuMicrosecondsPerPost,
        double AllocatedBytesPerPost,
        int Gen0,
        int Gen1,
        int Gen2,
        double GcPausePercent,
        double ChunkLatencyP50Ms,
        double ChunkLatencyP99Ms,
        double WorkingSetMb,
        IReadOnlyList<Stage> Stages,
        double BrandsPerRound,
        int ChunksPerRoundAtEnd,
        string LoadAverageAtEnd,
        string? FirstFailure);

    public static async Task<int> RunAsync(CommandArgs a)
    {
        var (model, description) = FirehoseCli.Model(a);
        var firehose = FirehoseCli.Options(a);
        var batch = a.Int("batch", 1000, min: 1);
        var duration = TimeSpan.FromSeconds(a.Positive("duration", 20));
        var warmup = TimeSpan.FromSeconds(a.Double("warmup", 5, min: 0));
        var warmupMax = TimeSpan.FromSeconds(a.Double("warmup-max", 120, min: 0));
        var poolPosts = a.Int("pool-posts", 200_000, min: 1);
        var inflight = a.Int("inflight", 512, min: 1);
        var defaults = new IngestSettings(ReadParallelism: Environment.ProcessorCount);
        var settings = defaults with { ChunksPerRound = a.Int("chunks-per-round", defaults.ChunksPerRound, min: 1, max: IngestSettings.MaxChunksPerRound) };
        var json = a.OutputFile("json");
        var label = a.String("label", description)!;
        var historyInMemory = a.Flag("history-in-memory");
        a.RejectUnknown();
        if (duration > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentException("--duration is capped at 10 minutes");
        }

        var generated = Stopwatch.GetTimestamp();
        var pool = new FirehoseGenerator(model, firehose with { IdPrefix = firehose.IdPrefix + DateTime.UtcNow.Ticks % 1_000_000 }).Pool(poolPosts, batch);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: {model.Brands.Count} brands, {model.Concepts.Count} concepts, {QueryTerms.Count(model)} terms; pool {pool.LinesPerPass:N0} posts in {pool.Batches.Count} chunks of {batch}, {pool.Bytes / (double)pool.LinesPerPass:0} B/post, made in {Stopwatch.GetElapsedTime(generated).TotalSeconds:0.0} s"));

        // Ctrl-C or SIGTERM ends the run where it is, and the engine is stopped and its directory
        // removed as after a full run: left to the runtime, the actor system went down under the
        // feeding loop, which then waited on a dead graph for minutes.
        using var interrupt = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            interrupt.Cancel();
        };
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            interrupt.Cancel();
        });
        await using var engine = await EngineHarness.StartAsync(model, settings: settings, historyInMemory: historyInMemory);

        // Start every brand actor (and its recovery from the empty journal) before timing, as a running node has.
        var prestart = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(model.Brands, new ParallelOptions { MaxDegreeOfParallelism = 256 }, async (brand, _) =>
            await engine.Region.Ask<BrandSummary>(new GetBrandSummary(brand.Id, TimeWindow.FifteenMinutes), TimeSpan.FromSeconds(120)));
        var prestartSeconds = Stopwatch.GetElapsedTime(prestart).TotalSeconds;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"all {model.Brands.Count} brand actors answered in {prestartSeconds:0.00} s"));

        var freq = Stopwatch.Frequency;
        var start = Stopwatch.GetTimestamp();
        var window = new MeasuredWindow();
        var settling = new JitSettling();
        var nextSample = start;
        var jitSettled = false;
        var counters = new Counters();
        var latencies = new List<long>();
        string? firstFailure = null;
        Snapshot? before = null;
        // Chunk buffers are recycled once their chunk is journaled, so the feeder's own allocations stay out of the figures.
        var maxChunkBytes = pool.Batches.Max(b => b.Bytes.Length);
        var buffers = new System.Collections.Concurrent.ConcurrentQueue<byte[]>();
        using var gate = new SemaphoreSlim(inflight);
        var outstanding = new List<Task>();
        long ticket = 0;
        while (true)
        {
            var now = Stopwatch.GetTimestamp();
            if (before is null && now >= nextSample)
            {
                // The warm-up lasts --warmup at least, then until the JIT has settled (or --warmup-max).
                var elapsed = (now - start) / (double)freq;
                settling.Add(elapsed, System.Runtime.JitInfo.GetCompiledMethodCount());
                nextSample = now + freq / 4;
                jitSettled = settling.Settled;
                if (settling.WarmUpOver(elapsed, warmup.TotalSeconds, warmupMax.TotalSeconds))
                {
                    before = Snapshot.Take();
                    window.Open(now, now + (long)(duration.TotalSeconds * freq));
                }
            }

            if (window.HasEnded(now) || interrupt.IsCancellationRequested)
            {
                break;
            }

            try
            {
                await gate.WaitAsync(interrupt.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var index = (int)(ticket % pool.Batches.Count);
            var source = pool.Batches[index];
            var buffer = buffers.TryDequeue(out var free) ? free : new byte[maxChunkBytes];
            source.Bytes.CopyTo(buffer, 0);
            pool.Patch(buffer, source, ticket / pool.Batches.Count, pool.ShiftAt(DateTimeOffset.UtcNow));
            var chunk = new IngestChunk(new ReadOnlyMemory<byte>(buffer, 0, source.Bytes.Length), 1);
            ticket++;
            var queued = Stopwatch.GetTimestamp();
            bool enqueued;
            try
            {
                enqueued = await engine.Pipeline.TryEnqueueAsync(chunk, TimeSpan.FromSeconds(30), interrupt.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (!enqueued)
            {
                gate.Release();
                buffers.Enqueue(buffer);
                firstFailure ??= "the graph stayed saturated for 30 s";
                continue;
            }

            outstanding.Add(chunk.Outcome.ContinueWith(t =>
            {
                buffers.Enqueue(buffer);
                gate.Release();
                var done = Stopwatch.GetTimestamp();
                if (!window.Contains(done))
                {
                    return;
                }

                var o = t.Result;
                lock (counters)
                {
                    if (!o.Journaled)
                    {
                        counters.Failed++;
                        firstFailure ??= o.Failure;
                        return;
                    }

                    counters.Accepted += o.Accepted;
                    counters.Late += o.Late;
                    counters.Unmatched += o.Unmatched;
                    counters.Duplicates += o.Duplicates;
                    counters.Bytes += source.Bytes.Length;
                    latencies.Add(done - queued);
                }
            }, TaskScheduler.Default));
            if (outstanding.Count > 4 * inflight)
            {
                outstanding.RemoveAll(t => t.IsCompleted);
            }
        }

        if (interrupt.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("interrupted: the run is no measurement; stopping the engine");
            engine.DrainOnStop = false;
            return 1;
        }

        var after = Snapshot.Take();
        before ??= after;
        await Task.WhenAny(Task.WhenAll(outstanding), Task.Delay(TimeSpan.FromSeconds(60)));

        var seconds = duration.TotalSeconds;
        latencies.Sort();
        var posts = Math.Max(1, counters.Accepted);
        var stages = new[] { "read", "batch", "journal" }.Select(name =>
        {
            var rounds = after.StageCount[name] - before.StageCount[name];
            var sum = after.StageSum[name] - before.StageSum[name];
            return new Stage(name, rounds, rounds == 0 ? 0 : Math.Round(sum / rounds * 1000, 3), Math.Round(sum / posts * 1e6, 2));
        }).ToList();
        var result = new Result(
            label,
            Program.Machine(),
            model.Brands.Count,
            model.Concepts.Count,
            QueryTerms.Count(model),
            batch,
            Math.Round(pool.Bytes / (double)pool.LinesPerPass, 1),
            Math.Round(prestartSeconds, 3),
            Math.Round((window.From - start) / (double)freq, 1),
            jitSettled,
            settling.MethodsCompiled,
            after.JitMethods - before.JitMethods,
            Math.Round((after.JitTime - before.JitTime).TotalSeconds, 2),
            seconds,
            counters.Accepted,
            Math.Round(counters.Accepted / seconds, 0),
            Math.Round(counters.Bytes / seconds / 1e6, 2),
            (long)(after.Mentions - before.Mentions),
            counters.Late,
            counters.Unmatched,
            counters.Duplicates,
            counters.Failed,
            Math.Round((after.Cpu - before.Cpu).TotalSeconds / seconds, 2),
            Math.Round((after.Cpu - before.Cpu).TotalMilliseconds * 1000 / posts, 2),
            Math.Round((after.Allocated - before.Allocated) / (double)posts, 0),
            after.Gen0 - before.Gen0,
            after.Gen1 - before.Gen1,
            after.Gen2 - before.Gen2,
            Math.Round((after.Pause - before.Pause).TotalSeconds / seconds * 100, 2),
            latencies.Count == 0 ? 0 : Math.Round(latencies[latencies.Count / 2] * 1000.0 / freq, 2),
            latencies.Count == 0 ? 0 : Math.Round(latencies[(int)(latencies.Count * 0.99)] * 1000.0 / freq, 2),
            Math.Round(Environment.WorkingSet / 1e6, 0),
            stages,
            after.RoundBrandsCount == before.RoundBrandsCount ? 0
                : Math.Round((after.RoundBrandsSum - before.RoundBrandsSum) / (after.RoundBrandsCount - before.RoundBrandsCount), 0),
            (int)EngineMetrics.RoundChunksLimit.Value,
            LoadAverage(),
            firstFailure);

        Console.WriteLine(Table(result));
        if (engine.History is { } history)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"history store: {history.LiveBytes / 1e6:0.0} MB of sealed history held in {history.FileBytes / 1e6:0.0} MB of files, {history.FailedWrites} writes failed"));
        }
        if (json is not null)
        {
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(result, Program.Json));
        }

        // A run with failed chunks measured a graph that lost posts: a script must not carry on
        // as if it had a figure.
        if (result.FailedChunks > 0 || result.FirstFailure is not null)
        {
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"the run is no measurement: {result.FailedChunks} chunks failed{(result.FirstFailure is { } first ? $" (first failure: {first})" : "")}"));
            return 1;
        }

        return 0;
    }

    /// <summary>The machine's 1/5/15-minute load averages: on a shared 2-core box they say how much else was running.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Table(Result r)
    {
        var c = CultureInfo.InvariantCulture;
        var t = new System.Text.StringBuilder();
        t.AppendLine(c, $"{r.Label} | {r.Machine} | load average at end {r.LoadAverageAtEnd}");
        t.AppendLine(c, $"model            {r.Brands} brands, {r.Concepts} concepts, {r.Terms} terms; chunks of {r.Batch} posts, {r.BytesPerPost:0} B/post");
        t.AppendLine(c, $"window           brand actors up in {r.PrestartSeconds:0.00} s; {r.WarmupSeconds:0.#} s warm-up, {r.MeasuredSeconds:0.#} s measured");
        t.AppendLine(c, $"jit              {r.JitMethodsInWarmup:N0} methods compiled in the warm-up, {(r.JitSettled ? "settled" : "still compiling at --warmup-max")}; {r.JitMethodsMeasured:N0} in the measured window, {r.JitSecondsMeasured:0.00} s of compiling");
        if (r.JitMethodsMeasured > JitSettling.ManyMethods)
        {
            t.AppendLine(c, $"warning          the JIT compiled {r.JitMethodsMeasured:N0} methods in the measured window: the figures are not the engine's steady state; run longer or raise --warmup");
        }

        t.AppendLine(c, $"throughput       {r.PostsPerSecond:N0} accepted posts/s ({r.MegabytesPerSecond:0.0} MB/s); {r.MentionsJournaled:N0} mentions journaled; late {r.Late:N0}, unmatched {r.Unmatched:N0}, duplicates {r.Duplicates:N0}; failed chunks {r.FailedChunks}");
        t.AppendLine(c, $"cpu              {r.CpuCoresBusy:0.00} cores busy, {r.CpuMicrosecondsPerPost:0.00} µs CPU per post");
        t.AppendLine(c, $"memory           {r.AllocatedBytesPerPost:N0} B allocated per post; GCs gen0/1/2 {r.Gen0}/{r.Gen1}/{r.Gen2}; GC pauses {r.GcPausePercent:0.0} % of wall time; working set {r.WorkingSetMb:N0} MB");
        t.AppendLine(c, $"chunk latency    enqueue → journaled: p50 {r.ChunkLatencyP50Ms:0.0} ms, p99 {r.ChunkLatencyP99Ms:0.0} ms");
        foreach (var s in r.Stages)
        {
            t.AppendLine(c, $"stage {s.Name,-10} {s.Rounds,7} observations, mean {s.MeanMs,9:0.000} ms, {s.SecondsPerMillionPosts,7:0.00} s per 1M posts (summed over parallel observations)");
        }

        t.AppendLine(c, $"rounds           {r.BrandsPerRound:N0} brands named per round on average (one journal row each); at most {r.ChunksPerRoundAtEnd} chunks a round at the end");

        if (r.FirstFailure is not null)
        {
            t.AppendLine(c, $"first failure    {r.FirstFailure}");
        }

        return t.ToString();
    }

    private sealed class Counters
    {
        public long Accepted;
        public long Late;
        public long Unmatched;
        public long Duplicates;
        public long Failed;
        public long Bytes;
    }

    private sealed record Snapshot(
        TimeSpan Cpu,
        long Allocated,
        int Gen0,
        int Gen1,
        int Gen2,
        TimeSpan Pause,
        long JitMethods,
        TimeSpan JitTime,
        double Mentions,
        Dictionary<string, long> StageCount,
        Dictionary<string, double> StageSum,
        long RoundBrandsCount,
        double RoundBrandsSum)
    {
        public static Snapshot Take()
        {
            string[] names = ["read", "batch", "journal"];
            return new Snapshot(
                Process.GetCurrentProcess().TotalProcessorTime,
                GC.GetTotalAllocatedBytes(precise: false),
                GC.CollectionCount(0),
                GC.CollectionCount(1),
                GC.CollectionCount(2),
                GC.GetTotalPauseDuration(),
                System.Runtime.JitInfo.GetCompiledMethodCount(),
                System.Runtime.JitInfo.GetCompilationTime(),
                EngineMetrics.MentionsRecorded.Value,
                names.ToDictionary(n => n, n => EngineMetrics.StageSeconds.WithLabels(n).Count),
                names.ToDictionary(n => n, n => EngineMetrics.StageSeconds.WithLabels(n).Sum),
                EngineMetrics.RoundBrands.Count,
                EngineMetrics.RoundBrands.Sum);
        }
    }
}
