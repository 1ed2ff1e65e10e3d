using StreamEngine.Domain.Query;

namespace StreamEngine.Domain.Tests.Generators;

/// <summary>
/// Text that a literal may match, or nearly: its words with the sign written (as in the query,
/// full-width, another or none), wildcards filled in, a fuzzy word edited up to twice, a phrase's
/// words with punctuation or an emoji between them, emoji with skin tones, selectors or joiners
/// after them, and then now and then spelled another way. Every first option writes the literal
/// as the query does.
/// </summary>
internal static class WrittenOut
{
    private static readonly string[] Between = [" ", "-", ", ", "\n", " 🔥 ", " x "];

    private static readonly string[] StarFills = ["", "zz", "o", "東"];

    private static readonly string[] QuestionFills = ["a", "q", "ß", "ж"];

    private static readonly string[] EmojiSuffixes = ["", "\uFE0F", "🏽", "\u200D", " "];

    private static readonly string[] EditedIn = ["x", "e", "ø"];

    public static string Literal(LiteralNode literal, Draws draws)
    {
        var written = literal switch
        {
            TermNode t => Signed(t.Prefix, draws) + t.Word,
            PhraseNode p => Joined(p.Words, draws),
            WildcardNode w => Signed(w.Prefix, draws) + Filled(w.Pattern, draws),
            FuzzyNode f => Signed(f.Prefix, draws) + Edited(Edited(f.Word, draws), draws),
            RawNode r => Joined(r.Words, draws),
            EmojiNode e => string.Concat(e.Symbols.Select(s => s + draws.Pick(EmojiSuffixes))),
            _ => throw new ArgumentException($"unknown literal {literal}", nameof(literal)),
        };

        // Half the time as it is; otherwise one of the spellings (a raw phrase then mostly misses).
        var way = draws.Next(2 * Spelling.Ways.Length);
        return way < Spelling.Ways.Length ? Spelling.Ways[way](written) : written;
    }

    private static string Signed(WordPrefix prefix, Draws draws)
    {
        var own = prefix == WordPrefix.None ? "" : prefix.ToChar().ToString();
        return draws.Pick([own, Spelling.FullWidth(own), "", "#", "@", "$"]);
    }

    private static string Joined(IReadOnlyList<string> words, Draws draws) =>
        words[0] + string.Concat(words.Skip(1).Select(word => draws.Pick(Between) + word));

    private static string Filled(string pattern, Draws draws) =>
        string.Concat(pattern.Select(c => c switch
        {
            '*' => draws.Pick(StarFills),
            '?' => draws.Pick(QuestionFills),
            _ => c.ToString(),
        }));

    /// <summary>The word as it is, or with one unit deleted, inserted or replaced.</summary>
    private static string Edited(string word, Draws draws)
    {
        var (kind, at, c) = (draws.Next(4), draws.Next(word.Length + 1), draws.Pick(EditedIn));
        return kind switch
        {
            1 when at < word.Length => word.Remove(at, 1),
            2 => word.Insert(at, c),
            3 when at < word.Length => word[..at] + c + word[(at + 1)..],
            _ => word,
        };
    }
}
