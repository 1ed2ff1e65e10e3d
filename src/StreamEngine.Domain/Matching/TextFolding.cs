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

    /// <summary>
    /// A word character that is a word by itself: a Chinese character, kana or a Hangul syllable.
    /// These scripts are written without spaces between words (or, in Korean, with particles joined
    /// to the noun), so a run of them is read one character at a time, as search engines' standard
    /// tokenizers read CJK ideographs, and a term of several such characters matches as a phrase of
    /// them: <c>ソニー</c> is found in <c>ソニーの新製品</c>, <c>삼성</c> in <c>삼성전자</c>.
    /// </summary>
    public static bool IsSoloWordChar(char folded) =>
        folded >= '\u3005' && (
            folded is '\u3005' or '\u3006' // 々 〆
            || (folded >= '\u3041' && folded <= '\u30FF') // hiragana, katakana
            || (folded >= '\u31F0' && folded <= '\u31FF') // katakana phonetic extensions
            || (folded >= '\u3400' && folded <= '\u4DBF') // CJK extension A
            || (folded >= '\u4E00' && folded <= '\u9FFF') // CJK unified ideographs
            || (folded >= '\uAC00' && folded <= '\uD7A3') // Hangul syllables
            || (folded >= '\uF900' && folded <= '\uFAFF')) // CJK compatibility ideographs
            && IsWordChar(folded);

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

        // A voicing mark makes another kana (か, が) and the breve another Cyrillic letter (и, й):
        // letters of their own, not accents, so they are kept whole.
        if (c is (>= '\u3041' and <= '\u30FF') or '\u0439' or '\u0419')
        {
            return char.ToLowerInvariant(c);
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
