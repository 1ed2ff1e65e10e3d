namespace StreamEngine.Domain.Aggregates;

/// <summary>A bucket's figures other than its breakdowns and its authors: what a summary adds up.</summary>
internal readonly record struct BucketTotals(
    long Mentions, long Reach, long Engagement, SentimentTally Sentiment, SentimentReach SentimentReach, long CompetitorMentions)
{
    /// <summary>The brand's share of its competitor set's mentions, in percent; null when the set was silent.</summary>
    public double? ShareOfVoice => Mentions + CompetitorMentions == 0 ? null : Mentions * 100.0 / (Mentions + CompetitorMentions);

    public static BucketTotals operator +(BucketTotals a, BucketTotals b) => new(
        a.Mentions + b.Mentions, a.Reach + b.Reach, a.Engagement + b.Engagement, a.Sentiment + b.Sentiment,
        a.SentimentReach + b.SentimentReach, a.CompetitorMentions + b.CompetitorMentions);
}
