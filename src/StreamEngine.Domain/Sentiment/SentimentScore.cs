namespace StreamEngine.Domain.Sentiment;

/// <summary>
/// VADER's scores for one text. <see cref="Compound"/> is the normalised sum of the token valences,
/// in [-1, 1]; <see cref="Positive"/>, <see cref="Neutral"/> and <see cref="Negative"/> are the
/// proportions of the text leaning each way and sum to 1 (all three are 0 for a text with no tokens).
/// </summary>
public readonly record struct SentimentScore(double Compound, double Positive, double Neutral, double Negative)
{
    /// <summary>
    /// Positive above +0.05, negative below -0.05, neutral between (the paper's thresholds), judged on
    /// the compound as it is shown, to four decimals: a post shown at -0.05 is neutral, not negative.
    /// </summary>
    public SentimentLabel Label => Math.Round(Compound, 4) switch
    {
        > VaderConstants.LabelThreshold => SentimentLabel.Positive,
        < -VaderConstants.LabelThreshold => SentimentLabel.Negative,
        _ => SentimentLabel.Neutral,
    };
}
