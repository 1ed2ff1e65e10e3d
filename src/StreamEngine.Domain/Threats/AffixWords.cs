namespace StreamEngine.Domain.Threats;

/// <summary>
/// Words an impersonator puts before or after a brand's name to look like one of its accounts or
/// sites ("acme_support", "realacme", "acme-login"), as skeletons so that "0fficial" strips like
/// "official". Longest first, so "customercare" strips "customer" + "care" rather than stopping
/// early; grouped by last and by first letter, so a strip tries only the words that could fit.
/// </summary>
internal sealed class AffixWords
{
    /// <summary>A strip never leaves fewer letters than this: the core must still be a name.</summary>
    public const int MinCore = 3;

    private readonly Dictionary<char, string[]> _byLast;
    private readonly Dictionary<char, string[]> _byFirst;

    public AffixWords(IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var letters = words
            .Select(w => SkeletonText.Of(w))
            .Where(u => u is not null)
            .Select(u => SkeletonText.LettersOf(u!))
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(w => w.Length)
            .ThenBy(w => w, StringComparer.Ordinal)
            .ToArray();
        _byLast = letters.GroupBy(w => w[^1]).ToDictionary(g => g.Key, g => g.ToArray());
        _byFirst = letters.GroupBy(w => w[0]).ToDictionary(g => g.Key, g => g.ToArray());
    }

    /// <summary>Moves <paramref name="end"/> back past an affix word ending <c>letters[start..end]</c>.</summary>
    public bool StripEnd(ReadOnlySpan<char> letters, int start, ref int end)
    {
        var span = letters[start..end];
        if (span.Length <= MinCore || !_byLast.TryGetValue(span[^1], out var words))
        {
            return false;
        }

        foreach (var word in words)
        {
            if (span.Length - word.Length >= MinCore && span.EndsWith(word, StringComparison.Ordinal))
            {
                end -= word.Length;
                return true;
            }
        }

        return false;
    }

    /// <summary>Moves <paramref name="start"/> forward past an affix word beginning <c>letters[start..end]</c>.</summary>
    public bool StripStart(ReadOnlySpan<char> letters, ref int start, int end)
    {
        var span = letters[start..end];
        if (span.Length <= MinCore || !_byFirst.TryGetValue(span[0], out var words))
        {
            return false;
        }

        foreach (var word in words)
        {
            if (span.Length - word.Length >= MinCore && span.StartsWith(word, StringComparison.Ordinal))
            {
                start += word.Length;
                return true;
            }
        }

        return false;
    }
}
