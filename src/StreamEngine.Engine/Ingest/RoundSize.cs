namespace StreamEngine.Engine.Ingest;

/// <summary>
/// How many chunks a round of ingest may hold. Every brand a round names costs a journal row, and
/// the round's brands must take their batches up within their time; how many brands a chunk
/// names, and how fast the store writes, are only known by trying. So rounds start small, grow
/// while they are journaled well inside that time, and shrink when one comes near it or misses
/// it. With a fixed 64 chunks, a node of 100,000 brands asked the store for some 40,000 rows a
/// round, missed every deadline and journaled nothing (perf/README.md).
/// </summary>
/// <remarks>
/// Rounds journal side by side, so a round's time includes its wait behind the rounds before it:
/// that wait decides whether its rows beat the deadline, so it is what is judged. Thread-safe:
/// rounds end on any thread.
/// </remarks>
public sealed class RoundSize
{
    /// <summary>The most chunks the first rounds hold: few enough that a node with very many brands journals them in time.</summary>
    public const int FirstLimit = 8;

    private readonly object _gate = new();
    private readonly Action<int>? _limitChanged;
    private readonly int _most;
    private readonly TimeSpan _growBelow;
    private readonly TimeSpan _shrinkAbove;
    private int _limit;

    // Counts the limit's changes: a limit can come back to a value it had, and a round opened
    // under that earlier spell must not pass for one opened under the limit in force.
    private int _generation;

    /// <param name="most">The most chunks a round may ever hold (the host's --chunks-per-round).</param>
    /// <param name="deadline">How long a round's brands have to take their batches up (<see cref="IngestSettings.EffectiveAcknowledgeTimeout"/>).</param>
    /// <param name="limitChanged">Told each new limit, in the order they are set (for /metrics).</param>
    public RoundSize(int most, TimeSpan deadline, Action<int>? limitChanged = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(most, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(deadline, TimeSpan.Zero);
        _most = most;
        _limit = Math.Min(most, FirstLimit);
        _limitChanged = limitChanged;
        limitChanged?.Invoke(_limit);

        // A round journaled within 40 % of the deadline leaves room for a larger one; past half of
        // it the next could be the one that misses. The gap keeps a size that fits from swinging.
        _growBelow = deadline * 0.4;
        _shrinkAbove = deadline * 0.5;
    }

    /// <summary>The most chunks a round may hold now.</summary>
    public int Limit => Volatile.Read(ref _limit);

    /// <summary>The limit in force for a round about to be gathered: it closes once it holds that many chunks.</summary>
    public RoundTicket Open()
    {
        lock (_gate)
        {
            return new RoundTicket(_limit, _generation);
        }
    }

    /// <summary>The round gathered under <paramref name="ticket"/>; one that reached its limit was held back by it.</summary>
    public static Round<T> Close<T>(RoundTicket ticket, T[] chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        return new Round<T>(chunks, ticket.Limit, chunks.Length >= ticket.Limit) { Generation = ticket.Generation };
    }

    /// <summary>A round was journaled in <paramref name="took"/>, from its close to its last acknowledgement.</summary>
    public void Journaled<T>(Round<T> round, TimeSpan took)
    {
        ArgumentNullException.ThrowIfNull(round);
        lock (_gate)
        {
            if (took > _shrinkAbove)
            {
                Shrink(round.Chunks.Length);
            }
            else if (took < _growBelow && round.Limited && round.Generation == _generation)
            {
                // Only a round the limit held back says a larger one is wanted, and only one gathered
                // under the limit now in force: rounds opened before the last change, still in
                // flight, say nothing about it. The quicker the round, the larger the step, up to
                // twice the limit.
                var step = Math.Clamp(_growBelow / took, 1.25, 2.0);
                Set(Math.Min(_most, Math.Max(_limit + 1, (int)(_limit * step))));
            }
        }
    }

    /// <summary>A round was not journaled: in time, or at all, because the store or the time ran out.</summary>
    public void Missed<T>(Round<T> round)
    {
        ArgumentNullException.ThrowIfNull(round);
        lock (_gate)
        {
            Shrink(round.Chunks.Length);
        }
    }

    // Half of the round judged, not of the limit: rounds cut before the first slow one was judged
    // end after it, and halving the limit for each would undo every growth at once.
    private void Shrink(int chunks) => Set(Math.Min(_limit, Math.Max(1, chunks / 2)));

    private void Set(int limit)
    {
        if (limit != _limit)
        {
            Volatile.Write(ref _limit, limit);
            _generation++;
            _limitChanged?.Invoke(limit);
        }
    }
}

/// <summary>The limit a round is gathered under, and how many times the limit had changed by then.</summary>
public readonly record struct RoundTicket(int Limit, int Generation);

/// <summary>Chunks journaled together: one batch per brand they name.</summary>
/// <param name="Limit">The most chunks the round could hold.</param>
/// <param name="Limited">Whether the limit held the round back: it closed full, not at the end of its gathering window.</param>
public sealed record Round<T>(T[] Chunks, int Limit, bool Limited)
{
    /// <summary>How many times the limit had changed when this round was opened.</summary>
    public int Generation { get; init; }
}
