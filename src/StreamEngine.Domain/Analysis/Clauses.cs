using StreamEngine.Domain.Text;

namespace StreamEngine.Domain.Analysis;

/// <summary>
/// Finds the clause around a word, for aspect sentiment: the run of sentiment tokens between
/// clause breaks. A break is '.', '!', '?', ';', ',', a line break, or a dash, slash or bar set off
/// between two tokens, or a contrastive conjunction ("but", "although", "though", "however",
/// "whereas", which opens the clause after it), so "great price, but slow delivery" and
/// "great price although slow delivery" split in two. "and" does not break: "price and delivery
/// were awful" is one clause.
/// </summary>
internal static class Clauses
{
    private static readonly System.Buffers.SearchValues<char> Breaks = System.Buffers.SearchValues.Create(".!?;,。！？；，\n\r\u2028\u2029-–—/|");

    /// <summary>A token that opens a clause: a contrastive conjunction, or a dash or slash standing as a token of its own.</summary>
    private static bool OpensClause(ReadOnlySpan<char> token) =>
        token is "but" or "although" or "though" or "however" or "whereas" || (token.Length > 0 && !token.ContainsAnyExcept(Breaks));

    /// <summary>The token range [First, End) of the clause holding the word that starts at <paramref name="offset"/> in the text.</summary>
    public static (int First, int End) Around(TokenizedText tokens, ReadOnlySpan<char> text, int offset)
    {
        var count = tokens.TokenCount;
        if (count == 0)
        {
            return (0, 0);
        }

        var at = 0;
        while (at + 1 < count && tokens.TokenStart(at + 1) <= offset)
        {
            at++;
        }

        var first = at;
        while (first > 0 && !BreakBetween(tokens, text, first - 1) && !OpensClause(tokens.Token(first)))
        {
            first--;
        }

        var end = at + 1;
        while (end < count && !BreakBetween(tokens, text, end - 1) && !OpensClause(tokens.Token(end)))
        {
            end++;
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
}
