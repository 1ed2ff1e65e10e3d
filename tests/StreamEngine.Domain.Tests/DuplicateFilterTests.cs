using StreamEngine.Domain.Ingest;

namespace StreamEngine.Domain.Tests;

public sealed class DuplicateFilterTests
{
    /// <summary>
    /// The filter as its documentation states it, over two hash sets: a key is a duplicate while it
    /// is in either generation; the newer is dropped into the older when it holds a generation's keys.
    /// </summary>
    private sealed class TwoGenerations(int generationSize)
    {
        private HashSet<ulong> _current = [];
        private HashSet<ulong> _previous = [];

        public bool TryAdd(ulong key)
        {
            if (_previous.Contains(key) || !_current.Add(key))
            {
                return false;
            }

            if (_current.Count >= generationSize)
            {
                (_previous, _current) = (_current, []);
            }

            return true;
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 2)]
    [InlineData(100, 3)]
    [InlineData(5_000, 4)]
    [InlineData(20_000, 5)]
    public void Without_forgetting_it_answers_as_two_generations_of_sets_would(int generationSize, int seed)
    {
        var random = new Random(seed);
        var filter = new DuplicateFilter(generationSize);
        var reference = new TwoGenerations(generationSize);

        // Keys drawn from a space a few generations wide, so that duplicates within and beyond the
        // horizon both occur; the two slot markers among them.
        var space = (ulong)Math.Max(4, generationSize * 3);
        for (var i = 0; i < 200_000; i++)
        {
            var key = i % 97 == 0 ? (ulong)random.Next(2) : (ulong)random.NextInt64((long)space) * 0x0000_0100_0000_0001UL;
            Assert.True(reference.TryAdd(key) == filter.TryAdd(key), $"key {key} at step {i}");
        }
    }

    [Fact]
    public void A_key_is_a_duplicate_for_at_least_one_generation_and_new_again_after_two()
    {
        const int generation = 1_000;
        var filter = new DuplicateFilter(generation);
        Assert.True(filter.TryAdd(42));
        for (ulong key = 1_000_000; key < 1_000_000 + generation - 1; key++)
        {
            Assert.True(filter.TryAdd(key));
        }

        Assert.False(filter.TryAdd(42));

        for (ulong key = 2_000_000; key < 2_000_000 + (2 * generation); key++)
        {
            Assert.True(filter.TryAdd(key));
        }

        Assert.True(filter.TryAdd(42));
    }

    [Fact]
    public void A_forgotten_key_is_new_again_and_the_keys_placed_past_it_are_still_found()
    {
        // One generation of keys in a small table collide and run into each other; forgetting every
        // third must leave the others found wherever they were placed.
        var filter = new DuplicateFilter(3_000);
        var keys = Enumerable.Range(0, 2_000).Select(k => (ulong)k * 0x9E37_79B9UL).ToArray();
        Assert.All(keys, key => Assert.True(filter.TryAdd(key)));

        var forgotten = keys.Where((_, i) => i % 3 == 0).ToHashSet();
        foreach (var key in forgotten)
        {
            filter.Forget(key);
        }

        foreach (var key in keys)
        {
            Assert.Equal(forgotten.Contains(key), filter.TryAdd(key));
        }

        // Now every key is remembered again, the forgotten ones in the places they left.
        Assert.All(keys, key => Assert.False(filter.TryAdd(key)));
    }

    [Fact]
    public void A_key_forgotten_in_the_older_generation_is_new_again()
    {
        var filter = new DuplicateFilter(10);
        Assert.True(filter.TryAdd(7));
        for (ulong key = 100; key < 109; key++)
        {
            Assert.True(filter.TryAdd(key));
        }

        // The generation holding 7 is now the older one.
        Assert.True(filter.TryAdd(500));
        Assert.False(filter.TryAdd(7));
        filter.Forget(7);
        Assert.True(filter.TryAdd(7));
        Assert.False(filter.TryAdd(7));
    }

    [Fact]
    public void The_slot_markers_are_keys_like_any_other()
    {
        var filter = new DuplicateFilter(100);
        Assert.True(filter.TryAdd(0));
        Assert.True(filter.TryAdd(1));
        Assert.False(filter.TryAdd(0));
        Assert.False(filter.TryAdd(1));
        filter.Forget(0);
        Assert.True(filter.TryAdd(0));
        Assert.False(filter.TryAdd(1));
    }

    [Fact]
    public void A_generation_size_below_one_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DuplicateFilter(0));

    [Fact]
    public void A_filter_read_from_what_another_wrote_remembers_and_forgets_what_it_did()
    {
        // 25,000 keys over generations of 10,000: the older generation (10,000 to 19,999), the
        // newer (20,000 on) and a forgotten key all travel; the first 10,000 were let go before.
        var written = new DuplicateFilter(10_000);
        for (ulong key = 0; key < 25_000; key++)
        {
            written.TryAdd(key * 7919);
        }

        written.Forget(22_000 * 7919);
        using var record = new MemoryStream();
        written.WriteTo(record);

        var read = new DuplicateFilter(10_000);
        record.Position = 0;
        read.ReadFrom(record);

        Assert.Equal(written.Generation, read.Generation);
        Assert.All(Enumerable.Range(10_000, 15_000).Where(k => k != 22_000), k => Assert.False(read.TryAdd((ulong)k * 7919), $"key {k}"));
        Assert.True(read.TryAdd(22_000 * 7919));
        Assert.True(read.TryAdd(9_999 * 7919));
    }

    [Fact]
    public void A_record_that_is_not_one_or_of_another_size_is_refused_with_what_is_wrong()
    {
        using var record = new MemoryStream();
        new DuplicateFilter(10_000).WriteTo(record);
        var bytes = record.ToArray();

        Assert.Contains("not 20,000", Assert.Throws<InvalidDataException>(() => new DuplicateFilter(20_000).ReadFrom(new MemoryStream(bytes))).Message, StringComparison.Ordinal);
        Assert.Contains("ends early", Assert.Throws<InvalidDataException>(() => new DuplicateFilter(10_000).ReadFrom(new MemoryStream(bytes[..^8]))).Message, StringComparison.Ordinal);
        Assert.Contains("not a record", Assert.Throws<InvalidDataException>(() => new DuplicateFilter(10_000).ReadFrom(new MemoryStream(new byte[64]))).Message, StringComparison.Ordinal);
    }
}
