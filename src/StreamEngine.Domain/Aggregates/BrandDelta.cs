using StreamEngine.Domain.Influence;
using StreamEngine.Domain.Threats;

namespace StreamEngine.Domain.Aggregates;

/// <summary>What a batch of mentions adds to one minute of a brand: the unit a brand persists and replays.</summary>
public sealed record MinuteDelta(
    long Minute,
    long Mentions,
    long Reach,
    long Engagement,
    IReadOnlyList<SegmentCount> Segments,
    IReadOnlyList<uint> AuthorEntries,
    SentimentTally Sentiment = default)
{
    /// <summary>The batch's leading authors of the minute (see <see cref="BrandDeltaBuilder"/>): the top few by each of mentions, reach and engagement.</summary>
    public IReadOnlyList<AuthorContribution> Authors { get; init; } = [];

    /// <summary>The batch's most used hashtags of the minute, folded.</summary>
    public IReadOnlyList<TermContribution> Hashtags { get; init; } = [];

    /// <summary>Reach of the minute's positive, neutral and negative mentions: what the reputation index weighs.</summary>
    public SentimentReach SentimentReach { get; init; }

    /// <summary>Mentions of the brand's competitors dated in this minute, in the same batch: the brand's share of voice is Mentions / (Mentions + CompetitorMentions).</summary>
    public long CompetitorMentions { get; init; }
}

/// <summary>A segment value and how many mentions it gained.</summary>
public readonly record struct SegmentCount(SegmentDimension Dimension, string Value, long Mentions)
{
    /// <summary>
    /// The string for a value read as characters (a journaled delta's): the one this process already
    /// counts the value by when there is one, so that the deltas a restart replays do not each bring
    /// their own copy of "en" or "US".
    /// </summary>
    public static string ValueOf(SegmentDimension dimension, ReadOnlySpan<char> value) =>
        SegmentCodes.KnownValue(dimension, value) ?? new string(value);
}

/// <summary>What one batch of mentions adds to a brand, grouped by minute of event time.</summary>
public sealed record BrandDelta(IReadOnlyList<MinuteDelta> Minutes)
{
    /// <summary>What the threat detectors found against the brand in the batch's posts; the brand raises security alerts from them.</summary>
    public IReadOnlyList<ThreatSighting> Threats { get; init; } = [];

    public long Mentions => Minutes.Sum(m => m.Mentions);
}

/// <summary>A threat finding and when the post it was found in was published.</summary>
public sealed record ThreatSighting(DateTimeOffset At, ThreatFinding Finding);
