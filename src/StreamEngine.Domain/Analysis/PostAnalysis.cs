using StreamEngine.Domain.Sentiment;

namespace StreamEngine.Domain.Analysis;

/// <summary>The sentiment of the clause around a concept in a post: a post can praise the price and curse the delivery.</summary>
public readonly record struct AspectSentiment(string ConceptId, SentimentLabel Label);

/// <summary>
/// What the single pass over a post found besides its brands: topic concepts, intents, sentiment
/// (null when the post's language has no lexicon), emotions, and the sentiment around each concept.
/// </summary>
public sealed record PostAnalysis(
    IReadOnlyList<string> Concepts,
    IReadOnlyList<string> Intents,
    SentimentScore? Sentiment,
    Emotions Emotions,
    IReadOnlyList<AspectSentiment> Aspects)
{
    public static readonly PostAnalysis Empty = new([], [], null, Emotions.None, []);
}
