using StreamEngine.Domain.Text;

namespace StreamEngine.Domain.Analysis;

/// <summary>
/// Finds the clause around a word, for aspect sentiment: the run of sentiment tokens between
/// clause breaks. A break is '.', '!', '?', ';' or ',' between two tokens, or a contrastive "but"
/// (which opens the clause after it), so "great price, but slow delivery" splits in two.
/// </summary>
internal static class Clauses
{
    private static readonly System.Buffers.SearchValues<char> Breaks = System.Buffers.SearchValues.Create(".!?;,。！？；，");

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
        while (first > 0 && !BreakBetween(tokens, text, first - 1) && !tokens.Token(first).SequenceEqual("but"))
        {
            first--;
        }

        var end = at + 1;
        while (end < count && !BreakBetween(tokens, text, end - 1) && !tokens.Token(end).SequenceEqual("but"))
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
