using StreamEngine.Domain.Aggregates;

namespace StreamEngine.Domain.Tests;

public sealed class BucketRingTests
{
    private const int Capacity = RetentionPolicy.MinuteBuckets + 5;

    // A period whose slot is the ring's first, so that the offsets below name slots.
    private const long FirstSlot = Capacity * 19_000L;

    [Fact]
    public void An_empty_ring_holds_no_slots()
    {
        var ring = new BucketRing(Capacity);

        Assert.Equal(0, ring.ChunksAllocated);
        Assert.Empty(ring.All);
        Assert.Null(ring.At(FirstSlot));
    }

    [Fact]
    public void Slots_are_allocated_a_chunk_at_a_time_where_buckets_land()
    {
        var ring = new BucketRing(Capacity);

        Add(ring, FirstSlot);
        Add(ring, FirstSlot + BucketRing.ChunkSize - 1);
        Assert.Equal(1, ring.ChunksAllocated);

        Add(ring, FirstSlot + BucketRing.ChunkSize);
        Add(ring, FirstSlot + Capacity - 1);
        Assert.Equal(3, ring.ChunksAllocated);
        Assert.Equal(
            [FirstSlot, FirstSlot + BucketRing.ChunkSize - 1, FirstSlot + BucketRing.ChunkSize, FirstSlot + Capacity - 1],
            ring.All.Select(b => b.Period));
    }

    [Fact]
    public void A_newer_period_takes_over_its_slot_and_an_older_one_is_skipped()
    {
        var ring = new BucketRing(Capacity);
        Add(ring, FirstSlot + 7);
        Add(ring, FirstSlot + 7 + Capacity);
        Add(ring, FirstSlot + 7);

        Assert.Null(ring.At(FirstSlot + 7));
        Assert.Equal(1, ring.At(FirstSlot + 7 + Capacity)!.Mentions);
        Assert.Equal([FirstSlot + 7 + Capacity], ring.Between(FirstSlot, FirstSlot + (2 * Capacity)).Select(b => b.Period));
        Assert.Empty(ring.Between(FirstSlot, FirstSlot + Capacity));
    }

    private static void Add(BucketRing ring, long period) => ring.Add(period, new MinuteDelta(period, 1, 0, 0, [], []), []);
}
