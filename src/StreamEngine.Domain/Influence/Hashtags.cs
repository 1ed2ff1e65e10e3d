using System.Text;

namespace StreamEngine.Domain.Influence;

/// <summary>The hashtags of a post's text, folded to lower case: '#' then letters, digits or '_' (at least one letter or digit).</summary>
public static class Hashtags
{
    public static IEnumerable<string> In(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var from = 0;
        while ((from = text.IndexOf('#', from)) >= 0)
        {
            var start = ++from;
            // A '#' inside a word ("c#", "a#b") starts no hashtag.
            if (start >= 2 && IsTagChar(text[start - 2]))
            {
                continue;
            }

            while (from < text.Length && IsTagChar(text[from]))
            {
                from++;
            }

            if (from > start && text.AsSpan(start, from - start).ContainsAnyExcept('_'))
            {
                yield return text[start..from].ToLowerInvariant().Normalize(NormalizationForm.FormC);
            }
        }
    }

    private static bool IsTagChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
