namespace StreamEngine.Domain.Matching;

/// <summary>
/// Matches a set of OR-of-terms queries against post text in one pass: the text is folded and split
/// into words once, and each word is looked up in a table keyed by the first word of every term.
/// Immutable after construction, so one instance serves every thread; each thread brings its own
/// <see cref="MatchScratch"/>.
/// </summary>
public sealed class TermMatcher
{
    private readonly Dictionary<string, TermEntry[]> _byFirstWord;
    private readonly Dictionary<string, TermEntry[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public TermMatcher(IReadOnlyList<TermQuery> queries)
    {
        ArgumentNullException.ThrowIfNull(queries);
        QueryCount = queries.Count;
        var grouped = new Dictionary<string, List<TermEntry>>(StringComparer.Ordinal);
        for (var q = 0; q < queries.Count; q++)
        {
            foreach (var term in queries[q].Terms)
            {
                if (!grouped.TryGetValue(term.Words[0], out var entries))
                {
                    grouped[term.Words[0]] = entries = [];
                }

                entries.Add(new TermEntry(q, term.Prefix, term.Words.Skip(1).ToArray()));
            }
        }

        _byFirstWord = grouped.ToDictionary(g => g.Key, g => g.Value.ToArray(), StringComparer.Ordinal);
        _lookup = _byFirstWord.GetAlternateLookup<ReadOnlySpan<char>>();
        TermCount = grouped.Sum(g => g.Value.Count);
    }

    public int QueryCount { get; }

    public int TermCount { get; }

    /// <summary>Finds the queries <paramref name="text"/> matches; read them from <see cref="MatchScratch.Queries"/>.</summary>
    public void Match(ReadOnlySpan<char> text, MatchScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        scratch.Reset(text.Length, QueryCount);
        SplitWords(text, scratch);
        for (var w = 0; w < scratch.WordCount; w++)
        {
            if (!_lookup.TryGetValue(scratch.Word(w), out var entries))
            {
                continue;
            }

            foreach (var entry in entries)
            {
                if (!scratch.Matched[entry.Query] && entry.Matches(scratch, w))
                {
                    scratch.Matched[entry.Query] = true;
                    scratch.MatchedQueries.Add(entry.Query);
                }
            }
        }
    }

    private static void SplitWords(ReadOnlySpan<char> text, MatchScratch scratch)
    {
        var folded = scratch.Folded;
        var length = 0;
        var wordStart = -1;
        var before = ' ';
        var previous = ' ';
        foreach (var c in text)
        {
            var f = TextFolding.Fold(c);
            if (f == TextFolding.Dropped)
            {
                continue;
            }

            if (TextFolding.IsWordChar(f))
            {
                if (wordStart < 0)
                {
                    wordStart = length;
                    before = previous;
                }

                folded[length++] = f;
            }
            else if (wordStart >= 0)
            {
                scratch.AddWord(wordStart, length - wordStart, before);
                wordStart = -1;
            }

            previous = f;
        }

        if (wordStart >= 0)
        {
            scratch.AddWord(wordStart, length - wordStart, before);
        }
    }

    private readonly record struct TermEntry(int Query, TermPrefix Prefix, string[] Rest)
    {
        public bool Matches(MatchScratch scratch, int word)
        {
            var prefixOk = Prefix switch
            {
                TermPrefix.Handle => scratch.WordPrefix[word] == '@',
                TermPrefix.Hashtag => scratch.WordPrefix[word] == '#',
                _ => true,
            };
            if (!prefixOk || word + Rest.Length >= scratch.WordCount)
            {
                return false;
            }

            for (var i = 0; i < Rest.Length; i++)
            {
                if (!scratch.Word(word + 1 + i).SequenceEqual(Rest[i]))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
