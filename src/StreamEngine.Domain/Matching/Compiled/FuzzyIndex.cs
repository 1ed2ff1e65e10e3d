using StreamEngine.Domain.Query;
using StreamEngine.Domain.Text;

namespace StreamEngine.Domain.Matching.Compiled;

/// <summary>
/// The fuzzy terms of a model, indexed by their deletion neighbourhoods: a word is within k edits
/// of a term only if deleting at most k units from each gives the same string (a substitution is a
/// deletion on both sides, an insertion a deletion on the other). Every term is stored under each
/// string its deletions give, and a word looks up its own deletions (1 + L look-ups for ~1, about
/// L²/2 for ~2) instead of being compared with every term of a similar length; the few candidates
/// found are confirmed by a bounded edit distance.
/// </summary>
internal sealed class FuzzyIndex
{
    private readonly FuzzyEntry[] _entries;
    private readonly WordTable<int[]> _byDeletion;
    private readonly int _maxEdits;
    private readonly int _minLength;

    public FuzzyIndex(IEnumerable<FuzzyEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = entries.ToArray();
        var byDeletion = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < _entries.Length; i++)
        {
            foreach (var deleted in Deletions(_entries[i].Word, _entries[i].MaxEdits))
            {
                if (!byDeletion.TryGetValue(deleted, out var list))
                {
                    byDeletion[deleted] = list = [];
                }

                list.Add(i);
            }
        }

        _byDeletion = new WordTable<int[]>(byDeletion.Select(g => KeyValuePair.Create(g.Key, g.Value.ToArray())));
        _maxEdits = _entries.Length == 0 ? 0 : _entries.Max(e => e.MaxEdits);
        _minLength = _entries.Length == 0 ? 0 : _entries.Min(e => e.Word.Length);
        MaxLength = _entries.Length == 0 ? 0 : _entries.Max(e => e.Word.Length);
    }

    public int Count => _entries.Length;

    /// <summary>The longest fuzzy word, in UTF-16 units.</summary>
    public int MaxLength { get; }

    /// <summary>Records an occurrence of every fuzzy term within its edits of word <paramref name="w"/> of <paramref name="tokens"/>.</summary>
    public void Find(TokenizedText tokens, int w, ReadOnlySpan<char> word, CompiledMatchScratch scratch)
    {
        if (word.Length < _minLength - _maxEdits || word.Length > MaxLength + _maxEdits)
        {
            return;
        }

        var visit = scratch.BeginFuzzyWord();
        Span<char> buffer = stackalloc char[word.Length];
        Span<char> twiceBuffer = stackalloc char[_maxEdits < 2 ? 0 : word.Length];
        Look(word, tokens, w, word, visit, scratch);
        for (var i = 0; i < word.Length; i++)
        {
            // Deleting either of two equal neighbours gives the same string: look it up once.
            if (i > 0 && word[i] == word[i - 1])
            {
                continue;
            }

            var once = Delete(word, i, buffer);
            Look(once, tokens, w, word, visit, scratch);
            if (_maxEdits < 2)
            {
                continue;
            }

            for (var j = i; j < once.Length; j++)
            {
                if (j > i && once[j] == once[j - 1])
                {
                    continue;
                }

                Look(Delete(once, j, twiceBuffer), tokens, w, word, visit, scratch);
            }
        }
    }

    /// <summary>
    /// Whether the Levenshtein distance (over UTF-16 units) between <paramref name="a"/> and
    /// <paramref name="b"/> is at most <paramref name="maxEdits"/>; <paramref name="rows"/> holds at
    /// least 2 × (a.Length + 1) ints. Gives up as soon as a whole row exceeds the bound.
    /// </summary>
    internal static bool WithinEdits(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int maxEdits, Span<int> rows)
    {
        var m = a.Length;
        var previous = rows[..(m + 1)];
        var current = rows.Slice(m + 1, m + 1);
        for (var i = 0; i <= m; i++)
        {
            previous[i] = i;
        }

        for (var j = 1; j <= b.Length; j++)
        {
            current[0] = j;
            var rowMin = j;
            for (var i = 1; i <= m; i++)
            {
                var value = Math.Min(previous[i - 1] + (a[i - 1] == b[j - 1] ? 0 : 1), Math.Min(previous[i], current[i - 1]) + 1);
                current[i] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > maxEdits)
            {
                return false;
            }

            var swap = previous;
            previous = current;
            current = swap;
        }

        return previous[m] <= maxEdits;
    }

    private void Look(ReadOnlySpan<char> key, TokenizedText tokens, int w, ReadOnlySpan<char> word, int[] visit, CompiledMatchScratch scratch)
    {
        if (key.IsEmpty || !_byDeletion.TryGetValue(key, out var candidates))
        {
            return;
        }

        foreach (var index in candidates)
        {
            if (visit[index] == scratch.FuzzyWord)
            {
                continue;
            }

            visit[index] = scratch.FuzzyWord;
            var entry = _entries[index];
            if (Math.Abs(entry.Word.Length - word.Length) <= entry.MaxEdits
                && CompiledMatcher.PrefixOk(entry.Prefix, tokens, w)
                && WithinEdits(entry.Word, word, entry.MaxEdits, scratch.FuzzyRows))
            {
                CompiledMatcher.AddWords(scratch, entry.Literal, tokens, w, 1);
            }
        }
    }

    private static ReadOnlySpan<char> Delete(ReadOnlySpan<char> word, int at, Span<char> into)
    {
        word[..at].CopyTo(into);
        word[(at + 1)..].CopyTo(into[at..]);
        return into[..(word.Length - 1)];
    }

    /// <summary>The word and every distinct string left by deleting up to <paramref name="edits"/> of its units.</summary>
    private static HashSet<string> Deletions(string word, int edits)
    {
        var found = new HashSet<string>(StringComparer.Ordinal) { word };
        var frontier = new List<string> { word };
        for (var round = 0; round < edits; round++)
        {
            var next = new List<string>();
            foreach (var current in frontier)
            {
                for (var i = 0; i < current.Length; i++)
                {
                    var deleted = current.Remove(i, 1);
                    if (deleted.Length > 0 && found.Add(deleted))
                    {
                        next.Add(deleted);
                    }
                }
            }

            frontier = next;
        }

        return found;
    }
}

/// <summary>A fuzzy literal of the model: its id, the sign it needs before the word, its folded word and the edits allowed.</summary>
internal readonly record struct FuzzyEntry(int Literal, WordPrefix Prefix, string Word, int MaxEdits);
