using StreamEngine.Domain.Aggregates;

namespace StreamEngine.Domain.Tests;

public sealed class SegmentCountsTests
{
    private static MinuteDelta Delta(params SegmentCount[] segments) => new(0, 1, 0, 0, segments, []);

    private static Dictionary<SegmentKey, long> Read(MentionBucket bucket) => bucket.Segments.ToDictionary(s => s.Key, s => s.Value);

    [Fact]
    public void A_bucket_counts_each_value_once_whatever_order_the_batches_name_them_in()
    {
        var random = new Random(7);
        var dimensions = Enum.GetValues<SegmentDimension>();
        var bucket = new MentionBucket(0);
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

            bucket.Add(Delta(segments));
            Assert.Equal(expected, Read(bucket));
        }

        Assert.Equal(expected.Count, bucket.Segments.Count);
    }

    [Fact]
    public void The_same_text_in_two_breakdowns_is_two_values()
    {
        var bucket = new MentionBucket(0);

        bucket.Add(Delta(new SegmentCount(SegmentDimension.Concept, "price", 2), new SegmentCount(SegmentDimension.Intent, "price", 5)));

        Assert.Equal(
            new Dictionary<SegmentKey, long> { [new(SegmentDimension.Concept, "price")] = 2, [new(SegmentDimension.Intent, "price")] = 5 },
            Read(bucket));
    }

    [Fact]
    public void A_restored_bucket_sums_a_value_listed_twice_and_keeps_counting_it()
    {
        var de = new SegmentKey(SegmentDimension.Country, "DE");
        var us = new SegmentKey(SegmentDimension.Country, "US");
        var bucket = MentionBucket.Restore(0, 4, 0, 0, default, [new(us, 1), new(de, 2), new(us, 1)], new());

        bucket.Add(Delta(new SegmentCount(SegmentDimension.Country, "DE", 3)));

        Assert.Equal(new Dictionary<SegmentKey, long> { [de] = 5, [us] = 2 }, Read(bucket));
    }

    [Fact]
    public void A_count_beyond_what_a_bucket_holds_is_refused_by_name()
    {
        var bucket = new MentionBucket(0);

        var error = Assert.Throws<OverflowException>(() => bucket.Add(Delta(new SegmentCount(SegmentDimension.Country, "DE", 1L << 41))));

        Assert.Contains("segment value", error.Message, StringComparison.Ordinal);
        Assert.Empty(bucket.Segments);
    }
}
