namespace StreamEngine.Domain.Aggregates;

/// <summary>
/// Fixed slots indexed by period modulo capacity. A newer period takes over its slot; a period
/// older than the slot's current one is out of the ring's reach and is skipped, so replaying the
/// same deltas in the same order always rebuilds the same ring.
/// </summary>
internal sealed class BucketRing(int capacity)
{
    private readonly MentionBucket?[] _slots = new MentionBucket?[capacity];

    public int Capacity => _slots.Length;

    public void Add(long period, MinuteDelta delta, ReadOnlySpan<ulong> codedSegments)
    {
        var slot = SlotOf(period);
        var bucket = _slots[slot];
        if (bucket is null || bucket.Period < period)
        {
            _slots[slot] = bucket = new MentionBucket(period);
        }
        else if (bucket.Period > period)
        {
            return;
        }

        bucket.Add(delta, codedSegments);
    }

    public MentionBucket? At(long period)
    {
        var bucket = _slots[SlotOf(period)];
        return bucket?.Period == period ? bucket : null;
    }

    /// <summary>Buckets whose period lies in [from, to].</summary>
    public IEnumerable<MentionBucket> Between(long from, long to)
    {
        foreach (var bucket in _slots)
        {
            if (bucket is not null && bucket.Period >= from && bucket.Period <= to)
            {
                yield return bucket;
            }
        }
    }

    public IEnumerable<MentionBucket> All => _slots.Where(b => b is not null)!;

    public void Restore(MentionBucket bucket)
    {
        var slot = SlotOf(bucket.Period);
        if (_slots[slot] is null || _slots[slot]!.Period < bucket.Period)
        {
            _slots[slot] = bucket;
        }
    }

    private int SlotOf(long period) => (int)(((period % _slots.Length) + _slots.Length) % _slots.Length);
}
