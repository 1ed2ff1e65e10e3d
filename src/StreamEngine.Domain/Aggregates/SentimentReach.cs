namespace StreamEngine.Domain.Aggregates;

/// <summary>
/// The reach (followers) of a brand's positive, neutral and negative mentions. Its
/// <see cref="ReputationIndex"/> is net sentiment weighted by reach: a complaint seen by a million
/// weighs more than praise seen by ten.
/// </summary>
public readonly record struct SentimentReach(long Positive, long Neutral, long Negative)
{
    /// <summary>(positive − negative) / (positive + neutral + negative) reach × 100, in [−100, 100]; 0 with no scored reach.</summary>
    public double ReputationIndex
    {
        get
        {
            var total = (double)Positive + Neutral + Negative;
            return total == 0 ? 0 : (Positive - Negative) * 100.0 / total;
        }
    }

    public static SentimentReach Of(Sentiment.SentimentScore? score, long reach) => score switch
    {
        null => default,
        { Label: Sentiment.SentimentLabel.Positive } => new SentimentReach(reach, 0, 0),
        { Label: Sentiment.SentimentLabel.Negative } => new SentimentReach(0, 0, reach),
        _ => new SentimentReach(0, reach, 0),
    };

    public static SentimentReach operator +(SentimentReach a, SentimentReach b) =>
        new(a.Positive + b.Positive, a.Neutral + b.Neutral, a.Negative + b.Negative);
}
