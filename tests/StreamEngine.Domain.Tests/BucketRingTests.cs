using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Sketches;

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
        Add(ring, FirstSlot + ring.ChunkSize - 1);
        Assert.Equal(1, ring.ChunksAllocated);

        Add(ring, FirstSlot + ring.ChunkSize);
        Add(ring, FirstSlot + Capacity - 1);
        Assert.Equal(3, ring.ChunksAllocated);
        Assert.Equal(
            [FirstSlot, FirstSlot + ring.ChunkSize - 1, FirstSlot + ring.ChunkSize, FirstSlot + Capacity - 1],
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
        Assert.Equal([FirstSlot + 7 + Capacity], Periods(ring, FirstSlot, FirstSlot + (2 * Capacity)));
        Assert.Empty(Periods(ring, FirstSlot, FirstSlot + Capacity));
    }

    [Fact]
    public void Sealing_takes_only_chunks_whose_buckets_all_lie_before_the_given_period()
    {
        var ring = new BucketRing(Capacity, chunkSize: 16);
        Add(ring, FirstSlot + 3);
        Add(ring, FirstSlot + 17);
        Add(ring, FirstSlot + 40);

        ring.Seal(FirstSlot + 17);

        Assert.Equal(1, ring.ChunksSealed);
        ring.Seal(FirstSlot + 41);
        Assert.Equal(3, ring.ChunksSealed);
        Assert.Equal([FirstSlot + 3, FirstSlot + 17, FirstSlot + 40], ring.All.Select(b => b.Period));
    }

    [Fact]
    public void A_late_post_opens_its_sealed_chunk_and_adds_to_what_was_there()
    {
        var ring = new BucketRing(Capacity, chunkSize: 16);
        Add(ring, FirstSlot + 5);
        Add(ring, FirstSlot + 6);
        ring.Seal(FirstSlot + 100);

        Add(ring, FirstSlot + 5);

        Assert.Equal(0, ring.ChunksSealed);
        Assert.Equal(2, ring.At(FirstSlot + 5)!.Mentions);
        Assert.Equal(1, ring.At(FirstSlot + 6)!.Mentions);

        ring.Seal(FirstSlot + 100);
        Assert.Equal(1, ring.ChunksSealed);
        Assert.Equal(2, ring.At(FirstSlot + 5)!.Mentions);
    }

    [Fact]
    public void A_post_older_than_its_slots_sealed_bucket_leaves_the_chunk_sealed()
    {
        var ring = new BucketRing(Capacity, chunkSize: 16);
        Add(ring, FirstSlot + Capacity + 5);
        ring.Seal(FirstSlot + Capacity + 100);

        Add(ring, FirstSlot + 5);

        Assert.Equal(1, ring.ChunksSealed);
        Assert.Null(ring.At(FirstSlot + 5));
        Assert.Equal(1, ring.At(FirstSlot + Capacity + 5)!.Mentions);
    }

    [Fact]
    public void A_sealed_bucket_reads_back_every_figure_it_held()
    {
        var ring = new BucketRing(Capacity, chunkSize: 8);
        var busy = FirstSlot + 2;
        var quiet = FirstSlot + 5;
        var random = new Random(3);
        var many = Enumerable.Range(0, 3_000).Select(_ => UniqueAuthorSketch.EntryOf((ulong)random.NextInt64())).ToArray();
        ring.Add(busy, Delta(busy, 3_000, many), []);
        ring.Add(quiet, Delta(quiet, 2, [UniqueAuthorSketch.EntryOf(42), UniqueAuthorSketch.EntryOf(7)]), Coded());
        var hourly = FirstSlot + 6;
        ring.Add(hourly, Delta(hourly, 60, many[..60]), []);
        var open = Snapshot(ring);
        Assert.True(ring.At(busy)!.Authors.IsDense);
        Assert.Equal(60, ring.At(hourly)!.Authors.SparseEntries.Length);

        ring.Seal(FirstSlot + 8);

        Assert.Equal(1, ring.ChunksSealed);
        Assert.Equal(open, Snapshot(ring));
        Assert.Equal(open, Read(ring, FirstSlot, FirstSlot + Capacity - 1));
        Assert.Equal(open.Single(b => b.StartsWith($"@{quiet} ", StringComparison.Ordinal)), Describe(ring.At(quiet)));
    }

    [Fact]
    public void Coded_author_entries_read_back_and_are_stepped_over_whatever_parts_are_asked()
    {
        var open = new BucketRing(Capacity, chunkSize: 8);
        var sealing = new BucketRing(Capacity, chunkSize: 8);
        var random = new Random(11);
        uint[] Authors(int n) => Enumerable.Range(0, n).Select(_ => UniqueAuthorSketch.EntryOf((ulong)random.NextInt64())).ToArray();
        foreach (var (slot, authors) in new[] { (1, 9), (2, 0), (3, 60), (4, 1), (5, 700), (6, 3) })
        {
            var delta = Delta(FirstSlot + slot, authors, Authors(authors));
            open.Add(FirstSlot + slot, delta, Coded());
            sealing.Add(FirstSlot + slot, delta, Coded());
        }

        sealing.Seal(FirstSlot + 8);

        Assert.Equal(1, sealing.ChunksSealed);
        Assert.Equal(Snapshot(open), Snapshot(sealing));
        foreach (var parts in new[] { BucketParts.Totals, BucketParts.Segments, BucketParts.Authors, BucketParts.All })
        {
            Assert.Equal(Read(open, FirstSlot, FirstSlot + 7, parts), Read(sealing, FirstSlot, FirstSlot + 7, parts));
        }
    }

    [Fact]
    public void Sentiment_counts_that_add_up_to_nothing_are_still_sealed()
    {
        var ring = new BucketRing(Capacity, chunkSize: 16);
        ring.Add(FirstSlot, new MinuteDelta(FirstSlot, 0, 0, 0, [], [], new SentimentTally(1, 0, -1, 0, 0)), []);

        ring.Seal(FirstSlot + 100);

        Assert.Equal(new SentimentTally(1, 0, -1, 0, 0), ring.At(FirstSlot)!.Sentiment);
    }

    [Fact]
    public void The_widest_range_reads_every_bucket_and_a_reversed_one_none()
    {
        var ring = new BucketRing(Capacity, chunkSize: 16);
        Add(ring, FirstSlot + 1);
        Add(ring, FirstSlot + 700);
        ring.Seal(FirstSlot + 2);

        Assert.Equal(2, Read(ring, long.MinValue, long.MaxValue).Count);
        Assert.Empty(Read(ring, FirstSlot + 700, FirstSlot + 1));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Random_adds_read_the_same_whether_chunks_were_sealed_or_not(bool stored)
    {
        // Small files, so that chunks given back retire some of them along the way.
        using var history = stored ? new TestHistory(segmentBytes: 2_048) : null;
        var random = new Random(17);
        for (var round = 0; round < 40; round++)
        {
            var capacity = random.Next(5, 200);
            var chunkSize = 1 << random.Next(0, 7);
            var open = new BucketRing(capacity, chunkSize);
            var sealing = new BucketRing(capacity, chunkSize, history?.Store);
            var newest = 10_000L;
            for (var step = 0; step < 300; step++)
            {
                newest += random.Next(0, 3);
                var period = newest - random.Next(0, capacity + 10);
                var delta = Delta(period, random.Next(0, 4), Enumerable.Range(0, random.Next(0, 3)).Select(_ => UniqueAuthorSketch.EntryOf((ulong)random.NextInt64())).ToArray());
                var coded = Coded(random.Next(0, 4));
                open.Add(period, delta, coded);
                sealing.Add(period, delta, coded);
                if (random.Next(4) == 0)
                {
                    sealing.Seal(newest - random.Next(0, capacity));
                }

                var from = newest - random.Next(-3, 2 * capacity);
                var to = from + random.Next(-1, 2 * capacity);
                Assert.Equal(Read(open, from, to), Read(sealing, from, to));
                var parts = (BucketParts)random.Next(0, 4);
                Assert.Equal(Read(open, from, to, parts), Read(sealing, from, to, parts));
                Assert.Equal(Describe(open.At(from)), Describe(sealing.At(from)));
            }

            Assert.Equal(Snapshot(open), Snapshot(sealing));
            if (history is not null)
            {
                Assert.Equal(sealing.ChunksSealed, sealing.ChunksStored);
                sealing.Release();
                Assert.Equal(0, history.Store.LiveBytes);
                Assert.Empty(sealing.All);
            }
        }
    }

    [Fact]
    public void A_chunk_the_history_store_cannot_take_stays_in_memory_and_reads_the_same()
    {
        using var history = new TestHistory();
        var open = new BucketRing(Capacity, chunkSize: 16);
        var sealing = new BucketRing(Capacity, chunkSize: 16, history.Store);
        foreach (var ring in new[] { open, sealing })
        {
            ring.Add(FirstSlot + 1, Delta(FirstSlot + 1, 60, Enumerable.Range(0, 60).Select(a => UniqueAuthorSketch.EntryOf((ulong)a * 7919)).ToArray()), Coded());
        }

        history.Break();
        sealing.Seal(FirstSlot + 100);

        Assert.Equal(1, sealing.ChunksSealed);
        Assert.Equal(0, sealing.ChunksStored);
        Assert.Equal(1, history.Store.FailedWrites);
        Assert.Equal(Snapshot(open), Snapshot(sealing));
        Assert.Equal(Read(open, FirstSlot, FirstSlot + 20), Read(sealing, FirstSlot, FirstSlot + 20));
    }

    private static List<long> Periods(BucketRing ring, long from, long to)
    {
        var periods = new List<long>();
        foreach (var bucket in ring.Read(from, to))
        {
            periods.Add(bucket.Period);
        }

        return periods;
    }

    private static void Add(BucketRing ring, long period) => ring.Add(period, new MinuteDelta(period, 1, 0, 0, [], []), []);

    private static MinuteDelta Delta(long period, long mentions, uint[] authors) =>
        new(period, mentions, mentions * 1_000, mentions * 3, [], authors, new SentimentTally(mentions, 0, 1, 2, 0.1 * mentions))
        {
            SentimentReach = new SentimentReach(mentions * 10, 5, 0),
            CompetitorMentions = mentions % 3,
        };

    private static ulong[] Coded(int values = 3)
    {
        var counts = Enumerable.Range(0, values).Select(v => new SegmentCount(SegmentDimension.Concept, $"ring-test-{v * 37}", v + 1)).ToList();
        var coded = new ulong[counts.Count];
        SegmentCounts.Encode(counts, coded);
        return coded;
    }

    private static List<string> Snapshot(BucketRing ring) => ring.All.Select(Describe).OrderBy(d => d, StringComparer.Ordinal).ToList();

    private static List<string> Read(BucketRing ring, long from, long to)
    {
        var read = new List<string>();
        foreach (var bucket in ring.Read(from, to))
        {
            read.Add(Describe(MentionBucket.Of(bucket)));
        }

        return read.OrderBy(d => d, StringComparer.Ordinal).ToList();
    }

    /// <summary>What a reader asked for some parts gives: the totals and those parts.</summary>
    private static List<string> Read(BucketRing ring, long from, long to, BucketParts parts)
    {
        var read = new List<string>();
        foreach (var bucket in ring.Read(from, to, parts))
        {
            var segments = (parts & BucketParts.Segments) != 0 ? string.Join(", ", bucket.Segments.ToArray()) : "-";
            var authors = (parts & BucketParts.Authors) != 0 ? $"{string.Join(", ", bucket.SparseAuthors.ToArray())} {Convert.ToHexString(bucket.DenseAuthors)}" : "-";
            read.Add($"@{bucket.Period} {bucket.Totals} [{segments}] [{authors}]");
        }

        return read.OrderBy(d => d, StringComparer.Ordinal).ToList();
    }

    private static string Describe(MentionBucket? b) => b is null
        ? "none"
        : $"@{b.Period} {b.Totals} segments [{string.Join(", ", b.Segments.Select(s => $"{s.Key.Value}={s.Value}"))}] " +
          (b.Authors.IsDense ? $"dense {Convert.ToHexString(b.Authors.DenseRegisters)}" : $"sparse [{string.Join(", ", b.Authors.SparseEntries.ToArray())}]");
}
