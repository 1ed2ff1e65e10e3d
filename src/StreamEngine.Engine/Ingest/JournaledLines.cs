namespace StreamEngine.Engine.Ingest;

/// <summary>
/// How far an input is journaled without a gap: its chunks are journaled in rounds that may end out
/// of order, and only the lines up to the first chunk not yet journaled are safe to skip when the
/// input is read again. Told of each chunk in input order, it reports the last line of that run
/// each time the run grows; a chunk the journal failed ends the run for good.
/// </summary>
public sealed class JournaledLines(Action<int> journaledThrough)
{
    private readonly Queue<IngestChunk> _waiting = new();
    private readonly Lock _lock = new();
    private bool _broken;

    /// <summary>Follows <paramref name="chunk"/>, handed to the graph after every chunk added before it.</summary>
    public void Add(IngestChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        lock (_lock)
        {
            _waiting.Enqueue(chunk);
        }

        chunk.Outcome.ContinueWith(_ => Advance(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// Reports the run as far as the chunks completed so far take it. The chunks' outcomes run their
    /// continuations on the thread pool, so an input whose every chunk has completed may not have
    /// been reported yet: its reader calls this before it reads the run, or a replay would judge its
    /// last line by a record one chunk short.
    /// </summary>
    public void Settle() => Advance();

    private void Advance()
    {
        lock (_lock)
        {
            var through = 0;
            while (!_broken && _waiting.TryPeek(out var head) && head.Outcome.IsCompleted)
            {
                _waiting.Dequeue();
                if (!head.Outcome.IsCompletedSuccessfully || !head.Outcome.Result.Journaled)
                {
                    _broken = true;
                    break;
                }

                through = head.FirstLine + head.LineCount - 1;
            }

            if (through > 0)
            {
                // Under the lock: the reports must reach the listener in order.
                journaledThrough(through);
            }
        }
    }
}
