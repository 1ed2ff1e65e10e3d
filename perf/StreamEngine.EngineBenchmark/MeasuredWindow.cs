namespace StreamEngine.EngineBenchmark;

/// <summary>
/// The measured part of a run, in <see cref="System.Diagnostics.Stopwatch"/> ticks. It opens when the
/// warm-up ends, which is known only as the run goes, and chunks finishing on pool threads ask it
/// whether they count.
/// </summary>
internal sealed class MeasuredWindow
{
    private long _from = long.MaxValue;
    private long _to = long.MaxValue;

    public long From => Volatile.Read(ref _from);

    public void Open(long from, long to)
    {
        Volatile.Write(ref _to, to);
        Volatile.Write(ref _from, from);
    }

    public bool Contains(long timestamp) => timestamp >= From && timestamp <= Volatile.Read(ref _to);

    public bool HasEnded(long timestamp) => timestamp >= Volatile.Read(ref _to);
}
