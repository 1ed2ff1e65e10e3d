using StreamEngine.Domain.Sketches;

namespace StreamEngine.Domain.Influence;

/// <summary>What one author contributed to a brand: mentions, their reach and engagement, and how many were positive or negative.</summary>
public readonly record struct AuthorTally(long Mentions, long Reach, long Engagement, long Positive, long Negative) : ITally<AuthorTally>
{
    /// <summary>(positive − negative) / mentions × 100: the author's net sentiment toward the brand.</summary>
    public double NetSentiment => Mentions == 0 ? 0 : (Positive - Negative) * 100.0 / Mentions;

    public long Weight(TallyWeight weight) => weight switch
    {
        TallyWeight.Reach => Reach,
        TallyWeight.Engagement => Engagement,
        _ => Mentions,
    };

    public AuthorTally Plus(AuthorTally other) =>
        new(Mentions + other.Mentions, Reach + other.Reach, Engagement + other.Engagement, Positive + other.Positive, Negative + other.Negative);
}

/// <summary>An author's contribution to one minute of a brand, as a delta carries it.</summary>
public readonly record struct AuthorContribution(string Author, AuthorTally Tally);

/// <summary>How many times a term (a hashtag) was used in a brand's mentions.</summary>
public readonly record struct TermTally(long Count) : ITally<TermTally>
{
    public long Weight(TallyWeight weight) => Count;

    public TermTally Plus(TermTally other) => new(Count + other.Count);
}

/// <summary>A hashtag's uses in one minute of a brand, as a delta carries them.</summary>
public readonly record struct TermContribution(string Term, long Count);
