namespace StreamEngine.Domain.Threats;

/// <summary>What a phrase of <see cref="NameIndex"/> names.</summary>
internal enum NameKind : byte
{
    /// <summary>The brand itself: its name, display names, handles, domain names.</summary>
    Brand = 1,

    /// <summary>One of the brand's executives, by full name.</summary>
    Executive,
}

/// <summary>A phrase naming a brand or one of its executives, as folded words.</summary>
internal sealed record NamePhrase(int Owner, NameKind Kind, string Text, string[] Words);

/// <summary>
/// Finds where a post names a brand or an executive: phrases indexed by their first word, so each
/// word of a post costs one hash look-up. Immutable.
/// </summary>
internal sealed class NameIndex
{
    private readonly Dictionary<string, NamePhrase[]>.AlternateLookup<ReadOnlySpan<char>> _byFirst;

    public NameIndex(IReadOnlyList<BrandIdentity> brands, bool brandNames, bool executives)
    {
        ArgumentNullException.ThrowIfNull(brands);
        var phrases = new List<NamePhrase>();
        for (var b = 0; b < brands.Count; b++)
        {
            var brand = brands[b];
            if (brandNames)
            {
                var names = new[] { brand.Name }
                    .Concat(brand.DisplayNames)
                    .Concat(brand.Handles.Select(h => h.Bare))
                    .Concat(brand.Domains.Select(d => new DomainName(d.Trim().ToLowerInvariant()).Name.ToString()));
                foreach (var name in names)
                {
                    Add(phrases, b, NameKind.Brand, name);
                }
            }

            if (executives)
            {
                foreach (var name in brand.Executives)
                {
                    Add(phrases, b, NameKind.Executive, name);
                }
            }
        }

        IsEmpty = phrases.Count == 0;
        _byFirst = phrases
            .GroupBy(p => p.Words[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Words.Length).ToArray(), StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public bool IsEmpty { get; }

    /// <summary>The longest phrase starting at word <paramref name="index"/>, if any.</summary>
    public NamePhrase? At(scoped in ThreatWords words, int index)
    {
        if (!_byFirst.TryGetValue(words[index], out var candidates))
        {
            return null;
        }

        foreach (var phrase in candidates)
        {
            if (Matches(words, index, phrase.Words))
            {
                return phrase;
            }
        }

        return null;
    }

    private static bool Matches(scoped in ThreatWords words, int index, string[] phrase)
    {
        if (index + phrase.Length > words.Count)
        {
            return false;
        }

        for (var k = 1; k < phrase.Length; k++)
        {
            if (!words[index + k].SequenceEqual(phrase[k]))
            {
                return false;
            }
        }

        return true;
    }

    private static void Add(List<NamePhrase> phrases, int owner, NameKind kind, string text)
    {
        var words = ThreatWords.Split(text);
        if (words.Length > 0 && !phrases.Exists(p => p.Owner == owner && p.Kind == kind && p.Words.SequenceEqual(words)))
        {
            phrases.Add(new NamePhrase(owner, kind, text, words));
        }
    }
}
