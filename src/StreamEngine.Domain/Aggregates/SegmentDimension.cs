namespace StreamEngine.Domain.Aggregates;

/// <summary>The breakdowns a brand's mentions are counted by.</summary>
public enum SegmentDimension : byte
{
    Network = 1,
    Country,
    Gender,
    Age,
    Language,
    Purchase,
    Concept,
    Sentiment,
    Emotion,
    Intent,

    /// <summary>A concept and the sentiment of the words around it in a post ("delivery/negative"): aspect sentiment.</summary>
    ConceptSentiment,
}

/// <summary>One value of one breakdown, e.g. (Country, "DE") or (Concept, "delivery").</summary>
public readonly record struct SegmentKey(SegmentDimension Dimension, string Value);

public static class SegmentDimensions
{
    /// <summary>The value every breakdown uses when a post does not say.</summary>
    public const string Unknown = "unknown";

    private static readonly (SegmentDimension Dimension, string Name)[] Names =
    [
        (SegmentDimension.Network, "network"),
        (SegmentDimension.Country, "country"),
        (SegmentDimension.Gender, "gender"),
        (SegmentDimension.Age, "age"),
        (SegmentDimension.Language, "language"),
        (SegmentDimension.Purchase, "purchase"),
        (SegmentDimension.Concept, "concept"),
        (SegmentDimension.Sentiment, "sentiment"),
        (SegmentDimension.Emotion, "emotion"),
        (SegmentDimension.Intent, "intent"),
    ];

    /// <summary>Separates concept and label in a <see cref="SegmentDimension.ConceptSentiment"/> value.</summary>
    public const char AspectSeparator = '/';

    public static IReadOnlyList<string> Accepted { get; } = Names.Select(n => n.Name).ToArray();

    public static string ToName(this SegmentDimension dimension) =>
        dimension == SegmentDimension.ConceptSentiment ? "concept-sentiment" : Names.First(n => n.Dimension == dimension).Name;

    public static bool TryParse(string? name, out SegmentDimension dimension)
    {
        foreach (var (d, n) in Names)
        {
            if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
            {
                dimension = d;
                return true;
            }
        }

        dimension = default;
        return false;
    }
}
