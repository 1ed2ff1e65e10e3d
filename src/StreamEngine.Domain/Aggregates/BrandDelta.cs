namespace StreamEngine.Domain.Aggregates;

/// <summary>What a batch of mentions adds to one minute of a brand: the unit a brand persists and replays.</summary>
public sealed record MinuteDelta(
    long Minute,
    long Mentions,
    long Reach,
    long Engagement,
    IReadOnlyList<SegmentCount> Segments,
    IReadOnlyList<uint> AuthorEntries,
    SentimentTally Sentiment = default);

/// <summary>A segment value and how many mentions it gained.</summary>
public readonly record struct SegmentCount(SegmentDimension Dimension, string Value, long Mentions);

/// <summary>What one batch of mentions adds to a brand, grouped by minute of event time.</summary>
public sealed record BrandDelta(IReadOnlyList<MinuteDelta> Minutes)
{
    public long Mentions => Minutes.Sum(m => m.Mentions);
}
