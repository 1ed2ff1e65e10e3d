using CsCheck;
using StreamEngine.Domain.Query;

namespace StreamEngine.Domain.Tests.Generators;

/// <summary>
/// Literals of every kind over <see cref="Vocabulary"/>: terms with and without a sign, phrases,
/// wildcards with '*' and '?' anywhere, fuzzy terms of one and two edits, raw phrases and emoji.
/// The simplest kinds come first, so that a failure shrinks towards a plain word.
/// </summary>
internal static class LiteralGen
{
    private static readonly Gen<WordPrefix> Prefix = Gen.OneOf(WordPrefix.None, WordPrefix.Hashtag, WordPrefix.Handle, WordPrefix.Cashtag);

    private static readonly Gen<string> Word = Gen.OneOf(Vocabulary.Words);

    private static readonly Gen<LiteralNode> Term = Gen.Select(Prefix, Word, (prefix, word) => (LiteralNode)new TermNode(prefix, word));

    private static readonly Gen<LiteralNode> Phrase = Word.Array[2, 3].Select(words => (LiteralNode)new PhraseNode(new ValueArray<string>(words)));

    // Three units in five are letters, so most patterns keep a letter or two; "**" is not canonical, so runs of '*' become one.
    private static readonly Gen<string> Pattern =
        Gen.Frequency<char>((1, Gen.Const('*')), (1, Gen.Const('?')), (3, Gen.OneOf(Vocabulary.PatternLetters)))
            .Array[1, 5]
            .Select(chars => new string(chars.Where((c, i) => c != '*' || i == 0 || chars[i - 1] != '*').ToArray()))
            .Where(pattern => pattern.Any(c => c is '*' or '?') && pattern.Any(c => c is not ('*' or '?')));

    private static readonly Gen<LiteralNode> Wildcard = Gen.Select(Prefix, Pattern, (prefix, pattern) => (LiteralNode)new WildcardNode(prefix, pattern));

    // A fuzzy word must be longer than its edits.
    private static readonly Gen<LiteralNode> Fuzzy =
        from word in Word.Where(w => w.Length > 1)
        from edits in Gen.Int[1, Math.Min(2, word.Length - 1)]
        from prefix in Prefix
        select (LiteralNode)new FuzzyNode(prefix, word, edits);

    private static readonly Gen<LiteralNode> Raw = Gen.OneOf(Vocabulary.RawWords).Array[1, 2].Select(words => (LiteralNode)new RawNode(new ValueArray<string>(words)));

    private static readonly Gen<LiteralNode> Emoji = Gen.OneOf(Vocabulary.Symbols).Array[1, 2].Select(symbols => (LiteralNode)new EmojiNode(new ValueArray<string>(symbols)));

    // A literal prefix before any '*' or '?': a wildcard the index anchors by its start.
    private static readonly Gen<LiteralNode> StartWildcard =
        Gen.Select(Prefix, Pattern.Where(pattern => pattern[0] is not ('*' or '?')), (prefix, pattern) => (LiteralNode)new WildcardNode(prefix, pattern));

    public static readonly Gen<LiteralNode> Literal = Gen.Frequency<LiteralNode>((2, Term), (1, Phrase), (1, Wildcard), (1, Fuzzy), (1, Raw), (1, Emoji));

    /// <summary>
    /// The literals of a model whose words the matcher screens in one pass before any look-up: no
    /// fuzzy or raw term, and wildcards only with a literal prefix.
    /// </summary>
    public static readonly Gen<LiteralNode> Screened = Gen.Frequency<LiteralNode>((2, Term), (1, Phrase), (2, StartWildcard), (1, Emoji));
}
