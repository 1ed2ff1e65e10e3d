using StreamEngine.Domain.Influence;
using StreamEngine.Domain.Posts;

namespace StreamEngine.Domain.Threats;

/// <summary>
/// Flags threats of violence ("I will kill", "burn down", "shoot up", "bomb") and calls to attack
/// ("let's raid", "everyone go ddos") that come within <see cref="Window"/> words of a brand's
/// name, display name, handle or domain name, or one of its executives' names. The patterns are
/// <see cref="ThreatPatterns"/>: sentence forms rather than violent words, with a list of idioms
/// that contain the same words and are dropped ("the bomb", "kill it", "kill for"). Threats are
/// high, calls medium. Posts with no pattern word cost one hash look-up per word and allocate
/// nothing. Immutable and thread-safe.
/// </summary>
public sealed class ViolentThreatDetector
{
    /// <summary>Words allowed between a threat and the brand or person it is near, either way round.</summary>
    public const int Window = 12;

    /// <summary>Ignore patterns may start this many words before a threat and still overlap it ("the" bomb).</summary>
    private const int IgnoreLead = 3;

    private const int MaxHits = 8;
    /// <summary>Names longer than this many words that end near a threat but start further away are not seen.</summary>
    private const int MaxNameWords = 4;

    private readonly IReadOnlyList<BrandIdentity> _brands;
    private readonly ThreatPatterns _patterns;
    private readonly NameIndex _names;

    public ViolentThreatDetector(IReadOnlyList<BrandIdentity> brands, ThreatPatterns? patterns = null)
    {
        ArgumentNullException.ThrowIfNull(brands);
        _brands = brands;
        _patterns = patterns ?? ThreatPatterns.Load();
        _names = new NameIndex(brands, brandNames: true, executives: true);
    }

    private readonly record struct Hit(int Start, int End, PatternKind Kind);

    public IReadOnlyList<ThreatFinding> Detect(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        using var words = ThreatWords.Of(post.Text);
        return Detect(post, words);
    }

    /// <summary>The same, over words already cut from the post's text (shared with the other detectors).</summary>
    internal IReadOnlyList<ThreatFinding> Detect(Post post, scoped in ThreatWords words)
    {
        Span<Hit> hits = stackalloc Hit[MaxHits];
        var hitCount = FindHits(words, hits);
        if (hitCount == 0)
        {
            return [];
        }

        List<ThreatFinding>? findings = null;
        foreach (var hit in hits[..hitCount])
        {
            if (WrittenAsAName(post.Text, words, hit.Start))
            {
                continue;
            }

            // Names are looked for only around a hit, which is rare, rather than all over the post.
            for (var w = Math.Max(0, hit.Start - Window - MaxNameWords); w < Math.Min(words.Count, hit.End + Window + 1); w++)
            {
                if (_names.At(words, w) is not { } name)
                {
                    continue;
                }

                var end = w + name.Words.Length;
                var gap = w >= hit.End ? w - hit.End : end <= hit.Start ? hit.Start - end : 0;

                // A pattern's first word is a word of the list, never {brand}: where a name holds it,
                // the threat word is the name itself (a brand called Bomb), not a threat to it. So
                // is a name inside the match made only of the patterns' words: in "we are going to
                // bomb their office" Bomb is the threat, not its target, as Stark is in "review
                // bomb stark".
                if (gap <= Window && !(w <= hit.Start && hit.Start < end) && !(gap == 0 && IsPatternWords(name)))
                {
                    Report(ref findings, post, words, hit, name);
                }

                w = end - 1;
            }
        }

        return findings ?? (IReadOnlyList<ThreatFinding>)[];
    }

    /// <summary>
    /// Whether the match's first word is a name, written as one: a capital, then lower case ("Bomb just dropped",
    /// "Acme vs Bomb"), a hashtag or handle (#bomb), a domain (bomb.com). A brand named like a threat
    /// word is then mentioned, not threatened, whatever else is named near it; written as a word
    /// ("there is a bomb in the Bomb store"), it is the threat, and the name nearby its target.
    /// </summary>
    private bool WrittenAsAName(string text, scoped in ThreatWords words, int first)
    {
        var held = false;
        for (var w = Math.Max(0, first - MaxNameWords + 1); w <= first && !held; w++)
        {
            held = _names.At(words, w) is { } name && w + name.Words.Length > first;
        }

        if (!held)
        {
            return false;
        }

        // A capital followed by lower case: a word in capitals is shouted ("THERE IS A BOMB"), not named.
        var word = words.At(first);
        var written = text.AsSpan(word.Start, word.End - word.Start);
        return (char.IsUpper(written[0]) && HasLowerCase(written))
            || word.Prefix is '#' or '@'
            || (word.End + 1 < text.Length && text[word.End] == '.' && char.IsLetter(text[word.End + 1]));
    }

    private bool IsPatternWords(NamePhrase name)
    {
        foreach (var word in name.Words)
        {
            if (!_patterns.Vocabulary.Contains(word))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasLowerCase(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (char.IsLower(c))
            {
                return true;
            }
        }

        return false;
    }

    private int FindHits(scoped in ThreatWords words, Span<Hit> hits)
    {
        var count = 0;
        for (var w = 0; w < words.Count && count < hits.Length; w++)
        {
            var best = new Hit(w, -1, 0);
            foreach (var pattern in _patterns.StartingWith(words[w]))
            {
                var end = Match(pattern.Slots, 0, w, words);
                if (end < 0 || end < best.End || (end == best.End && pattern.Kind != PatternKind.Threat) || Ignored(w, end, words))
                {
                    continue;
                }

                best = new Hit(w, end, pattern.Kind);
            }

            if (best.End > 0)
            {
                hits[count++] = best;
                w = best.End - 1;
            }
        }

        return count;
    }

    private bool Ignored(int start, int end, scoped in ThreatWords words)
    {
        foreach (var ignore in _patterns.Ignores)
        {
            for (var s = Math.Max(0, start - IgnoreLead); s < end; s++)
            {
                // An idiom is read within a clause: "I'll shoot you. Text me" holds no "shoot you text".
                if (Contains(ignore.Slots[0].Words, words[s]) && Match(ignore.Slots, 0, s, words) is var idiomEnd && idiomEnd > start && !EndsAClauseWithin(words, s, idiomEnd))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool EndsAClauseWithin(scoped in ThreatWords words, int from, int to)
    {
        for (var w = from + 1; w < to; w++)
        {
            if (words.At(w).AfterClauseEnd)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Where a match of <paramref name="slots"/> from slot <paramref name="slot"/> at word <paramref name="word"/> ends (exclusive), or -1.</summary>
    private int Match(PatternSlot[] slots, int slot, int word, scoped in ThreatWords words)
    {
        if (slot == slots.Length)
        {
            return word;
        }

        var s = slots[slot];
        if (word < words.Count)
        {
            if (s.Any || Contains(s.Words, words[word]))
            {
                var end = Match(slots, slot + 1, word + 1, words);
                if (end >= 0)
                {
                    return end;
                }
            }

            if (s.Brand && _names.At(words, word) is { } name)
            {
                var end = Match(slots, slot + 1, word + name.Words.Length, words);
                if (end >= 0)
                {
                    return end;
                }
            }
        }

        return s.Optional ? Match(slots, slot + 1, word, words) : -1;
    }

    private void Report(ref List<ThreatFinding>? findings, Post post, scoped in ThreatWords words, Hit hit, NamePhrase name)
    {
        var brand = _brands[name.Owner];
        var severity = hit.Kind == PatternKind.Threat ? ThreatSeverity.High : ThreatSeverity.Medium;
        var quoted = post.Text[words.At(hit.Start).Start..words.At(hit.End - 1).End];
        var what = hit.Kind == PatternKind.Threat ? "threat" : "call to attack";
        var near = name.Kind == NameKind.Executive ? "executive " + name.Text : name.Text;
        var finding = new ThreatFinding(ThreatKind.Violence, brand.BrandId, ThreatFinding.PostOf(post), AuthorKeys.Of(post), $"{what} '{quoted}' near {near}", severity);
        findings ??= [];
        var at = findings.FindIndex(f => f.BrandId == brand.BrandId);
        if (at < 0)
        {
            findings.Add(finding);
        }
        else if (findings[at].Severity < severity)
        {
            findings[at] = finding;
        }
    }

    private static bool Contains(string[] words, ReadOnlySpan<char> word)
    {
        foreach (var w in words)
        {
            if (word.SequenceEqual(w))
            {
                return true;
            }
        }

        return false;
    }
}
