namespace StreamEngine.LoadGenerator.Drive;

/// <summary>
/// The measured part of a run, in <see cref="System.Diagnostics.Stopwatch"/> ticks. It opens when the
/// warm-up ends, which is known only as the run goes, and work finishing on other threads asks it
/// whether it counts. Shared as source with the in-process benchmark.
/// </summary>
internal sealed class MeasuredWindow
{
    private long _from = long.MaxValue;
    private long _to = long.MaxValue;

    public long From => Volatile.Read(ref _from);

    public long To => Volatile.Read(ref _to);

    public void Open(long from, long to)
    {
        Volatile.Write(ref _to, to);
        Volatile.Write(ref _from, from);
    }

    /// <summary>Whether <paramref name="timestamp"/> falls in the window, which holds its start and not its end: a run of so many seconds at so many batches a second counts as many, not one more.</summary>
    public bool Contains(long timestamp) => timestamp >= From && timestamp < To;

    /// <summary>Whether something begun at <paramref name="start"/> and ended at <paramref name="end"/> lies wholly inside.</summary>
    public bool Contains(long start, long end) => start >= From && end <= To;

    public bool HasEnded(long timestamp) => timestamp >= To;
}
