namespace StreamEngine.Domain.Query;

/// <summary>
/// How much a query asks of a matcher. <see cref="Literals"/> counts distinct literals, broken down
/// by kind; <see cref="Cost"/> is a unitless figure of the work per post, in "word lookups" (see
/// <see cref="QueryCost"/> for the weights).
/// </summary>
public sealed record QueryCostEstimate(
    int Literals,
    int Words,
    int Phrases,
    int Wildcards,
    int FuzzyTerms,
    int RawPhrases,
    int EmojiTerms,
    int Proximities,
    int FieldFilters,
    int Cost);

/// <summary>
/// Estimates what a query costs a compiled matcher, for each post: every distinct literal is looked
/// for once, whatever the number of times the query names it, and each proximity pairs up the
/// matches of its two operands. The weights, in units of one hash lookup of a folded word:
/// <list type="bullet">
/// <item>a word, hashtag, handle or cashtag: 1;</item>
/// <item>a phrase of k words or k emoji in a row: k (the first looked up, the others compared);</item>
/// <item>a raw phrase of k words: 2k (compared again against the original text);</item>
/// <item>a wildcard that starts with a letter or digit (<c>acme*</c>): 5, a range of a sorted word list;</item>
/// <item>a wildcard that starts with '*' or '?' (<c>*acme</c>): 20, every word of the post is tried;</item>
/// <item>a fuzzy term: 10 for ~1 and 25 for ~2, every word of the post is measured;</item>
/// <item>each NEAR or ONEAR: 4, plus its literals;</item>
/// <item>a distinct field filter: 1.</item>
/// </list>
/// AND, OR and NOT cost nothing of their own. The figures are relative: a model loader may cap
/// the cost of one query, and a compiler may order literals by it.
/// </summary>
public static class QueryCost
{
    public const int WordWeight = 1;
    public const int AnchoredWildcardWeight = 5;
    public const int UnanchoredWildcardWeight = 20;
    public const int Fuzzy1Weight = 10;
    public const int Fuzzy2Weight = 25;
    public const int ProximityWeight = 4;
    public const int FieldWeight = 1;

    public static QueryCostEstimate Estimate(ParsedQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var literals = query.Literals;
        var proximities = QueryLiterals.DescendantsAndSelf(query.Root).Count(n => n is NearNode);
        var cost = literals.Sum(Weight) + proximities * ProximityWeight + query.Fields.Count * FieldWeight;
        return new QueryCostEstimate(
            literals.Count,
            literals.Count(l => l is TermNode),
            literals.Count(l => l is PhraseNode),
            literals.Count(l => l is WildcardNode),
            literals.Count(l => l is FuzzyNode),
            literals.Count(l => l is RawNode),
            literals.Count(l => l is EmojiNode),
            proximities,
            query.Fields.Count,
            cost);
    }

    /// <summary>The weight of one literal, as listed on <see cref="QueryCost"/>.</summary>
    public static int Weight(LiteralNode literal) => literal switch
    {
        TermNode => WordWeight,
        PhraseNode phrase => phrase.Words.Count * WordWeight,
        EmojiNode emoji => emoji.Symbols.Count * WordWeight,
        RawNode raw => raw.Words.Count * 2 * WordWeight,
        WildcardNode wildcard => IsAnchored(wildcard.Pattern) ? AnchoredWildcardWeight : UnanchoredWildcardWeight,
        FuzzyNode fuzzy => fuzzy.MaxEdits == 1 ? Fuzzy1Weight : Fuzzy2Weight,
        _ => throw new ArgumentException($"unknown literal {literal?.GetType().Name}", nameof(literal)),
    };

    // The matcher indexes a wildcard by its first or last literal characters; only one with a
    // wildcard at both ends is tried against every word.
    private static bool IsAnchored(string pattern) => pattern[0] is not ('*' or '?') || pattern[^1] is not ('*' or '?');
}
