using System.Buffers;
using System.Globalization;
using StreamEngine.Domain.Sentiment;
using StreamEngine.Domain.Text;

namespace StreamEngine.Domain.Analysis;

/// <summary>
/// Finds the clause around a word, for aspect sentiment: the run of sentiment tokens between
/// clause breaks. A break is '.', '!', '?', ';', ',', a line break, or a dash, slash or bar set off
/// between two tokens, or a contrastive conjunction ("but", "although", "though", "however",
/// "whereas", which opens the clause after it, stretched or not), so "great price, but slow delivery"
/// and "great price although slow delivery" split in two. "and" joins what shares one opinion
/// ("price and delivery were awful" is one clause) and parts two stretches that each hold one.
/// </summary>
/// <remarks>
/// A sentiment token keeps the punctuation at its ends when stripping it would leave two characters
/// or fewer ("it.", "ok,", "A+,"), as VADER cuts them, and a token glued across a break holds it
/// inside ("awful,delivery"): those breaks are read in the token's own text too. A glued token
/// belongs to neither clause, since its text straddles both and VADER finds no valence in it.
/// </remarks>
internal static class Clauses
{
    private static readonly SearchValues<char> Breaks = SearchValues.Create(".!?;,。！？；，\n\r\u2028\u2029-–—/|");

    // What ends a clause within a token's text: the sentence and clause marks, not the dashes and
    // slashes that join words ("well-made", "24/7").
    private static readonly SearchValues<char> MarksInToken = SearchValues.Create(".!?;,。！？；，");

    private static readonly string[] Conjunctions = ["but", "although", "though", "however", "whereas"];

    /// <summary>A token that opens a clause: a contrastive conjunction, or a dash or slash standing as a token of its own.</summary>
    private static bool OpensClause(ReadOnlySpan<char> token) =>
        IsConjunction(token) || (token.Length > 0 && !token.ContainsAnyExcept(Breaks));

    private static bool IsConjunction(ReadOnlySpan<char> token)
    {
        // "buuut" is "but", as the scorer reads it: no conjunction doubles a letter, so every
        // stretch is cut to one.
        Span<char> cut = stackalloc char[32];
        var word = Elongation.Stretches(token) == 0 || token.Length > cut.Length
            ? token
            : cut[..Math.Max(0, Elongation.Cut(token, toThree: false, toOne: -1, cut))];
        foreach (var conjunction in Conjunctions)
        {
            if (word.SequenceEqual(conjunction))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The token range [First, End) of the clause holding the word that starts at <paramref name="offset"/>
    /// in the text; an "and" in it parts the stretches on either side that each hold an opinion
    /// (a word with a valence in <paramref name="scorer"/>'s lexicon).
    /// </summary>
    public static (int First, int End) Around(TokenizedText tokens, ReadOnlySpan<char> text, int offset, SentimentScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        var (first, end) = Around(tokens, text, offset);
        return first + 2 < end ? PartedAtAnd(tokens, first, end, TokenAt(tokens, offset), scorer) : (first, end);
    }

    /// <summary>
    /// "and" joins what shares one opinion ("price and delivery were awful") and parts two that each
    /// hold one ("delivery was awful and the price was excellent", "love the price and hate the
    /// delivery"): from the stretch between the "and"s that holds token <paramref name="at"/>, the
    /// clause takes in its neighbours while they and it do not both hold an opinion.
    /// </summary>
    private static (int First, int End) PartedAtAnd(TokenizedText tokens, int first, int end, int at, SentimentScorer scorer)
    {
        var (from, to) = (StretchFrom(tokens, first, at), StretchTo(tokens, at + 1, end));
        if (from == first && to == end)
        {
            return (first, end);
        }

        // Forward first: a list of things comes before what is said of them ("price and delivery
        // were awful"), so a stretch without an opinion takes the one after it before the one before.
        while (to < end)
        {
            var after = StretchTo(tokens, to + 1, end);
            if (scorer.HoldsValence(tokens, to + 1, after) && scorer.HoldsValence(tokens, from, to))
            {
                break;
            }

            to = after;
        }

        while (from > first)
        {
            var before = StretchFrom(tokens, first, from - 1);
            if (scorer.HoldsValence(tokens, before, from - 1) && scorer.HoldsValence(tokens, from, to))
            {
                break;
            }

            from = before;
        }

        return (from, to);
    }

    /// <summary>Where the stretch holding token <paramref name="at"/> starts: just after an "and", or at <paramref name="first"/>.</summary>
    private static int StretchFrom(TokenizedText tokens, int first, int at)
    {
        while (at > first && !IsAnd(tokens.Token(at - 1)))
        {
            at--;
        }

        return at;
    }

    /// <summary>Where the stretch going on from token <paramref name="from"/> ends: at an "and", or at <paramref name="end"/>.</summary>
    private static int StretchTo(TokenizedText tokens, int from, int end)
    {
        while (from < end && !IsAnd(tokens.Token(from)))
        {
            from++;
        }

        return from;
    }

    private static bool IsAnd(ReadOnlySpan<char> token) => token.Equals("and", StringComparison.OrdinalIgnoreCase);

    /// <summary>The token that holds, or last starts before, <paramref name="offset"/> in the text.</summary>
    private static int TokenAt(TokenizedText tokens, int offset)
    {
        var at = 0;
        while (at + 1 < tokens.TokenCount && tokens.TokenStart(at + 1) <= offset)
        {
            at++;
        }

        return at;
    }

    /// <summary>The token range [First, End) of the clause holding the word that starts at <paramref name="offset"/> in the text.</summary>
    public static (int First, int End) Around(TokenizedText tokens, ReadOnlySpan<char> text, int offset)
    {
        var count = tokens.TokenCount;
        if (count == 0)
        {
            return (0, 0);
        }

        var at = TokenAt(tokens, offset);

        // The word's own token may hold a break before the word, or after it.
        var own = Within(tokens, text, at);
        var first = at;
        if (!own.Before && !(own.FirstInside >= 0 && own.FirstInside < offset))
        {
            while (first > 0 && !BreakBetween(tokens, text, first - 1) && !OpensClause(tokens.Token(first)))
            {
                var before = Within(tokens, text, first - 1);
                if (before.After || before.FirstInside >= 0)
                {
                    break;
                }

                first--;
                if (before.Before)
                {
                    break;
                }
            }
        }

        var end = at + 1;
        if (!own.After && !(own.LastInside > offset))
        {
            while (end < count && !BreakBetween(tokens, text, end - 1) && !OpensClause(tokens.Token(end)))
            {
                var next = Within(tokens, text, end);
                if (next.Before || next.FirstInside >= 0)
                {
                    break;
                }

                end++;
                if (next.After)
                {
                    break;
                }
            }
        }

        return (first, end);
    }

    /// <summary>Whether the text between token <paramref name="index"/> and the next one holds a clause break.</summary>
    private static bool BreakBetween(TokenizedText tokens, ReadOnlySpan<char> text, int index)
    {
        var from = Math.Min(tokens.TokenStart(index) + tokens.TokenLength(index), text.Length);
        var to = index + 1 < tokens.TokenCount ? tokens.TokenStart(index + 1) : text.Length;
        return to > from && text[from..to].ContainsAny(Breaks);
    }

    /// <summary>
    /// The breaks in token <paramref name="index"/>'s own text: before its first letter or digit,
    /// after its last, and the text offsets of the first and last between them (-1 for none). A
    /// token of punctuation alone (":)", ";-)") holds none: it is an emoticon, or a break that
    /// <see cref="OpensClause"/> reads.
    /// </summary>
    private static (bool Before, bool After, int FirstInside, int LastInside) Within(TokenizedText tokens, ReadOnlySpan<char> text, int index)
    {
        var start = Math.Min(tokens.TokenStart(index), text.Length);
        var token = text.Slice(start, Math.Min(tokens.TokenLength(index), text.Length - start));
        if (!token.ContainsAny(MarksInToken))
        {
            return (false, false, -1, -1);
        }

        var firstWord = 0;
        while (firstWord < token.Length && !IsWordUnit(token[firstWord]))
        {
            firstWord++;
        }

        if (firstWord == token.Length)
        {
            return (false, false, -1, -1);
        }

        var lastWord = token.Length - 1;
        while (!IsWordUnit(token[lastWord]))
        {
            lastWord--;
        }

        int firstInside = -1, lastInside = -1;
        for (var k = firstWord + 1; k < lastWord; k++)
        {
            // A run of marks is judged once, from its first mark, and stepped over whole.
            var runEnd = k;
            if (EndsClauseInside(token, k, ref runEnd))
            {
                firstInside = firstInside < 0 ? start + k : firstInside;
                lastInside = start + runEnd;
            }

            k = runEnd;
        }

        return (token[..firstWord].ContainsAny(MarksInToken), token[(lastWord + 1)..].ContainsAny(MarksInToken), firstInside, lastInside);
    }

    /// <summary>
    /// A mark between two words glued together: a comma, semicolon, '!' or '?' between letters
    /// ("awful,delivery", "great!delivery", not "1,000"), a full stop after a word of two letters or
    /// more and before a capital ("awful.Delivery", not "acme.com", "3.5" or "U.S"), a run of such
    /// marks between letters ("great!!delivery", "fine?!delivery", "ok...delivery"), and any
    /// full-width mark.
    /// </summary>
    /// <remarks><paramref name="runEnd"/> is set to the last mark of a run that starts at <paramref name="k"/>.</remarks>
    private static bool EndsClauseInside(ReadOnlySpan<char> token, int k, ref int runEnd)
    {
        var mark = token[k];
        if (mark is '。' or '！' or '？' or '；' or '，')
        {
            return true;
        }

        if (!IsGluingMark(mark))
        {
            return false;
        }

        var last = k;
        while (last + 1 < token.Length && IsGluingMark(token[last + 1]))
        {
            last++;
        }

        runEnd = last;
        if (last == token.Length - 1 || !char.IsLetter(token[k - 1]) || !char.IsLetter(token[last + 1]))
        {
            return false;
        }

        return last > k || mark != '.' || (k >= 2 && char.IsLetter(token[k - 2]) && char.IsUpper(token[last + 1]));
    }

    private static bool IsGluingMark(char c) => c is '.' or ',' or ';' or '!' or '?';

    /// <summary>A unit of a word, or of an emoji: letters, digits, combining marks, surrogates.</summary>
    private static bool IsWordUnit(char c) =>
        char.IsLetterOrDigit(c) || char.IsSurrogate(c)
        || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
}
