using StreamEngine.Domain.Sketches;

namespace StreamEngine.Domain.Tests;

public sealed class UniqueAuthorSketchTests
{
    private static uint Author(int i) => UniqueAuthorSketch.EntryOf(StableHash.Of("x", "author" + i));

    private static UniqueAuthorSketch Sketch(int from, int count, int sparseLimit = 1024)
    {
        var sketch = new UniqueAuthorSketch(sparseLimit);
        for (var i = from; i < from + count; i++)
        {
            sketch.Add(Author(i));
        }

        return sketch;
    }

    /// <summary>The distinct authors across sketches, counted as a window's query counts them.</summary>
    private static long Union(IEnumerable<UniqueAuthorSketch> sketches)
    {
        using var union = new AuthorUnion();
        foreach (var sketch in sketches)
        {
            union.Add(sketch.SparseEntries, sketch.DenseRegisters);
        }

        return union.Estimate();
    }

    private static void AssertWithin(long expected, long actual, double tolerance)
    {
        var error = Math.Abs(actual - expected) / (double)expected;
        Assert.True(error <= tolerance, $"estimate {actual} is {error:P2} off {expected}; allowed {tolerance:P0}");
    }

    [Fact]
    public void Estimates_zero_when_empty()
    {
        var sketch = new UniqueAuthorSketch();

        Assert.Equal(0, sketch.Estimate());
        Assert.False(sketch.IsDense);
        Assert.Equal(0, Union([]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(1000)]
    public void Counts_a_small_set_exactly(int count)
    {
        var sketch = Sketch(0, count);

        Assert.False(sketch.IsDense);
        Assert.Equal(count, sketch.Estimate());
        Assert.Equal(count, sketch.SparseEntries.Length);
    }

    [Fact]
    public void Keeps_sparse_entries_sorted_by_register_index()
    {
        var sketch = Sketch(0, 500);

        var entries = sketch.SparseEntries.ToArray();
        Assert.Equal(entries.Order(), entries);
    }

    [Fact]
    public void Does_not_count_duplicates_twice()
    {
        var sketch = new UniqueAuthorSketch();
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 100; i++)
            {
                sketch.Add(Author(i));
            }
        }

        Assert.Equal(100, sketch.Estimate());
    }

    [Fact]
    public void Hashes_are_stable_and_keep_the_two_parts_apart()
    {
        Assert.Equal(StableHash.Of("x", "author1"), StableHash.Of("x", "author1"));
        Assert.NotEqual(StableHash.Of("ab", "c"), StableHash.Of("a", "bc"));
        Assert.NotEqual(StableHash.Of("x", "author1"), StableHash.Of("y", "author1"));
    }

    [Fact]
    public void Estimates_a_large_set_within_five_percent_once_dense()
    {
        var sketch = Sketch(0, 100_000);

        Assert.True(sketch.IsDense);
        Assert.Equal(0, sketch.SparseEntries.Length);
        Assert.Equal(UniqueAuthorSketch.DenseRegisterCount, sketch.DenseRegisters.Length);
        AssertWithin(100_000, sketch.Estimate(), 0.05);
    }

    [Fact]
    public void Turns_dense_just_past_the_sparse_limit()
    {
        var sketch = Sketch(0, 16, sparseLimit: 16);
        Assert.False(sketch.IsDense);

        sketch.Add(Author(16));

        Assert.True(sketch.IsDense);
        AssertWithin(17, sketch.Estimate(), 0.05);
    }

    [Fact]
    public void Dense_registers_do_not_depend_on_when_the_sketch_turned_dense()
    {
        var early = Sketch(0, 20_000, sparseLimit: 8);
        var late = Sketch(0, 20_000);

        Assert.True(early.IsDense);
        Assert.True(late.IsDense);
        Assert.Equal(early.DenseRegisters.ToArray(), late.DenseRegisters.ToArray());
    }

    [Fact]
    public void Merges_overlapping_small_sketches_into_their_exact_union()
    {
        var a = Sketch(0, 600);
        var b = Sketch(400, 600);

        Assert.Equal(1000, Union([a, b]));
        a.Merge(b);

        Assert.Equal(1000, a.Estimate());
        Assert.Equal(600, b.Estimate());
    }

    [Fact]
    public void Merges_overlapping_large_sketches_within_five_percent()
    {
        var a = Sketch(0, 60_000);
        var b = Sketch(40_000, 60_000);

        AssertWithin(100_000, Union([a, b]), 0.05);
        a.Merge(b);

        Assert.True(a.IsDense);
        AssertWithin(100_000, a.Estimate(), 0.05);
    }

    [Fact]
    public void Merges_a_dense_sketch_into_a_sparse_one()
    {
        var sparse = Sketch(0, 500);
        var dense = Sketch(250, 50_000);

        AssertWithin(50_250, Union([sparse, dense]), 0.05);
        sparse.Merge(dense);

        Assert.True(sparse.IsDense);
        AssertWithin(50_250, sparse.Estimate(), 0.05);
    }

    [Fact]
    public void Merging_is_order_independent()
    {
        var a1 = Sketch(0, 30_000);
        var b1 = Sketch(20_000, 30_000);
        var a2 = Sketch(0, 30_000);
        var b2 = Sketch(20_000, 30_000);

        a1.Merge(b1);
        b2.Merge(a2);

        Assert.Equal(a1.DenseRegisters.ToArray(), b2.DenseRegisters.ToArray());
        Assert.Equal(a1.Estimate(), b2.Estimate());
    }

    [Fact]
    public void Unions_many_small_sketches_exactly()
    {
        // 30 minutes in which 100 authors each post every minute, plus one newcomer per minute.
        var sketches = new List<UniqueAuthorSketch>();
        for (var minute = 0; minute < 30; minute++)
        {
            var sketch = Sketch(0, 100);
            sketch.Add(Author(1000 + minute));
            sketches.Add(sketch);
        }

        Assert.Equal(130, Union(sketches));
    }

    [Fact]
    public void A_union_past_its_exact_limit_counts_in_dense_registers_as_a_merge_would()
    {
        // Sparse sketches of 1,000 authors each, overlapping by half: 60 of them give 60,000 entries
        // (30,500 distinct), within the exact limit; 200 give 200,000 (100,500 distinct), past it.
        var sketches = Enumerable.Range(0, 200).Select(i => Sketch(i * 500, 1_000)).ToList();
        var merged = new UniqueAuthorSketch();
        foreach (var sketch in sketches)
        {
            merged.Merge(sketch);
        }

        var union = Union(sketches);

        Assert.True(merged.IsDense);
        Assert.Equal(merged.Estimate(), union);
        AssertWithin(100_500, union, 0.05);
        var sparse = new UniqueAuthorSketch(1 << 17);
        foreach (var sketch in sketches.Take(60))
        {
            sparse.Merge(sketch);
        }

        Assert.False(sparse.IsDense);
        Assert.Equal(sparse.Estimate(), Union(sketches.Take(60).ToList()));
        AssertWithin(30_500, sparse.Estimate(), 0.001);
    }

    [Fact]
    public void Unions_a_days_minutes_into_the_count_of_distinct_authors()
    {
        // 1,440 minutes of 20 posts by authors drawn from 15,000, so most come back on other minutes.
        var random = new Random(11);
        var sketches = new List<UniqueAuthorSketch>();
        var authors = new HashSet<uint>();
        for (var minute = 0; minute < 1440; minute++)
        {
            var sketch = new UniqueAuthorSketch();
            for (var post = 0; post < 20; post++)
            {
                var author = Author(random.Next(15_000));
                sketch.Add(author);
                authors.Add(author >> 6);
            }

            sketches.Add(sketch);
        }

        var expected = new UniqueAuthorSketch(1 << 16);
        foreach (var index in authors)
        {
            expected.Add(index << 6 | 1);
        }

        Assert.InRange(authors.Count, 12_000, 15_000);
        Assert.Equal(expected.Estimate(), Union(sketches));
    }

    [Fact]
    public void Merging_dense_sketches_keeps_each_registers_larger_rank()
    {
        var a = Sketch(0, 30_000);
        var b = Sketch(20_000, 30_000);
        var expected = a.DenseRegisters.ToArray().Zip(b.DenseRegisters.ToArray(), Math.Max).ToArray();
        Assert.NotEqual(expected, a.DenseRegisters.ToArray());
        Assert.NotEqual(expected, b.DenseRegisters.ToArray());

        a.Merge(b);

        Assert.Equal(expected, a.DenseRegisters.ToArray());
    }

    [Fact]
    public void Round_trips_through_its_dense_registers()
    {
        var sketch = Sketch(0, 100_000);

        var copy = UniqueAuthorSketch.FromDense(sketch.DenseRegisters);

        Assert.True(copy.IsDense);
        Assert.Equal(sketch.Estimate(), copy.Estimate());
        Assert.Equal(sketch.DenseRegisters.ToArray(), copy.DenseRegisters.ToArray());
    }

    [Fact]
    public void A_restored_sketch_keeps_counting()
    {
        var sketch = Sketch(0, 50_000);
        var copy = UniqueAuthorSketch.FromDense(sketch.DenseRegisters);

        for (var i = 50_000; i < 100_000; i++)
        {
            copy.Add(Author(i));
        }

        AssertWithin(100_000, copy.Estimate(), 0.05);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(UniqueAuthorSketch.DenseRegisterCount - 1)]
    [InlineData(UniqueAuthorSketch.DenseRegisterCount + 1)]
    public void Refuses_dense_registers_of_the_wrong_length(int length)
    {
        Assert.Throws<ArgumentException>(() => UniqueAuthorSketch.FromDense(new byte[length]));
    }
}
