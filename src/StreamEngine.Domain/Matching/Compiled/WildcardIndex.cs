using System.Runtime.CompilerServices;
using StreamEngine.Domain.Query;
using StreamEngine.Domain.Text;

namespace StreamEngine.Domain.Matching.Compiled;

/// <summary>
/// The wildcards of a model, indexed by what a word must begin or end with for them to match it,
/// so that a word is globbed only against the few wildcards that share its first or last
/// characters: at most <see cref="AnchorLength"/> look-ups per word and side, however many
/// wildcards the model has. A pattern is anchored by the start of its literal prefix (<c>deliver*</c>
/// under "del"), else by the end of its literal suffix (<c>*corp</c> under "orp"); only patterns
/// with a wildcard at both ends (<c>*corp*</c>) are tried against every word.
/// </summary>
internal sealed class WildcardIndex
{
    internal const int AnchorLength = 3;

    // Index: the anchor's length (1 to AnchorLength); null where no pattern has that anchor length.
    private readonly WordTable<IndexedWildcard[]>?[] _byStart = new WordTable<IndexedWildcard[]>?[AnchorLength + 1];
    private readonly WordTable<IndexedWildcard[]>?[] _byEnd = new WordTable<IndexedWildcard[]>?[AnchorLength + 1];
    private readonly IndexedWildcard[] _floating;

    // The anchor lengths that have a table, shortest first: a word is looked up only at those (most
    // models anchor every wildcard at the full AnchorLength), not at every length up to it.
    private readonly int[] _startLengths;
    private readonly int[] _endLengths;

    // What the wildcards' literal prefixes and suffixes look like, up to four units: most words of a
    // post begin and end like none of them, and skip every look-up on that side. Without this, a
    // model with a single wildcard paid a table look-up per word, about as much as the look-up of the
    // word itself.
    private readonly AnchorFilter _starts;
    private readonly AnchorFilter _ends;

    public WildcardIndex(IEnumerable<WildcardEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var all = entries.ToArray();
        var floating = new List<IndexedWildcard>();
        var byStart = new List<(string Anchor, IndexedWildcard Entry)>();
        var byEnd = new List<(string Anchor, IndexedWildcard Entry)>();
        var prefixes = new List<string>();
        var suffixes = new List<string>();
        foreach (var entry in all)
        {
            var pattern = entry.Pattern;
            var prefix = pattern.AsSpan().IndexOfAny('*', '?');
            var suffix = pattern.Length - 1 - pattern.AsSpan().LastIndexOfAny('*', '?');
            var indexed = IndexedWildcard.Of(entry, prefix, suffix);
            if (prefix > 0)
            {
                byStart.Add((pattern[..Math.Min(prefix, AnchorLength)], indexed));
                prefixes.Add(pattern[..prefix]);
            }
            else if (suffix > 0)
            {
                byEnd.Add((pattern[^Math.Min(suffix, AnchorLength)..], indexed));
                suffixes.Add(pattern[^suffix..]);
            }
            else
            {
                floating.Add(indexed);
            }
        }

        _startLengths = Fill(_byStart, byStart);
        _endLengths = Fill(_byEnd, byEnd);
        _starts = new AnchorFilter(prefixes, fromEnd: false);
        _ends = new AnchorFilter(suffixes, fromEnd: true);
        _floating = [.. floating];
        IsEmpty = all.Length == 0;
        StartsOnly = byStart.Count > 0 && byEnd.Count == 0 && floating.Count == 0 ? _starts : null;
    }

    public bool IsEmpty { get; }

    /// <summary>
    /// The filter of the wildcards' prefixes when every wildcard is anchored by its start (the way
    /// models mostly write them: <c>deliver*</c>), for a matcher to test a post's words against in
    /// one pass; null when some wildcard is not.
    /// </summary>
    internal AnchorFilter? StartsOnly { get; }

    /// <summary>Records an occurrence of every wildcard that matches word <paramref name="w"/> of <paramref name="tokens"/>.</summary>
    // Inlined into the matcher's loop over a post's words, most of which pass neither filter.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Find(TokenizedText tokens, int w, ReadOnlySpan<char> word, CompiledMatchScratch scratch)
    {
        if (_startLengths.Length > 0 && _starts.MayAnchor(word))
        {
            FindAnchored(_byStart, _startLengths, fromEnd: false, tokens, w, word, scratch);
        }

        if (_endLengths.Length > 0 && _ends.MayAnchor(word))
        {
            FindAnchored(_byEnd, _endLengths, fromEnd: true, tokens, w, word, scratch);
        }

        if (_floating.Length > 0)
        {
            Glob(_floating, tokens, w, word, scratch);
        }
    }

    private static void FindAnchored(WordTable<IndexedWildcard[]>?[] tables, int[] lengths, bool fromEnd, TokenizedText tokens, int w, ReadOnlySpan<char> word, CompiledMatchScratch scratch)
    {
        foreach (var length in lengths)
        {
            if (length > word.Length)
            {
                break;
            }

            if (tables[length]!.TryGetValue(fromEnd ? word[^length..] : word[..length], out var entries))
            {
                Glob(entries, tokens, w, word, scratch);
            }
        }
    }

    /// <summary>Whether <paramref name="pattern"/> ('*' any run of units, '?' one unit) matches the whole of <paramref name="word"/>.</summary>
    internal static bool Matches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> word)
    {
        int p = 0, w = 0, star = -1, mark = 0;
        while (w < word.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == word[w]))
            {
                p++;
                w++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = w;
            }
            else if (star >= 0)
            {
                p = star + 1;
                w = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static void Glob(IndexedWildcard[] entries, TokenizedText tokens, int w, ReadOnlySpan<char> word, CompiledMatchScratch scratch)
    {
        foreach (var entry in entries)
        {
            if (entry.Matches(word) && CompiledMatcher.PrefixOk(entry.Entry.Prefix, tokens, w))
            {
                CompiledMatcher.AddWords(scratch, entry.Entry.Literal, tokens, w, 1);
            }
        }
    }

    /// <summary>Fills one table per anchor length and returns the lengths filled, shortest first.</summary>
    private static int[] Fill(WordTable<IndexedWildcard[]>?[] tables, List<(string Anchor, IndexedWildcard Entry)> anchored)
    {
        foreach (var byLength in anchored.GroupBy(a => a.Anchor.Length))
        {
            tables[byLength.Key] = new WordTable<IndexedWildcard[]>(byLength
                .GroupBy(a => a.Anchor, StringComparer.Ordinal)
                .Select(g => KeyValuePair.Create(g.Key, g.Select(a => a.Entry).ToArray())));
        }

        return [.. Enumerable.Range(1, AnchorLength).Where(length => tables[length] is not null)];
    }

    /// <summary>
    /// A wildcard as the index globs it. Most are a literal and one trailing or leading '*'
    /// (<c>deliver*</c>, <c>*corp</c>): those compare that literal with the word's start or end
    /// (a vector compare) instead of walking the pattern.
    /// </summary>
    private readonly record struct IndexedWildcard(WildcardEntry Entry, WildcardShape Shape, string Fixed)
    {
        /// <param name="prefix">Where the pattern's first '*' or '?' is.</param>
        /// <param name="suffix">How many units follow its last '*' or '?'.</param>
        public static IndexedWildcard Of(WildcardEntry entry, int prefix, int suffix)
        {
            var pattern = entry.Pattern;
            if (prefix == pattern.Length - 1 && pattern[^1] == '*')
            {
                return new IndexedWildcard(entry, WildcardShape.StartsWith, pattern[..^1]);
            }

            return suffix == pattern.Length - 1 && pattern[0] == '*'
                ? new IndexedWildcard(entry, WildcardShape.EndsWith, pattern[1..])
                : new IndexedWildcard(entry, WildcardShape.Pattern, pattern);
        }

        public bool Matches(ReadOnlySpan<char> word) => Shape switch
        {
            WildcardShape.StartsWith => word.StartsWith(Fixed.AsSpan()),
            WildcardShape.EndsWith => word.EndsWith(Fixed.AsSpan()),
            _ => WildcardIndex.Matches(Fixed, word),
        };
    }

    private enum WildcardShape : byte
    {
        Pattern,
        StartsWith,
        EndsWith,
    }
}

/// <summary>A wildcard literal of the model: its id, the sign it needs before the word, its folded pattern.</summary>
internal readonly record struct WildcardEntry(int Literal, WordPrefix Prefix, string Pattern);
