using System.Globalization;
using System.Text;
using StreamEngine.Domain.Matching;

namespace StreamEngine.Domain.Query;

/// <summary>
/// How query text is cut into what posts are cut into: folded words (exactly as
/// <see cref="Text.TokenizedText"/> splits posts), emoji symbols and the case-sensitive words of a raw phrase.
/// </summary>
public static class QueryText
{
    /// <summary>
    /// True for a code point outside the Basic Multilingual Plane that never forms an emoji token
    /// of its own: skin-tone modifiers (U+1F3FB–U+1F3FF), tag characters (U+E0000–U+E007F, which
    /// spell subdivision flags) and the variation selectors supplement (U+E0100–U+E01EF). The BMP
    /// variation selectors U+FE0E and U+FE0F are marks, which folding already drops.
    /// </summary>
    public static bool IsIgnorableSymbol(int codePoint) =>
        codePoint is (>= 0x1F3FB and <= 0x1F3FF) or (>= 0xE0000 and <= 0xE007F) or (>= 0xE0100 and <= 0xE01EF);

    /// <summary>
    /// The folded words of <paramref name="text"/>: runs of word characters over the folded text,
    /// each CJK character a word by itself (<see cref="TextFolding.IsSoloWordChar"/>).
    /// </summary>
    public static IReadOnlyList<string> FoldedWords(ReadOnlySpan<char> text)
    {
        var words = new List<string>();
        Span<char> buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        var length = 0;
        var solo = false;
        foreach (var c in text)
        {
            var folded = TextFolding.Fold(c);
            if (folded == TextFolding.Dropped)
            {
                continue;
            }

            if (TextFolding.IsWordChar(folded))
            {
                var soloChar = TextFolding.IsSoloWordChar(folded);
                if (length > 0 && (solo || soloChar))
                {
                    words.Add(buffer[..length].ToString());
                    length = 0;
                }

                solo = soloChar;
                buffer[length++] = folded;
            }
            else if (length > 0)
            {
                words.Add(buffer[..length].ToString());
                length = 0;
            }
        }

        if (length > 0)
        {
            words.Add(buffer[..length].ToString());
        }

        return words;
    }

    /// <summary>
    /// The emoji symbols of <paramref name="text"/> in order: each surrogate pair that is not
    /// <see cref="IsIgnorableSymbol">ignorable</see>, and each BMP unit of category OtherSymbol
    /// that does not fold to a word character, as its folded unit (so a full-width symbol equals
    /// its plain form).
    /// </summary>
    public static IReadOnlyList<string> EmojiSymbols(ReadOnlySpan<char> text)
    {
        var symbols = new List<string>();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (!IsIgnorableSymbol(char.ConvertToUtf32(c, text[i + 1])))
                {
                    symbols.Add(text.Slice(i, 2).ToString());
                }

                i++;
            }
            else if (IsBmpSymbol(c))
            {
                symbols.Add(TextFolding.Fold(c).ToString());
            }
        }

        return symbols;
    }

    /// <summary>A BMP unit that is an emoji token of its own: category OtherSymbol and not folded into a word character.</summary>
    public static bool IsBmpSymbol(char c)
    {
        if (char.IsSurrogate(c))
        {
            return false;
        }

        var folded = TextFolding.Fold(c);
        return folded != TextFolding.Dropped && !TextFolding.IsWordChar(folded)
            && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherSymbol;
    }

    /// <summary>
    /// The words of a raw phrase as written, each NFC-normalised: the same word boundaries as
    /// <see cref="FoldedWords"/> (a word starts at a unit that folds to a word character and runs
    /// over word characters and the combining marks folding drops; a CJK character and the marks
    /// after it are a word by themselves), but the units are kept unfolded.
    /// </summary>
    public static IReadOnlyList<string> RawWords(ReadOnlySpan<char> text)
    {
        var words = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var first = TextFolding.Fold(text[i]);
            if (!TextFolding.IsWordChar(first))
            {
                i++;
                continue;
            }

            var start = i++;
            var solo = TextFolding.IsSoloWordChar(first);
            while (i < text.Length && (TextFolding.Fold(text[i]) is var f
                && (f == TextFolding.Dropped || (!solo && TextFolding.IsWordChar(f) && !TextFolding.IsSoloWordChar(f)))))
            {
                i++;
            }

            words.Add(text[start..i].ToString().Normalize(NormalizationForm.FormC));
        }

        return words;
    }

    /// <summary>
    /// Whether <paramref name="word"/> is one folded word: non-empty, every unit a word character that
    /// folds to itself, and a CJK character only as a word by itself.
    /// </summary>
    internal static bool IsFoldedWord(string word)
    {
        if (word.Length == 0)
        {
            return false;
        }

        foreach (var c in word)
        {
            if (!TextFolding.IsWordChar(c) || TextFolding.Fold(c) != c || (word.Length > 1 && TextFolding.IsSoloWordChar(c)))
            {
                return false;
            }
        }

        return true;
    }
}
