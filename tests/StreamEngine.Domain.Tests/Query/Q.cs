using StreamEngine.Domain.Query;

namespace StreamEngine.Domain.Tests.Query;

/// <summary>Short builders for query trees in tests.</summary>
internal static class Q
{
    public static QueryNode Parse(string query) => BooleanQueryParser.Parse(query).Root;

    public static TermNode W(string word) => new(WordPrefix.None, word);

    public static TermNode Tag(string word) => new(WordPrefix.Hashtag, word);

    public static TermNode At(string word) => new(WordPrefix.Handle, word);

    public static TermNode Cash(string word) => new(WordPrefix.Cashtag, word);

    public static PhraseNode Phrase(params string[] words) => new(new ValueArray<string>(words));

    public static WildcardNode Wild(string pattern, WordPrefix prefix = WordPrefix.None) => new(prefix, pattern);

    public static FuzzyNode Fuzzy(string word, int edits, WordPrefix prefix = WordPrefix.None) => new(prefix, word, edits);

    public static RawNode Raw(params string[] words) => new(new ValueArray<string>(words));

    public static EmojiNode Emoji(params string[] symbols) => new(new ValueArray<string>(symbols));

    public static AndNode And(params QueryNode[] operands) => new(new ValueArray<QueryNode>(operands));

    public static OrNode Or(params QueryNode[] operands) => new(new ValueArray<QueryNode>(operands));

    public static NotNode Not(QueryNode operand) => new(operand);

    public static NearNode Near(QueryNode left, QueryNode right, int maxGap) => new(left, right, maxGap, ordered: false);

    public static NearNode ONear(QueryNode left, QueryNode right, int maxGap) => new(left, right, maxGap, ordered: true);
}
