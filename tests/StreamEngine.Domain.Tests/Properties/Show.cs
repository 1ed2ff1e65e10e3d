using System.Globalization;
using System.Text;

namespace StreamEngine.Domain.Tests.Properties;

/// <summary>Generated values written for a failure message, so that a reader can retype them.</summary>
internal static class Show
{
    /// <summary>
    /// The text in quotes, with every unit that does not show on its own (controls, marks, joiners,
    /// variation selectors, format characters, lone surrogates) written as <c>\uXXXX</c>: most
    /// disagreements hinge on exactly those.
    /// </summary>
    public static string Text(string text)
    {
        var shown = new StringBuilder("\"");
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var paired = char.IsHighSurrogate(c) ? i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
                : !char.IsLowSurrogate(c) || (i > 0 && char.IsHighSurrogate(text[i - 1]));
            if (!paired || c is '"' or '\\' || Invisible(c))
            {
                shown.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                shown.Append(c);
            }
        }

        return shown.Append('"').ToString();
    }

    private static bool Invisible(char c) => CharUnicodeInfo.GetUnicodeCategory(c) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
        or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
        or UnicodeCategory.ParagraphSeparator
        && c != ' ';
}
