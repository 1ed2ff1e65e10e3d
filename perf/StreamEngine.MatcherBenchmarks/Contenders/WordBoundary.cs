using System.Buffers;
using System.Globalization;
using System.Text;

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

    /// <summary>Whether no word character of UTF-8 <paramref name="text"/> ends at <paramref name="index"/>.</summary>
    public static bool StartsWord(ReadOnlySpan<byte> text, int index) =>
        index == 0 || Rune.DecodeLastFromUtf8(text[..index], out var before, out _) != OperationStatus.Done || !IsWordRune(before);

    /// <summary>Whether no word character of UTF-8 <paramref name="text"/> starts at <paramref name="index"/>.</summary>
    public static bool EndsWord(ReadOnlySpan<byte> text, int index) =>
        index == text.Length || Rune.DecodeFromUtf8(text[index..], out var after, out _) != OperationStatus.Done || !IsWordRune(after);

    private static bool IsWordRune(Rune rune) => rune.IsBmp && IsWordChar((char)rune.Value);
}
