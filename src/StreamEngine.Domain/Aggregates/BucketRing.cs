namespace StreamEngine.Domain.Aggregates;

/// <summary>
/// Fixed slots indexed by period modulo capacity. A newer period takes over its slot; a period
/// older than the slot's current one is out of the ring's reach and is skipped, so replaying the
/// same deltas in the same order always rebuilds the same ring.
/// <para>
/// The slots come in chunks of <see cref="ChunkSize"/>, each allocated when a bucket first lands
/// in it: a day of minute slots and a month of hour slots cost 17 KB per brand up front, which a
/// quiet brand (most of a model's brands, in a Zipf-shaped firehose) never fills.
/// </para>
/// </summary>
internal sealed class BucketRing
{
    internal const int ChunkSize = 1 << ChunkShift;
    private const int ChunkShift = 6;

    private readonly MentionBucket?[]?[] _chunks;

    public BucketRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        _chunks = new MentionBucket?[]?[(capacity + ChunkSize - 1) >> ChunkShift];
    }

    public int Capacity { get; }

    /// <summary>How many chunks of slots hold, or have held, a bucket.</summary>
    internal int ChunksAllocated => _chunks.Count(c => c is not null);

    public void Add(long period, MinuteDelta delta, ReadOnlySpan<ulong> codedSegments)
    {
        ref var bucket = ref SlotFor(period);
        if (bucket is null || bucket.Period < period)
        {
            bucket = new MentionBucket(period);
        }
        else if (bucket.Period > period)
        {
            return;
        }

        bucket.Add(delta, codedSegments);
    }

    public MentionBucket? At(long period)
    {
        var slot = SlotOf(period);
        var bucket = _chunks[slot >> ChunkShift]?[slot & (ChunkSize - 1)];
        return bucket?.Period == period ? bucket : null;
    }

    /// <summary>Buckets whose period lies in [from, to].</summary>
    public IEnumerable<MentionBucket> Between(long from, long to)
    {
        foreach (var bucket in All)
        {
            if (bucket.Period >= from && bucket.Period <= to)
            {
                yield return bucket;
            }
        }
    }

    public IEnumerable<MentionBucket> All
    {
        get
        {
            foreach (var chunk in _chunks)
            {
                if (chunk is null)
                {
                    continue;
                }

                foreach (var bucket in chunk)
                {
                    if (bucket is not null)
                    {
                        yield return bucket;
                    }
                }
            }
        }
    }

    public void Restore(MentionBucket bucket)
    {
        ref var slot = ref SlotFor(bucket.Period);
        if (slot is null || slot.Period < bucket.Period)
        {
            slot = bucket;
        }
    }

    private ref MentionBucket? SlotFor(long period)
    {
        var slot = SlotOf(period);
        var chunk = _chunks[slot >> ChunkShift] ??= new MentionBucket?[ChunkSize];
        return ref chunk[slot & (ChunkSize - 1)];
    }

    private int SlotOf(long period) => (int)(((period % Capacity) + Capacity) % Capacity);
}
