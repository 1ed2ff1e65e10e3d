namespace StreamEngine.Domain.Aggregates;

/// <summary>
/// One bucket as a <see cref="BucketReader"/> reads it, from a live <see cref="MentionBucket"/> or
/// from a sealed chunk (<see cref="SealedChunk"/>). Its spans are valid until the reader moves on.
/// </summary>
internal readonly ref struct BucketView
{
    public BucketView(long period, BucketTotals totals, ReadOnlySpan<ulong> segments, ReadOnlySpan<uint> sparseAuthors, ReadOnlySpan<byte> denseAuthors)
    {
        Period = period;
        Totals = totals;
        Segments = segments;
        SparseAuthors = sparseAuthors;
        DenseAuthors = denseAuthors;
    }

    public long Period { get; }

    public BucketTotals Totals { get; }

    /// <summary>Breakdown counts sorted by value code, as <see cref="SegmentCounts"/> packs them.</summary>
    public ReadOnlySpan<ulong> Segments { get; }

    /// <summary>The author sketch's sparse entries; empty when the sketch is dense.</summary>
    public ReadOnlySpan<uint> SparseAuthors { get; }

    /// <summary>The author sketch's 4,096 registers once dense; empty while sparse.</summary>
    public ReadOnlySpan<byte> DenseAuthors { get; }

    public static BucketView Of(MentionBucket bucket) => new(
        bucket.Period, bucket.Totals, bucket.CodedSegments, bucket.Authors.SparseEntries, bucket.Authors.DenseRegisters);
}

/// <summary>What a <see cref="BucketReader"/> decodes of a sealed bucket beyond its totals.</summary>
[Flags]
internal enum BucketParts
{
    Totals = 0,
    Segments = 1,
    Authors = 2,
    All = Segments | Authors,
}
