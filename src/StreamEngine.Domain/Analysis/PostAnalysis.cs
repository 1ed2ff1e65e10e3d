using StreamEngine.Domain.Sentiment;

namespace StreamEngine.Domain.Analysis;

/// <summary>The sentiment of the clause around a concept in a post: a post can praise the price and curse the delivery.</summary>
public readonly record struct AspectSentiment(string ConceptId, SentimentLabel Label);

/// <summary>
/// What a post counts under within one brand's mentions beside what it counts under for every
/// brand: that brand's own concepts and intents, with the library ones above them the post reaches
/// through them alone, and every aspect as that brand reads them.
/// </summary>
public sealed record BrandView(string BrandId, IReadOnlyList<string> Concepts, IReadOnlyList<string> Intents, IReadOnlyList<AspectSentiment> Aspects);

/// <summary>
/// What the single pass over a post found besides its brands: topic concepts, intents, sentiment
/// (null when the post's language has no lexicon), emotions, and the sentiment around each concept;
/// all of these count for every brand the post mentions, and <see cref="BrandViews"/> for one
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

    /// <summary>What the post counts under within some brand's mentions alone: for brands with concepts of their own it matched.</summary>
    public IReadOnlyList<BrandView> BrandViews { get; init; } = [];

    /// <summary>What the post counts under within <paramref name="brandId"/>'s mentions: the concepts of every brand, with its own.</summary>
    public PostAnalysis ForBrand(string brandId)
    {
        for (var i = 0; i < BrandViews.Count; i++)
        {
            if (BrandViews[i] is var view && view.BrandId == brandId)
            {
                return this with
                {
                    Concepts = [.. Concepts, .. view.Concepts],
                    Intents = [.. Intents, .. view.Intents],
                    Aspects = view.Aspects,
                    BrandViews = [],
                };
            }
        }

        return this;
    }
}
