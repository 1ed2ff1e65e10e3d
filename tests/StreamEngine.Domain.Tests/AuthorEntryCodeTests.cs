using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Sketches;

namespace StreamEngine.Domain.Tests;

public sealed class AuthorEntryCodeTests
{
    private static (uint[] Decoded, int Bytes) RoundTrip(uint[] entries)
    {
        var w = new VarintWriter(new byte[16]);
        AuthorEntryCode.Write(ref w, entries);
        var written = w.Written.ToArray();
        var at = 0;
        var length = (int)Varint.Read(written, ref at);
        Assert.Equal(written.Length, at + length);
        var decoded = new uint[entries.Length];
        AuthorEntryCode.Read(written.AsSpan(at, length), decoded);
        return (decoded, written.Length);
    }

    private static uint[] Sketched(IEnumerable<ulong> hashes)
    {
        var sketch = new UniqueAuthorSketch();
        foreach (var hash in hashes)
        {
            sketch.Add(UniqueAuthorSketch.EntryOf(hash));
        }

        return sketch.SparseEntries.ToArray();
    }

    [Theory]
    [InlineData(9, 1)]
    [InlineData(60, 2)]
    [InlineData(500, 3)]
    [InlineData(1_024, 4)]
    public void Entries_read_back_as_they_were_written(int authors, int seed)
    {
        var random = new Random(seed);
        var entries = Sketched(Enumerable.Range(0, authors).Select(_ => (ulong)random.NextInt64()));

        Assert.Equal(entries, RoundTrip(entries).Decoded);
    }

    [Fact]
    public void Neighbouring_and_far_apart_indexes_and_the_highest_ranks_read_back()
    {
        // Hashes whose bits after the index are all zero rank highest (40); indexes 0, 1, 2 are neighbours; the last is the top one.
        var entries = Sketched([0UL, 1UL << 39, 2UL << 39, 0x8000_0000_0000_0000UL, ulong.MaxValue, 12345UL << 39, 0x7FFF_FFFF_FFFF_FFFFUL, 5UL << 39, 77UL, 3UL << 39]);

        Assert.Contains(entries, e => (e & 63) == 40);
        Assert.Equal(entries, RoundTrip(entries).Decoded);
    }

    [Fact]
    public void A_full_sparse_sketch_with_every_rank_reads_back()
    {
        // One entry of each rank from 1 to 40 among a thousand random ones.
        var random = new Random(9);
        var ranked = Enumerable.Range(1, 40).Select(rank => ((ulong)random.Next(1 << 25) << 39) | (1UL << (39 - Math.Min(rank, 39))) * (rank == 40 ? 0UL : 1UL));
        var entries = Sketched(ranked.Concat(Enumerable.Range(0, 984).Select(_ => (ulong)random.NextInt64())));

        Assert.Equal(Enumerable.Range(1, 40), entries.Select(e => (int)(e & 63)).Distinct().Order());
        Assert.Equal(entries, RoundTrip(entries).Decoded);
    }

    [Fact]
    public void Entries_no_sketch_would_keep_are_not_coded()
    {
        Assert.False(AuthorEntryCode.Codes([2u << 6 | 1, 1u << 6 | 1]));
        Assert.False(AuthorEntryCode.Codes([1u << 6 | 1, 1u << 6 | 2]));
        Assert.False(AuthorEntryCode.Codes([1u << 6]));
        Assert.False(AuthorEntryCode.Codes([]));
        Assert.True(AuthorEntryCode.Codes([0u << 6 | 1, 1u << 6 | 40]));
    }

    [Fact]
    public void An_hour_of_sixty_authors_takes_about_three_bytes_each()
    {
        var random = new Random(5);
        var entries = Sketched(Enumerable.Range(0, 60).Select(_ => (ulong)random.NextInt64()));

        var (_, bytes) = RoundTrip(entries);

        Assert.InRange(bytes, 150, 190);
    }
}
