using System.Globalization;

namespace StreamEngine.MatcherBenchmarks.Contenders;

/// <summary>
/// Word characters as .NET's Regex <c>\w</c> reads them, less its joiners: letters, decimal digits,
/// connector punctuation ('_') and non-spacing marks, so that a combining accent stays inside its
/// word. Surrogates (of emoji, in posts) are never word characters, as in the engine.
/// </summary>
internal static class WordBoundary
{
    public static bool IsWordChar(char c)
    {
        if (c < 128)
        {
            return (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9 || c == '_';
        }

        return CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation or UnicodeCategory.NonSpacingMark;
    }

    public static bool StartsWord(ReadOnlySpan<char> text, int index) => index == 0 || !IsWordChar(text[index - 1]);

    /// <summary>Where the word that holds <paramref name="index"/> ends.</summary>
    public static int WordEnd(ReadOnlySpan<char> text, int index)
    {
        while (index < text.Length && IsWordChar(text[index]))
        {
            index++;
        }

        return index;
    }
}
