using System.Globalization;
using System.Text;

namespace StreamEngine.Domain.Matching;

/// <summary>
/// Folds text for matching: lower case, accents and other marks removed, full-width and other
/// compatibility forms mapped to their plain letters. Folding is per UTF-16 unit through a table
/// built once, so the hot path never normalises strings.
/// </summary>
public static class TextFolding
{
    /// <summary>Marks a unit that folding removes (a combining mark).</summary>
    public const char Dropped = '\0';

    private static readonly char[] Table = BuildTable();

    public static char Fold(char c)
    {
        if (c < 128)
        {
            return (uint)(c - 'A') <= 'Z' - 'A' ? (char)(c | 0x20) : c;
        }

        return Table[c];
    }

    /// <summary>Letters, digits and the underscore make words; everything else separates them.</summary>
    public static bool IsWordChar(char folded) =>
        folded < 128
            ? (uint)(folded - 'a') <= 'z' - 'a' || (uint)(folded - '0') <= 9 || folded == '_'
            : !char.IsSurrogate(folded) && char.IsLetterOrDigit(folded);

    private static char[] BuildTable()
    {
        var table = new char[65536];
        for (var i = 0; i < table.Length; i++)
        {
            var c = (char)i;
            table[i] = char.IsSurrogate(c) ? c : FoldSlow(c);
        }

        return table;
    }

    private static char FoldSlow(char c)
    {
        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
        {
            return Dropped;
        }

        string decomposed;
        try
        {
            decomposed = c.ToString().Normalize(NormalizationForm.FormKD);
        }
        catch (ArgumentException)
        {
            return c;
        }

        // A compatibility form may decompose into several letters (ﬁ → fi); keep the unit whole then,
        // since one unit must map to one unit for spans to stay aligned with the original text.
        var letters = 0;
        var first = c;
        foreach (var d in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(d) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            if (letters++ == 0)
            {
                first = d;
            }
        }

        return letters == 1 ? char.ToLowerInvariant(first) : char.ToLowerInvariant(c);
    }
}
