using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Model;
using StreamEngine.LoadGenerator.Firehose;

namespace StreamEngine.LoadGenerator.Drive;

/// <summary>
/// Drives a running node's POST /api/ingest from a pre-generated pool of batches (fresh ids on every
/// pass), with optional dashboard pollers and a freshness probe, and reports what it measured.
/// Every loop is bounded by the run's deadline; only loopback addresses are accepted as targets.
/// </summary>
public sealed class Driver : IDisposable
{
    /// <summary>How long the first request (the node's brand list) may take before the run is given up.</summary>
    public static readonly TimeSpan ListingTimeout = TimeSpan.FromSeconds(30);

    private static readonly string[] Windows = ["15m", "1h", "24h"];
    private static readonly MediaTypeHeaderValue Ndjson = new("application/x-ndjson");

    private readonly DriveOptions _o;
    private readonly ListeningModel _model;
    private readonly FirehoseGenerator _generator;
    private readonly int _poolPosts;

    // Made once the node has answered: a pool of millions of posts takes seconds to make, which a
    // node that is not there should not cost.
    private PostPool _pool = null!;
    private readonly HttpClient _http;
    private readonly string[] _pollBrands;
    private readonly string _runId = Convert.ToString(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() % 100_000_000, CultureInfo.InvariantCulture);

    private long _tickets;
    private Schedule _schedule = new(0, 0);
    private long _start;
    private readonly MeasuredWindow _window = new();
    private readonly IngestTally _tally;
    private long _sentLines;
    private long _behindSchedule;
    private bool _compareAnswers;
    private readonly FreshnessProbe? _probe;

    public Driver(DriveOptions options, ListeningModel model, FirehoseOptions firehose, int poolPosts)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(firehose);
        if (!IsLoopback(options.Url))
        {
            throw new ArgumentException($"--url is {options.Url}: not a loopback address; drive targets 127.0.0.1, ::1 or localhost only");
        }

        _o = options;
        _model = model;
        _tally = new IngestTally(_window, (int)Math.Ceiling((MaxWarmup + options.Duration).TotalSeconds) + 120);
        _generator = new FirehoseGenerator(model, firehose with { IdPrefix = firehose.IdPrefix + _runId });
        _poolPosts = poolPosts;
        _pollBrands = model.Brands.Select(b => b.Id).Where(id => id != options.ProbeBrand).ToArray();
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Connections + options.Pollers + 2,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
        };
        // A node keeps an ingest request up to 125 s while its brands' writes are under way: cut
        // sooner, the request would pass for lost while its posts were being journaled.
        _http = new HttpClient(handler) { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(150) };
        if (options.Probe)
        {
            var brand = options.ProbeBrand ?? throw new ArgumentException("the probe needs --probe-brand");
            _probe = new FreshnessProbe(_http, _window, brand, options.ProbePosts, options.ProbeEvery,
                (id, dated) => _generator.ProbeLine(brand, id, dated), TimeProvider.System, _tally.Note);
        }
    }

    public static bool IsLoopback(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }

    public async Task<DriveReport> RunAsync(CancellationToken cancellationToken)
    {
        await CheckHostAsync(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        _pool = _generator.Pool(_poolPosts, _o.Batch);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pool: {_pool.LinesPerPass:N0} posts in {_pool.Batches.Count:N0} batches, {_pool.Bytes / 1e6:0.0} MB, {_pool.Bytes / (double)_pool.LinesPerPass:0} B/post, made in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s"));
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var freq = Stopwatch.Frequency;
        _start = Stopwatch.GetTimestamp();
        _schedule = new Schedule(_start, 0);
        _tally.Begin(_start);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        var workers = Enumerable.Range(0, _o.Connections).Select(_ => Task.Run(() => WorkerAsync(stop.Token), CancellationToken.None)).ToList();
        var pollers = new PollerStats[_o.Pollers];
        var pollTasks = Enumerable.Range(0, _o.Pollers).Select(i => Task.Run(() => PollerAsync(pollers[i] = new PollerStats(), i, stop.Token), CancellationToken.None)).ToList();
        var probe = _probe is { } freshness ? Task.Run(() => freshness.RunAsync(_runId, stop.Token), CancellationToken.None) : Task.CompletedTask;

        var ingestEnded = Task.WhenAll(workers).ContinueWith(_ => Stopwatch.GetTimestamp(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        var warmUp = await WarmUpAsync(ingestEnded, stop, cancellationToken);

        // In-flight requests finish after the deadline; give them a bounded grace period.
        var all = Task.WhenAll(workers.Concat(pollTasks).Append(probe));
        if (await Task.WhenAny(all, Task.Delay(_o.Duration + TimeSpan.FromSeconds(60), CancellationToken.None)) != all)
        {
            Console.Error.WriteLine("some requests were still running 60 s after the deadline; reporting without them");
        }

        // A sender that ended on an error sent nothing more, and the run would read as a slow node.
        var sendersStopped = workers.Where(w => w.IsFaulted).Select(w => w.Exception!.GetBaseException()).ToList();
        foreach (var error in sendersStopped)
        {
            _tally.Note($"a sender stopped: {error.GetType().Name}: {error.Message}");
        }

        HostJit? jitAtEnd = null;
        if (warmUp.HostJit is not null)
        {
            // Read even after Ctrl-C: the report is still printed.
            using var scrape = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            jitAtEnd = await HostJit.ReadAsync(_http, scrape.Token);
        }

        var counts = _tally.Counts();
        var queries = new Dictionary<string, Latency>(StringComparer.Ordinal);
        var allQueries = new Latency();
        var queryErrors = 0L;
        foreach (var p in pollers)
        {
            queryErrors += p.Errors;
            foreach (var (endpoint, latency) in p.ByEndpoint)
            {
                if (!queries.TryGetValue(endpoint, out var merged))
                {
                    queries[endpoint] = merged = new Latency();
                }

                merged.Add(latency);
                allQueries.Add(latency);
            }
        }

        // With --requests or --once the load may end before the duration does: rates are over the
        // part of the window the load ran in. Paced, that part lasts as long as its schedule, not
        // until the last answer: the last request's posts stand for a whole batch's time.
        var answered = ingestEnded.IsCompletedSuccessfully ? ingestEnded.Result : Stopwatch.GetTimestamp();
        var scheduled = _o.Rate is { } offered && _o.Requests is { } requests
            ? _schedule.Start + (long)((requests - _schedule.FirstTicket) * (_o.Batch / offered) * freq)
            : long.MinValue;
        var loadEnded = Math.Min(Math.Max(answered, scheduled), _window.To);
        if (loadEnded <= _window.From)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"warning: the load ended {warmUp.Seconds:0.0} s into the warm-up (--warmup {_o.Warmup.TotalSeconds:0.#} s): nothing below was measured; give a shorter --warmup or more requests"));
        }
        else if (loadEnded - _window.From < freq)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"warning: the load ended {(loadEnded - _window.From) / (double)freq:0.000} s into the measured window (after --warmup): the rates below stand on less than a second"));
        }
        // Read from the probe, not its task: what it did before any error still stands, and agrees with its freshness.
        var probeCounts = _probe?.Counts ?? new ProbeCounts(0, 0, 0, 0);
        if (probe.IsFaulted)
        {
            _tally.Note($"the freshness probe stopped: {probe.Exception!.GetBaseException().Message}");
        }

        var measuredSeconds = Math.Max(0.001, (loadEnded - _window.From) / (double)freq);
        // Whole seconds only: the window opens and closes part way through one.
        var firstSecond = (int)Math.Ceiling(warmUp.Seconds);
        var perSecond = counts.AcceptedPerSecond
            .Skip(firstSecond)
            .Take(Math.Max(0, (int)Math.Floor((loadEnded - _start) / (double)freq) - firstSecond))
            .OrderBy(v => v)
            .ToArray();
        return new DriveReport(
            _o.Url.ToString(),
            _model.Brands.Count,
            _model.Concepts.Count,
            QueryTerms.Count(_model),
            _o.Rate,
            _o.Connections,
            _o.Batch,
            Math.Round(warmUp.Seconds, 1),
            warmUp.JitSettled,
            warmUp.JitCompiling,
            warmUp.JitMethods,
            jitAtEnd is { } end && warmUp.HostJit is { } open ? end.CompiledMethods - open.CompiledMethods : null,
            jitAtEnd is { } endTime && warmUp.HostJit is { } openTime ? Math.Round(endTime.CompilationSeconds - openTime.CompilationSeconds, 2) : null,
            measuredSeconds,
            _pool.Bytes / (double)_pool.LinesPerPass,
            Interlocked.Read(ref _sentLines),
            counts.Run,
            counts.Window,
            counts.Unanswered,
            counts.Rejected,
            counts.Late,
            counts.Unmatched,
            counts.Duplicates,
            counts.Accepted,
            Math.Round(counts.Accepted / measuredSeconds, 1),
            perSecond.Length == 0 ? null : perSecond[0],
            perSecond.Length == 0 ? null : perSecond[perSecond.Length / 2],
            perSecond.Length == 0 ? null : perSecond[^1],
            Interlocked.Read(ref _behindSchedule),
            sendersStopped.Count,
            counts.Ack,
            _o.Rate is null ? null : counts.AckFromSchedule,
            _o.Pollers,
            _compareAnswers,
            queries.ToDictionary(q => q.Key, q => q.Value.Summary(), StringComparer.Ordinal),
            allQueries.Summary(),
            queryErrors,
            _probe?.Freshness.Summary(),
            probeCounts,
            Math.Round((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds / Stopwatch.GetElapsedTime(_start).TotalSeconds, 2),
            File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a",
            _tally.FirstError);
    }

    public void Dispose() => _http.Dispose();

    private TimeSpan MaxWarmup => _o.WarmupMax > _o.Warmup ? _o.WarmupMax : _o.Warmup;

    /// <summary>When the paced schedule's <paramref name="FirstTicket"/> is due; each batch after it is due a batch's time later.</summary>
    private sealed record Schedule(long Start, long FirstTicket);

    private sealed record WarmUp(double Seconds, bool? JitSettled, bool? JitCompiling, long JitMethods, HostJit? HostJit);

    /// <summary>
    /// Runs the warm-up: --warmup at least, then while the node's JIT is still compiling, up to
    /// --warmup-max (for a load bounded by --duration); --warmup alone when the node publishes no JIT
    /// counts. A load that ends first ends it. Then opens the measured window and arms the deadline.
    /// </summary>
    private async Task<WarmUp> WarmUpAsync(Task loadEnded, CancellationTokenSource stop, CancellationToken cancellationToken)
    {
        var settling = new JitSettling();
        HostJit? latest = null;
        var publishes = true;
        while (!cancellationToken.IsCancellationRequested && !loadEnded.IsCompleted)
        {
            var elapsed = Stopwatch.GetElapsedTime(_start);
            if (publishes ? settling.WarmUpOver(elapsed.TotalSeconds, _o.Warmup.TotalSeconds, MaxWarmup.TotalSeconds) : elapsed >= _o.Warmup)
            {
                break;
            }

            if (await HostJit.ReadAsync(_http, cancellationToken) is { } jit)
            {
                latest = jit;
                settling.Add(Stopwatch.GetElapsedTime(_start).TotalSeconds, jit.CompiledMethods);
            }
            else if (latest is null)
            {
                // Nothing on the first scrape: the node does not publish them. A scrape that fails
                // later is only skipped.
                publishes = false;
            }

            await Task.WhenAny(loadEnded, Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken));
        }

        var from = Stopwatch.GetTimestamp();
        Rebase(from);
        _window.Open(from, from + (long)(_o.Duration.TotalSeconds * Stopwatch.Frequency));
        stop.CancelAfter(_o.Duration);
        return new WarmUp((from - _start) / (double)Stopwatch.Frequency, latest is null ? null : settling.Settled, latest is null ? null : settling.Compiling, settling.MethodsCompiled, latest);
    }

    /// <summary>
    /// Paced, a schedule the node fell behind in its warm-up starts again with the window: batches it
    /// could not take then are not sent on top of the offered rate. One on time goes on as it was.
    /// Tickets already taken keep their times; those overdue go at once, at most one a connection.
    /// </summary>
    private void Rebase(long from)
    {
        if (_o.Rate is not { } rate)
        {
            return;
        }

        var old = Volatile.Read(ref _schedule);
        var next = Interlocked.Read(ref _tickets);
        // In whole ticks a batch, as the workers count them.
        var due = old.Start + (next - old.FirstTicket) * (long)(_o.Batch / rate * Stopwatch.Frequency);
        Volatile.Write(ref _schedule, new Schedule(Math.Max(due, from), next));
    }

    private async Task CheckHostAsync(CancellationToken cancellationToken)
    {
        // A node answers its brand list at once; the client's 150 s is for ingest requests held
        // while writes finish, and a node that does not answer this should not hold the run so long.
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(ListingTimeout);
        using var listing = await _http.GetAsync(new Uri("/api/brands", UriKind.Relative), bounded.Token);
        listing.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await listing.Content.ReadAsStringAsync(cancellationToken));
        var hostBrands = doc.RootElement.EnumerateArray().Select(b => b.GetProperty("id").GetString()).ToHashSet(StringComparer.Ordinal);
        var missing = _model.Brands.Count(b => !hostBrands.Contains(b.Id));
        if (missing > 0)
        {
            Console.Error.WriteLine($"warning: {missing} of the generator's {_model.Brands.Count} brands are not in the host's model; those posts will not match");
        }

        if (_o.Pollers > 0)
        {
            using var compare = await _http.GetAsync(new Uri($"/api/brands/{_pollBrands[0]}/compare?window=1h", UriKind.Relative), cancellationToken);
            _compareAnswers = compare.StatusCode == HttpStatusCode.OK;
            Console.Error.WriteLine($"GET /api/brands/{{id}}/compare answers {(int)compare.StatusCode}: {(_compareAnswers ? "pollers read it too" : "pollers skip it")}");
        }
    }

    private async Task WorkerAsync(CancellationToken stop)
    {
        var freq = Stopwatch.Frequency;
        var ticksPerBatch = _o.Rate is { } rate ? (long)(_o.Batch / rate * freq) : 0;
        while (!stop.IsCancellationRequested)
        {
            var ticket = Interlocked.Increment(ref _tickets) - 1;
            if (_o.Requests is { } cap && ticket >= cap)
            {
                return;
            }

            var intended = Stopwatch.GetTimestamp();
            if (_o.Rate is not null)
            {
                var schedule = Volatile.Read(ref _schedule);
                intended = schedule.Start + (ticket - schedule.FirstTicket) * ticksPerBatch;
                var wait = intended - Stopwatch.GetTimestamp();
                if (wait > 0)
                {
                    try
                    {
                        await Task.Delay(TimeSpan.FromSeconds(wait / (double)freq), stop);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
                else if (-wait > freq / 100)
                {
                    Interlocked.Increment(ref _behindSchedule);
                }
            }

            var index = (int)(ticket % _pool.Batches.Count);
            var payload = _pool.Materialise(index, ticket / _pool.Batches.Count, _pool.ShiftAt(DateTimeOffset.UtcNow));
            var probe = _probe?.Take();
            if (probe is not null)
            {
                payload = [.. payload, .. probe.Payload];
            }

            Interlocked.Add(ref _sentLines, _pool.Batches[index].Lines);
            _tally.Sending();
            var sent = Stopwatch.GetTimestamp();
            IngestAnswer answer;
            try
            {
                answer = await PostAsync(payload, _pool.Batches[index].Lines + (probe?.Lines ?? 0));
            }
#pragma warning disable CA1031 // a failed request is counted and reported, never fatal to the run
            catch (Exception ex)
#pragma warning restore CA1031
            {
                answer = IngestAnswer.Failed($"{ex.GetType().Name}: {ex.Message}");
            }

            var done = Stopwatch.GetTimestamp();
            probe?.Complete(done, answer is { Status: HttpStatusCode.OK });

            // The probe's posts the node took are the probe's, not the firehose's (ProbeLines).
            var probeLines = probe is null ? 0 : ProbeLines.Taken(answer.Status, answer.UnreadFromLine, _pool.Batches[index].Lines, probe.Lines);
            _tally.Answered(answer with { Accepted = answer.Accepted - probeLines }, intended, sent, done);

            // A node that is stopping (503) or gone is not sent to flat out: a second between tries
            // (a SIGTERM'd node took 5,081 failed requests in 16 s, the generator's CPU rising).
            if (answer.Status is HttpStatusCode.ServiceUnavailable or null)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task<IngestAnswer> PostAsync(byte[] payload, long lines)
    {
        using var content = new ByteArrayContent(payload);
        content.Headers.ContentType = Ndjson;
        using var response = await _http.PostAsync(new Uri("/api/ingest", UriKind.Relative), content, CancellationToken.None);
        var body = await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
        return IngestAnswer.Read(response.StatusCode, body, lines);
    }

    private async Task PollerAsync(PollerStats stats, int index, CancellationToken stop)
    {
        var random = new Random(1000 + index);
        while (!stop.IsCancellationRequested)
        {
            var brand = _pollBrands[random.Next(_pollBrands.Length)];
            var window = Windows[random.Next(Windows.Length)];
            var by = SegmentDimensions.Accepted[random.Next(SegmentDimensions.Accepted.Count)];
            await TimedGetAsync(stats, "summary", $"/api/brands/{brand}/summary?window={window}");
            await TimedGetAsync(stats, "segments", $"/api/brands/{brand}/segments?by={by}&window={window}");
            if (_compareAnswers)
            {
                await TimedGetAsync(stats, "compare", $"/api/brands/{brand}/compare?window={window}");
            }

            try
            {
                await Task.Delay(_o.PollInterval, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task TimedGetAsync(PollerStats stats, string endpoint, string path)
    {
        var sent = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.GetAsync(new Uri(path, UriKind.Relative), CancellationToken.None);
            await response.Content.LoadIntoBufferAsync();
            var done = Stopwatch.GetTimestamp();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                stats.Errors++;
                _tally.Note($"GET {path}: HTTP {(int)response.StatusCode}");
                return;
            }

            if (_window.Contains(sent, done))
            {
                stats.For(endpoint).RecordTicks(done - sent);
            }
        }
        catch (HttpRequestException ex)
        {
            stats.Errors++;
            _tally.Note($"GET {path}: {ex.Message}");
        }
        catch (TaskCanceledException ex) when (ex.InnerException is TimeoutException)
        {
            stats.Errors++;
            _tally.Note($"GET {path}: no answer within the client's timeout");
        }
    }

    private sealed class PollerStats
    {
        public Dictionary<string, Latency> ByEndpoint { get; } = new(StringComparer.Ordinal);

        public long Errors { get; set; }

        public Latency For(string endpoint)
        {
            if (!ByEndpoint.TryGetValue(endpoint, out var latency))
            {
                ByEndpoint[endpoint] = latency = new Latency();
            }

            return latency;
        }
    }
}
