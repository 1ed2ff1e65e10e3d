using StreamEngine.Domain.Sketches;

namespace StreamEngine.Domain.Aggregates;

/// <summary>A brand's figures for one minute or one hour of event time.</summary>
public sealed class MentionBucket(long period)
{
    /// <summary>Minutes or hours since the Unix epoch, depending on the ring holding the bucket.</summary>
    public long Period { get; } = period;

    public long Mentions { get; private set; }

    public long Reach { get; private set; }

    public long Engagement { get; private set; }

    public SentimentTally Sentiment { get; private set; }

    public SentimentReach SentimentReach { get; private set; }

    /// <summary>Mentions of the brand's competitors in the same period (see <see cref="MinuteDelta.CompetitorMentions"/>).</summary>
    public long CompetitorMentions { get; private set; }

    /// <summary>The brand's share of its competitor set's mentions, in percent; null when the set was silent.</summary>
    public double? ShareOfVoice => Totals.ShareOfVoice;

    private ulong[] _segments = [];

    public SegmentCounts Segments => new(_segments);

    public UniqueAuthorSketch Authors { get; private set; } = new();

    /// <summary>The bucket's figures other than its breakdowns and authors.</summary>
    internal BucketTotals Totals => new(Mentions, Reach, Engagement, Sentiment, SentimentReach, CompetitorMentions);

    /// <summary>The breakdown counts as <see cref="SegmentCounts"/> holds them: sorted by value code.</summary>
    internal ReadOnlySpan<ulong> CodedSegments => _segments;

    /// <summary>A bucket holding what <paramref name="view"/> reads, copied out of the reader's buffers.</summary>
    internal static MentionBucket Of(in BucketView view)
    {
        var totals = view.Totals;
        return new MentionBucket(view.Period)
        {
            Mentions = totals.Mentions, Reach = totals.Reach, Engagement = totals.Engagement, Sentiment = totals.Sentiment,
            SentimentReach = totals.SentimentReach, CompetitorMentions = totals.CompetitorMentions,
            _segments = view.Segments.ToArray(),
            Authors = view.DenseAuthors.IsEmpty ? UniqueAuthorSketch.FromSparse(view.SparseAuthors) : UniqueAuthorSketch.FromDense(view.DenseAuthors),
        };
    }

    /// <summary>Adds a delta whose segments were coded beforehand (<see cref="SegmentCounts.Encode"/>).</summary>
    internal void Add(MinuteDelta delta, ReadOnlySpan<ulong> codedSegments)
    {
        ArgumentNullException.ThrowIfNull(delta);
        Mentions += delta.Mentions;
        Reach += delta.Reach;
        Engagement += delta.Engagement;
        Sentiment += delta.Sentiment;
        SentimentReach += delta.SentimentReach;
        CompetitorMentions += delta.CompetitorMentions;
        SegmentCounts.Add(ref _segments, codedSegments);

        var entries = delta.AuthorEntries;
        for (var i = 0; i < entries.Count; i++)
        {
            Authors.Add(entries[i]);
        }
    }

    /// <summary>Rebuilds a bucket from a snapshot.</summary>
    public static MentionBucket Restore(long period, long mentions, long reach, long engagement, SentimentTally sentiment,
        IEnumerable<KeyValuePair<SegmentKey, long>> segments, UniqueAuthorSketch authors, SentimentReach sentimentReach = default, long competitorMentions = 0)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var bucket = new MentionBucket(period)
        {
            Mentions = mentions, Reach = reach, Engagement = engagement, Sentiment = sentiment, Authors = authors, SentimentReach = sentimentReach, CompetitorMentions = competitorMentions,
            _segments = SegmentCounts.Of(segments),
        };
        return bucket;
    }

    /// <summary>Rebuilds a bucket from a snapshot whose segment values were numbered once for all its buckets.</summary>
    /// <param name="segments">Each value as its place in <paramref name="values"/>, and its mentions.</param>
    public static MentionBucket Restore(long period, long mentions, long reach, long engagement, SentimentTally sentiment,
        SegmentValueTable values, ReadOnlySpan<(int Place, long Mentions)> segments, UniqueAuthorSketch authors, SentimentReach sentimentReach = default, long competitorMentions = 0)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new MentionBucket(period)
        {
            Mentions = mentions, Reach = reach, Engagement = engagement, Sentiment = sentiment, Authors = authors, SentimentReach = sentimentReach, CompetitorMentions = competitorMentions,
            _segments = values.Entries(segments),
        };
    }
}
