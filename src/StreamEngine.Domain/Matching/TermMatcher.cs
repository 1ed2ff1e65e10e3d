using StreamEngine.Domain.Text;

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

    /// <summary>Tokenizes <paramref name="text"/> into the scratch, then matches it; read the result from the scratch.</summary>
    public void Match(ReadOnlySpan<char> text, MatchScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        scratch.Tokens.Tokenize(text);
        Match(scratch.Tokens, scratch);
    }

    /// <summary>
    /// Finds the queries the words of <paramref name="tokens"/> match, reading the words the single
    /// walk over the post already cut; read the result from <see cref="MatchScratch.Queries"/>.
    /// </summary>
    public void Match(TokenizedText tokens, MatchScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(scratch);
        scratch.Reset(QueryCount);
        for (var w = 0; w < tokens.WordCount; w++)
        {
            if (!_lookup.TryGetValue(tokens.Word(w), out var entries))
            {
                continue;
            }

            foreach (var entry in entries)
            {
                if (!entry.Matches(tokens, w))
                {
                    continue;
                }

                scratch.TermHits.Add(new TermHit(entry.Query, w, entry.Rest.Length + 1));
                if (!scratch.Matched[entry.Query])
                {
                    scratch.Matched[entry.Query] = true;
                    scratch.FirstWordOf[entry.Query] = w;
                    scratch.MatchedQueries.Add(entry.Query);
                }
            }
        }
    }

    private readonly record struct TermEntry(int Query, TermPrefix Prefix, string[] Rest)
    {
        public bool Matches(TokenizedText tokens, int word)
        {
            var prefixOk = Prefix switch
            {
                TermPrefix.Handle => tokens.WordPrefix(word) == '@',
                TermPrefix.Hashtag => tokens.WordPrefix(word) == '#',
                _ => true,
            };
            if (!prefixOk || word + Rest.Length >= tokens.WordCount)
            {
                return false;
            }

            for (var i = 0; i < Rest.Length; i++)
            {
                if (!tokens.Word(word + 1 + i).SequenceEqual(Rest[i]))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
