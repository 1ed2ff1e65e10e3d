using StreamEngine.Domain.Model;
using StreamEngine.Domain.Sentiment;

namespace StreamEngine.Domain.Analysis;

/// <summary>The sentiment of the clause around a concept in a post: a post can praise the price and curse the delivery.</summary>
public readonly record struct AspectSentiment(string ConceptId, SentimentLabel Label);

/// <summary>
/// A concept a post counts under for one brand alone: that brand's own concept, or a library
/// concept above it that the post does not reach otherwise. <see cref="Aspect"/> is null for an
/// intent, or in an unscored post.
/// </summary>
public readonly record struct BrandConcept(string BrandId, string ConceptId, ConceptKind Kind, SentimentLabel? Aspect);

/// <summary>
/// What the single pass over a post found besides its brands: topic concepts, intents, sentiment
/// (null when the post's language has no lexicon), emotions, and the sentiment around each concept;
/// all of these count for every brand the post mentions, and <see cref="BrandConcepts"/> for one
/// brand each.
/// </summary>
public sealed record PostAnalysis(
    IReadOnlyList<string> Concepts,
    IReadOnlyList<string> Intents,
    SentimentScore? Sentiment,
    Emotions Emotions,
    IReadOnlyList<AspectSentiment> Aspects)
{
    public static readonly PostAnalysis Empty = new([], [], null, Emotions.None, []);

    /// <summary>The concepts the post counts under for one of the brands it mentions alone: those brands' own concepts.</summary>
    public IReadOnlyList<BrandConcept> BrandConcepts { get; init; } = [];

    /// <summary>What the post counts under within <paramref name="brandId"/>'s mentions: the concepts of every brand, with its own.</summary>
    public PostAnalysis ForBrand(string brandId)
    {
        if (BrandConcepts.Count == 0 || !BrandConcepts.Any(c => c.BrandId == brandId))
        {
            return this;
        }

        var own = BrandConcepts.Where(c => c.BrandId == brandId).ToList();
        return this with
        {
            Concepts = [.. Concepts, .. own.Where(c => c.Kind == ConceptKind.Topic).Select(c => c.ConceptId)],
            Intents = [.. Intents, .. own.Where(c => c.Kind == ConceptKind.Intent).Select(c => c.ConceptId)],
            Aspects = [.. Aspects, .. own.Where(c => c.Aspect is not null).Select(c => new AspectSentiment(c.ConceptId, c.Aspect!.Value))],
            BrandConcepts = [],
        };
    }
}
