using StreamEngine.Domain.Aggregates;

namespace StreamEngine.Domain.Tests;

public sealed class SegmentCountsTests
{
    private const long Minute = 29_000_000;

    private static BrandDelta Delta(params SegmentCount[] segments) => new([new MinuteDelta(Minute, 1, 0, 0, segments, [])]);

    private static Dictionary<SegmentKey, long> Read(MentionBucket? bucket) =>
        Assert.IsType<MentionBucket>(bucket).Segments.ToDictionary(s => s.Key, s => s.Value);

    /// <summary>The minute's bucket and its hour's, which a delta's coded values feed alike.</summary>
    private static (Dictionary<SegmentKey, long> Minute, Dictionary<SegmentKey, long> Hour) Read(BrandAggregate aggregate) =>
        (Read(aggregate.Minute(Minute)), Read(Assert.Single(aggregate.HourBuckets)));

    [Fact]
    public void A_bucket_counts_each_value_once_whatever_order_the_batches_name_them_in()
    {
        var random = new Random(7);
        var dimensions = Enum.GetValues<SegmentDimension>();
        var aggregate = new BrandAggregate();
        var expected = new Dictionary<SegmentKey, long>();

        for (var batch = 0; batch < 200; batch++)
        {
            var segments = Enumerable.Range(0, random.Next(0, 12))
                .Select(_ => new SegmentCount(dimensions[random.Next(dimensions.Length)], "v" + random.Next(40), random.Next(1, 1000)))
                .ToArray();
            foreach (var s in segments)
            {
                var key = new SegmentKey(s.Dimension, s.Value);
                expected[key] = expected.GetValueOrDefault(key) + s.Mentions;
            }

            aggregate.Apply(Delta(segments));
            var (minute, hour) = Read(aggregate);
            Assert.Equal(expected, minute);
            Assert.Equal(expected, hour);
        }

        Assert.Equal(expected.Count, aggregate.Minute(Minute)!.Segments.Count);
    }

    [Fact]
    public void The_same_text_in_two_breakdowns_is_two_values()
    {
        var aggregate = new BrandAggregate();

        aggregate.Apply(Delta(new SegmentCount(SegmentDimension.Concept, "price", 2), new SegmentCount(SegmentDimension.Intent, "price", 5)));

        Assert.Equal(
            new Dictionary<SegmentKey, long> { [new(SegmentDimension.Concept, "price")] = 2, [new(SegmentDimension.Intent, "price")] = 5 },
            Read(aggregate).Minute);
    }

    [Fact]
    public void A_value_named_twice_in_one_batch_is_counted_as_one()
    {
        var aggregate = new BrandAggregate();

        aggregate.Apply(Delta(new SegmentCount(SegmentDimension.Country, "DE", 2), new SegmentCount(SegmentDimension.Country, "DE", 3)));

        Assert.Equal(new Dictionary<SegmentKey, long> { [new(SegmentDimension.Country, "DE")] = 5 }, Read(aggregate).Hour);
    }

    private static readonly SegmentKey De = new(SegmentDimension.Country, "DE");
    private static readonly SegmentKey Us = new(SegmentDimension.Country, "US");

    [Fact]
    public void A_restored_bucket_sums_a_value_listed_twice_and_keeps_counting_it() =>
        AssertRestoredBucketsCountOn(
            MentionBucket.Restore(Minute, 4, 0, 0, default, [new(Us, 1), new(De, 2), new(Us, 1)], new()),
            MentionBucket.Restore(EventTime.HourOf(Minute), 4, 0, 0, default, [new(De, 2), new(Us, 2)], new()));

    [Fact]
    public void Buckets_restored_through_a_snapshot_s_table_of_values_count_as_if_spelt_out()
    {
        var values = new SegmentValueTable([Us, De]);

        AssertRestoredBucketsCountOn(
            MentionBucket.Restore(Minute, 4, 0, 0, default, values, [(0, 1), (1, 2), (0, 1)], new()),
            MentionBucket.Restore(EventTime.HourOf(Minute), 4, 0, 0, default, values, [(1, 2), (0, 2)], new()));
    }

    /// <summary>A minute restored with DE 2 and US 2 and its hour alike, then 3 more DE counted: both read DE 5, US 2.</summary>
    private static void AssertRestoredBucketsCountOn(MentionBucket minute, MentionBucket hour)
    {
        var aggregate = BrandAggregate.Restore([minute], [hour]);

        aggregate.Apply(Delta(new SegmentCount(SegmentDimension.Country, "DE", 3)));

        var (minutes, hours) = Read(aggregate);
        Assert.Equal(new Dictionary<SegmentKey, long> { [De] = 5, [Us] = 2 }, minutes);
        Assert.Equal(new Dictionary<SegmentKey, long> { [De] = 5, [Us] = 2 }, hours);
    }

    [Fact]
    public void A_place_outside_the_table_of_values_is_refused()
    {
        var values = new SegmentValueTable([De]);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => MentionBucket.Restore(Minute, 1, 0, 0, default, values, [(1, 1)], new()));

        Assert.Contains("segment value 1 of a table of 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_count_beyond_what_a_bucket_holds_is_refused_by_name_and_counts_nothing()
    {
        var aggregate = new BrandAggregate();

        var error = Assert.Throws<OverflowException>(() => aggregate.Apply(Delta(new SegmentCount(SegmentDimension.Country, "DE", 1L << 41))));

        Assert.Contains("segment value", error.Message, StringComparison.Ordinal);
        Assert.Empty(aggregate.MinuteBuckets);
        Assert.Empty(aggregate.HourBuckets);
        Assert.Null(aggregate.NewestMinute);
    }
}
