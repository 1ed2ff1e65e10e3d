namespace StreamEngine.LoadGenerator.Drive;

/// <summary>A freshness probe's posts waiting for a drive request to carry them, and that request's answer.</summary>
internal sealed class PendingProbe(byte[] payload, int lines)
{
    private readonly TaskCompletionSource<(long At, bool Ok)> _ack = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public byte[] Payload { get; } = payload;

    public int Lines { get; } = lines;

    public Task<(long At, bool Ok)> Acknowledged => _ack.Task;

    /// <summary>The carrying request was answered at <paramref name="at"/> (stopwatch ticks), with a 200 or not.</summary>
    public void Complete(long at, bool ok) => _ack.TrySetResult((at, ok));
}
