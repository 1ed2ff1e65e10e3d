using StreamEngine.Domain.Sentiment;

namespace StreamEngine.Domain.Aggregates;

/// <summary>
/// Sentiment of a set of mentions: how many were positive, neutral or negative, how many could
/// not be scored (a language without a lexicon), and the sum of the scored compounds.
/// </summary>
public readonly record struct SentimentTally(long Positive, long Neutral, long Negative, long Unscored, double CompoundSum)
{
    public long Scored => Positive + Neutral + Negative;

    public double MeanCompound => Scored == 0 ? 0 : CompoundSum / Scored;

    /// <summary>(positive − negative) / scored × 100: from −100 (all negative) to +100 (all positive).</summary>
    public double NetSentiment => Scored == 0 ? 0 : (Positive - Negative) * 100.0 / Scored;

    public static SentimentTally Of(SentimentScore? score) => score switch
    {
        null => new SentimentTally(0, 0, 0, 1, 0),
        { Label: SentimentLabel.Positive } s => new SentimentTally(1, 0, 0, 0, s.Compound),
        { Label: SentimentLabel.Negative } s => new SentimentTally(0, 0, 1, 0, s.Compound),
        { } s => new SentimentTally(0, 1, 0, 0, s.Compound),
    };

    public static SentimentTally operator +(SentimentTally a, SentimentTally b) =>
        new(a.Positive + b.Positive, a.Neutral + b.Neutral, a.Negative + b.Negative, a.Unscored + b.Unscored, a.CompoundSum + b.CompoundSum);
}
