using StreamEngine.Domain.Sentiment;
using StreamEngine.Domain.Text;

namespace StreamEngine.Domain.Tests.Sentiment;

/// <summary>
/// The sum of a text's valences, read back from its compound score (the inverse of
/// x / sqrt(x² + 15)), so that a rule can be checked against its own arithmetic.
/// </summary>
internal static class ValenceSum
{
    public static double Of(SentimentScorer scorer, string text)
    {
        var compound = scorer.Score(text, new TokenizedText()).Compound;
        return compound * Math.Sqrt(15 / (1 - (compound * compound)));
    }
}
