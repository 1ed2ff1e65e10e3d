using StreamEngine.Domain.Aggregates;

namespace StreamEngine.Host.Api;

/// <summary>
/// Sentiment as dashboards read it. <c>netSentiment</c> = (positive − negative) / (positive + neutral
/// + negative) × 100; unscored posts (a language without a lexicon) count in neither.
/// </summary>
internal sealed record SentimentResponse(long Positive, long Neutral, long Negative, long Unscored, double MeanCompound, double NetSentiment)
{
    public static SentimentResponse Of(SentimentTally t) =>
        new(t.Positive, t.Neutral, t.Negative, t.Unscored, Rounded.To(t.MeanCompound, 4), Rounded.To(t.NetSentiment, 2));
}
