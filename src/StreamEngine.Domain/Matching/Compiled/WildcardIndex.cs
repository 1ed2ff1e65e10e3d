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
    private readonly WordTable<WildcardEntry[]>?[] _byStart = new WordTable<WildcardEntry[]>?[AnchorLength + 1];
    private readonly WordTable<WildcardEntry[]>?[] _byEnd = new WordTable<WildcardEntry[]>?[AnchorLength + 1];
    private readonly WildcardEntry[] _floating;

    // The characters anchors start with (prefixes) and end with (suffixes): most words of a post
    // start and end with characters no anchor has, and skip every look-up on that side. Without
    // this, a model with a single wildcard paid a table look-up per word, about as much as the
    // look-up of the word itself.
    private readonly AnchorCharacters _firsts;
    private readonly AnchorCharacters _lasts;

    public WildcardIndex(IEnumerable<WildcardEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var all = entries.ToArray();
        var floating = new List<WildcardEntry>();
        var byStart = new List<(string Anchor, WildcardEntry Entry)>();
        var byEnd = new List<(string Anchor, WildcardEntry Entry)>();
        foreach (var entry in all)
        {
            var pattern = entry.Pattern;
            var prefix = pattern.AsSpan().IndexOfAny('*', '?');
            var suffix = pattern.Length - 1 - pattern.AsSpan().LastIndexOfAny('*', '?');
            if (prefix > 0)
            {
                byStart.Add((pattern[..Math.Min(prefix, AnchorLength)], entry));
            }
            else if (suffix > 0)
            {
                byEnd.Add((pattern[^Math.Min(suffix, AnchorLength)..], entry));
            }
            else
            {
                floating.Add(entry);
            }
        }

        Fill(_byStart, byStart);
        Fill(_byEnd, byEnd);
        _firsts = new AnchorCharacters(byStart.Select(a => a.Anchor[0]));
        _lasts = new AnchorCharacters(byEnd.Select(a => a.Anchor[^1]));
        _floating = [.. floating];
        IsEmpty = all.Length == 0;
    }

    public bool IsEmpty { get; }

    /// <summary>Records an occurrence of every wildcard that matches word <paramref name="w"/> of <paramref name="tokens"/>.</summary>
    public void Find(TokenizedText tokens, int w, ReadOnlySpan<char> word, CompiledMatchScratch scratch)
    {
        var byStart = !word.IsEmpty && _firsts.Contains(word[0]);
        var byEnd = !word.IsEmpty && _lasts.Contains(word[^1]);
        var longest = byStart || byEnd ? Math.Min(word.Length, AnchorLength) : 0;
        for (var length = 1; length <= longest; length++)
        {
            if (byStart && _byStart[length] is { } starts && starts.TryGetValue(word[..length], out var entries))
            {
                Glob(entries, tokens, w, word, scratch);
            }

            if (byEnd && _byEnd[length] is { } ends && ends.TryGetValue(word[^length..], out entries))
            {
                Glob(entries, tokens, w, word, scratch);
            }
        }

        Glob(_floating, tokens, w, word, scratch);
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

    private static void Glob(WildcardEntry[] entries, TokenizedText tokens, int w, ReadOnlySpan<char> word, CompiledMatchScratch scratch)
    {
        foreach (var entry in entries)
        {
            if (CompiledMatcher.PrefixOk(entry.Prefix, tokens, w) && Matches(entry.Pattern, word))
            {
                CompiledMatcher.AddWords(scratch, entry.Literal, tokens, w, 1);
            }
        }
    }

    private static void Fill(WordTable<WildcardEntry[]>?[] tables, List<(string Anchor, WildcardEntry Entry)> anchored)
    {
        foreach (var byLength in anchored.GroupBy(a => a.Anchor.Length))
        {
            tables[byLength.Key] = new WordTable<WildcardEntry[]>(byLength
                .GroupBy(a => a.Anchor, StringComparer.Ordinal)
                .Select(g => KeyValuePair.Create(g.Key, g.Select(a => a.Entry).ToArray())));
        }
    }
}

/// <summary>A wildcard literal of the model: its id, the sign it needs before the word, its folded pattern.</summary>
internal readonly record struct WildcardEntry(int Literal, WordPrefix Prefix, string Pattern);

/// <summary>A set of characters, tested in a couple of instructions for ASCII; any other character is in it if any other character was added.</summary>
internal readonly struct AnchorCharacters
{
    private readonly ulong _low;
    private readonly ulong _high;
    private readonly bool _beyondAscii;

    public AnchorCharacters(IEnumerable<char> characters)
    {
        ArgumentNullException.ThrowIfNull(characters);
        foreach (var c in characters)
        {
            if (c < 64)
            {
                _low |= 1UL << c;
            }
            else if (c < 128)
            {
                _high |= 1UL << (c - 64);
            }
            else
            {
                _beyondAscii = true;
            }
        }
    }

    public bool Contains(char c) => c < 64 ? ((_low >> c) & 1) != 0 : c < 128 ? ((_high >> (c - 64)) & 1) != 0 : _beyondAscii;
}
