using System.Diagnostics;
using System.Net;

namespace StreamEngine.LoadGenerator.Drive;

/// <summary>
/// Counts a drive's ingest requests as their answers come. One due inside the measured window (its
/// time in a paced run's schedule, else when its connection took it up) counts there, wherever its answer lands:
/// its posts, its status and, answered 200, its latency. One due in the warm-up does not, though
/// answered in the window: its posts would be counted over a window shorter than the time they took,
/// and no latency of it is kept to match them. By its schedule, not by when it went: a batch due just
/// before the window and sent just inside it made a paced run accept more posts a second than it offered.
/// </summary>
internal sealed class IngestTally(MeasuredWindow window, int seconds)
{
    private readonly Lock _lock = new();
    private readonly long[] _acceptedPerSecond = new long[seconds];
    private readonly Latency _ack = new();
    private readonly Latency _ackFromSchedule = new();
    private readonly long[] _run = new long[4];
    private readonly long[] _window = new long[4];
    private long _inFlight;
    private long _accepted;
    private long _rejected;
    private long _late;
    private long _unmatched;
    private long _duplicates;
    private string? _firstError;
    private long _start;

    public string? FirstError => Volatile.Read(ref _firstError);

    /// <summary>Requests sent and not answered yet; any left when the run reports have outlasted its grace.</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>The run starts: its per-second counts are from <paramref name="start"/>.</summary>
    public void Begin(long start) => Volatile.Write(ref _start, start);

    public void Sending() => Interlocked.Increment(ref _inFlight);

    /// <summary>Records an answer: <paramref name="intended"/> is when the schedule meant the request to go, <paramref name="sent"/> when it went.</summary>
    public void Answered(IngestAnswer answer, long intended, long sent, long done)
    {
        ArgumentNullException.ThrowIfNull(answer);
        Interlocked.Decrement(ref _inFlight);
        if (answer.Error is { } error && answer.Status != HttpStatusCode.OK)
        {
            Note(error);
        }

        var kind = answer.Status switch
        {
            HttpStatusCode.OK => 0,
            HttpStatusCode.TooManyRequests => 1,
            HttpStatusCode.ServiceUnavailable => 2,
            _ => 3,
        };
        var inWindow = window.Contains(intended);
        lock (_lock)
        {
            _run[kind]++;

            // Per second of the run, by when the node answered: what it took in each second.
            var second = (done - Volatile.Read(ref _start)) / Stopwatch.Frequency;
            if (answer.Took && second >= 0 && second < _acceptedPerSecond.Length)
            {
                _acceptedPerSecond[second] += answer.Accepted;
            }

            if (!inWindow)
            {
                return;
            }

            _window[kind]++;
            if (answer.Took)
            {
                _accepted += answer.Accepted;
                _rejected += answer.Rejected;
                _late += answer.Late;
                _unmatched += answer.Unmatched;
                _duplicates += answer.Duplicates;
            }

            // Only a 200 acknowledges the request; a refusal or a failure is no acknowledgement, and
            // a quick one would pass for a fast node.
            if (answer.Status == HttpStatusCode.OK)
            {
                _ack.RecordTicks(done - sent);
                _ackFromSchedule.RecordTicks(done - intended);
            }
        }
    }

    /// <summary>Keeps the run's first error for the report.</summary>
    public void Note(string error) => Interlocked.CompareExchange(ref _firstError, error, null);

    public IngestCounts Counts()
    {
        lock (_lock)
        {
            return new IngestCounts(
                Counted(_run),
                Counted(_window),
                InFlight,
                _accepted,
                _rejected,
                _late,
                _unmatched,
                _duplicates,
                _ack.Summary(),
                _ackFromSchedule.Summary(),
                [.. _acceptedPerSecond]);
        }
    }

    private static RequestCounts Counted(long[] byKind) => new(byKind[0], byKind[1], byKind[2], byKind[3]);
}

/// <summary>What <see cref="IngestTally"/> counted: the run's requests (warm-up included), then the window's.</summary>
internal sealed record IngestCounts(
    RequestCounts Run,
    RequestCounts Window,
    long Unanswered,
    long Accepted,
    long Rejected,
    long Late,
    long Unmatched,
    long Duplicates,
    LatencySummary Ack,
    LatencySummary AckFromSchedule,
    long[] AcceptedPerSecond);
