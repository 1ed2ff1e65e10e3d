using System.Globalization;
using System.Text;
using StreamEngine.Domain.Matching;
using StreamEngine.Domain.Text;

namespace StreamEngine.Domain.Query;

/// <summary>
/// How query text is cut into what posts are cut into: folded words (exactly as
/// <see cref="Text.TokenizedText"/> splits posts), emoji symbols and the case-sensitive words of a raw phrase.
/// </summary>
public static class QueryText
{
    [ThreadStatic]
    private static TokenizedText? t_tokens;

    /// <summary>
    /// True for a code point outside the Basic Multilingual Plane that never forms an emoji token
    /// of its own: skin-tone modifiers (U+1F3FB–U+1F3FF), tag characters (U+E0000–U+E007F, which
    /// spell subdivision flags) and the variation selectors supplement (U+E0100–U+E01EF). The BMP
    /// variation selectors U+FE0E and U+FE0F are marks, which folding already drops.
    /// </summary>
    public static bool IsIgnorableSymbol(int codePoint) =>
        codePoint is (>= 0x1F3FB and <= 0x1F3FF) or (>= 0xE0000 and <= 0xE007F) or (>= 0xE0100 and <= 0xE01EF);

    /// <summary>A regional indicator (U+1F1E6–U+1F1FF): two of them spell a country's flag.</summary>
    public static bool IsRegionalIndicator(int codePoint) => codePoint is >= 0x1F1E6 and <= 0x1F1FF;

    /// <summary>
    /// Where an emoji that ends at <paramref name="end"/> ends with what modifies it: the skin tones,
    /// tags and variation selectors after it, which matching ignores but a span of it shows.
    /// </summary>
    public static int SymbolEnd(ReadOnlySpan<char> text, int end)
    {
        while (end < text.Length)
        {
            if (char.IsHighSurrogate(text[end]) && end + 1 < text.Length && char.IsLowSurrogate(text[end + 1])
                && IsIgnorableSymbol(char.ConvertToUtf32(text[end], text[end + 1])))
            {
                end += 2;
            }
            else if (TextFolding.Fold(text[end]) == TextFolding.Dropped)
            {
                end++;
            }
            else
            {
                break;
            }
        }

        return end;
    }

    /// <summary>
    /// The folded words of <paramref name="text"/>, cut by the tokenizer that cuts posts
    /// (<see cref="TokenizedText.TokenizeWords"/>), so that a query's words are always the words it
    /// will be compared with.
    /// </summary>
    public static IReadOnlyList<string> FoldedWords(ReadOnlySpan<char> text)
    {
        var tokens = Cut(text);
        var words = new List<string>(tokens.WordCount);
        for (var w = 0; w < tokens.WordCount; w++)
        {
            words.Add(tokens.Word(w).ToString());
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

    /// <summary>
    /// The first letter or digit of <paramref name="text"/> beyond U+FFFF (a CJK extension character
    /// such as 𠮷, a mathematical letter such as 𝐚), or null: posts read every such code point as a
    /// symbol, not as part of a word, so a query word holding one could never be matched.
    /// </summary>
    public static Rune? LetterBeyondBmp(ReadOnlySpan<char> text)
    {
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1]))
            {
                var rune = new Rune(text[i], text[i + 1]);
                if (Rune.IsLetterOrDigit(rune))
                {
                    return rune;
                }

                i++;
            }
        }

        return null;
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
    /// The words of a raw phrase as written, each NFC-normalised: the words <see cref="FoldedWords"/>
    /// gives, read from the text unfolded, with the combining marks after each.
    /// </summary>
    public static IReadOnlyList<string> RawWords(ReadOnlySpan<char> text)
    {
        var tokens = Cut(text);
        var words = new List<string>(tokens.WordCount);
        for (var w = 0; w < tokens.WordCount; w++)
        {
            words.Add(text.Slice(tokens.WordStart(w), tokens.WordLength(w)).ToString().Normalize(NormalizationForm.FormC));
        }

        return words;
    }

    private static TokenizedText Cut(ReadOnlySpan<char> text)
    {
        var tokens = t_tokens ??= new TokenizedText(EmojiDescriptions.None);
        tokens.TokenizeWords(text);
        return tokens;
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
