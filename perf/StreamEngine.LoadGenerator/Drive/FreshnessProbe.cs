using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Threading.Channels;

namespace StreamEngine.LoadGenerator.Drive;

/// <summary>
/// Freshness: a few posts for the probe brand ride on the next drive request; once it is answered 200,
/// the brand's per-minute series is read until the minute they are dated in has risen by as many. The
/// next probe starts a pause after the last one ended. A read that fails is counted and the probe goes
/// on: one failed read must not end the measurement, nor leave a report of probes never sent.
/// </summary>
internal sealed class FreshnessProbe
{
    private readonly HttpClient _http;
    private readonly MeasuredWindow _window;
    private readonly string _brand;
    private readonly int _posts;
    private readonly TimeSpan _pause;
    private readonly Func<string, DateTimeOffset, byte[]> _line;
    private readonly TimeProvider _time;
    private readonly Action<string> _note;

    // Holds at most the one probe waiting for a request; whoever reads it first, a sender or the
    // probe taking it back, has it.
    private readonly Channel<PendingProbe> _waiting = Channel.CreateBounded<PendingProbe>(1);
    private int _sent;
    private int _timedOut;
    private int _voided;
    private int _readsFailed;

    /// <param name="line">A probe post's NDJSON line, given its id and the time it is dated.</param>
    /// <param name="note">Told of a failed read, for the report's first error.</param>
    public FreshnessProbe(HttpClient http, MeasuredWindow window, string brand, int posts, TimeSpan pause, Func<string, DateTimeOffset, byte[]> line, TimeProvider time, Action<string> note)
    {
        _http = http;
        _window = window;
        _brand = brand;
        _posts = posts;
        _pause = pause;
        _line = line;
        _time = time;
        _note = note;
    }

    /// <summary>Ack → visible, for the probes acknowledged and seen inside the measured window.</summary>
    public Latency Freshness { get; } = new();

    /// <summary>What was done so far; each probe's freshness is recorded after it is counted sent.</summary>
    public ProbeCounts Counts => new(Volatile.Read(ref _sent), Volatile.Read(ref _timedOut), Volatile.Read(ref _voided), Volatile.Read(ref _readsFailed));

    /// <summary>The probe waiting for a request, for a sender to carry; null when none is.</summary>
    public PendingProbe? Take() => _waiting.Reader.TryRead(out var probe) ? probe : null;

    /// <summary>Waits for the next probe to carry (tests stand in for the senders).</summary>
    public ValueTask<PendingProbe> TakeAsync(CancellationToken cancellationToken) => _waiting.Reader.ReadAsync(cancellationToken);

    public async Task RunAsync(string runId, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_pause, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            // Counted in the minute the probe's posts are dated: a trailing window's count falls as
            // its oldest minute slides out, and a probe read against one timed out at minute ends.
            var dated = _time.GetUtcNow();
            var minute = new DateTimeOffset(dated.UtcTicks - (dated.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
            if (await MentionsInMinuteAsync(minute) is not { } baseline)
            {
                // Without the count before, a rise cannot be told from other posts: none is sent.
                continue;
            }

            var payload = new List<byte>();
            for (var i = 0; i < _posts; i++)
            {
                payload.AddRange(_line($"probe-{runId}-{_sent}-{i}", dated));
            }

            var pending = new PendingProbe([.. payload], _posts);
            _waiting.Writer.TryWrite(pending);
            var acked = await Task.WhenAny(pending.Acknowledged, Task.Delay(TimeSpan.FromSeconds(30), stop));
            if (acked != pending.Acknowledged)
            {
                if (_waiting.Reader.TryRead(out _))
                {
                    // No request carried the probe: the run ended, or its load did (--requests,
                    // --once) and none ever will. It was never sent.
                    break;
                }

                // A request carries it, and is answered when the node has done with it, as any other
                // (within the client's own 150 s).
                acked = await Task.WhenAny(pending.Acknowledged, Task.Delay(TimeSpan.FromSeconds(150), CancellationToken.None));
            }

            Interlocked.Increment(ref _sent);
            if (acked != pending.Acknowledged || !pending.Acknowledged.Result.Ok)
            {
                Interlocked.Increment(ref _voided);
                continue;
            }

            await AwaitVisibleAsync(minute, baseline + _posts, pending.Acknowledged.Result.At);
        }
    }

    private async Task AwaitVisibleAsync(DateTimeOffset minute, long expected, long ackAt)
    {
        var deadline = ackAt + 10 * Stopwatch.Frequency;
        while (true)
        {
            var mentions = await MentionsInMinuteAsync(minute);
            var seen = Stopwatch.GetTimestamp();
            if (mentions >= expected)
            {
                if (_window.Contains(ackAt, seen))
                {
                    Freshness.RecordTicks(seen - ackAt);
                }

                return;
            }

            if (seen > deadline)
            {
                Interlocked.Increment(ref _timedOut);
                return;
            }

            if (mentions is null)
            {
                // A node refusing at once would be asked thousands of times a second.
                await Task.Delay(_pause, CancellationToken.None);
            }
        }
    }

    /// <summary>The brand's mentions dated in one minute, from its per-minute series of the last 15 minutes; null when it could not be read.</summary>
    private async Task<long?> MentionsInMinuteAsync(DateTimeOffset minute)
    {
        var path = $"/api/brands/{_brand}/timeseries?window=15m&step=1m";
        try
        {
            using var response = await _http.GetAsync(new Uri(path, UriKind.Relative), CancellationToken.None);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return Failed($"HTTP {(int)response.StatusCode}");
            }

            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None));
            foreach (var point in doc.RootElement.GetProperty("points").EnumerateArray())
            {
                if (point.GetProperty("t").GetDateTimeOffset() == minute)
                {
                    return point.GetProperty("mentions").GetInt64();
                }
            }

            return 0;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return Failed(ex.Message);
        }

        long? Failed(string why)
        {
            Interlocked.Increment(ref _readsFailed);
            _note($"GET {path}: {why}");
            return null;
        }
    }
}
