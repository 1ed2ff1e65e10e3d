using StreamEngine.Domain.Text;

namespace StreamEngine.Domain.Matching;

/// <summary>
/// Per-thread working memory for matching: which queries the last post matched, where, and a
/// <see cref="TokenizedText"/> for callers that hand over raw text. Reused from post to post so
/// steady-state matching allocates nothing.
/// </summary>
public sealed class MatchScratch
{
    internal bool[] Matched = [];
    internal int[] FirstWordOf = [];
    internal readonly List<int> MatchedQueries = [];
    internal readonly List<TermHit> TermHits = [];

    /// <summary>The tokens of the last text matched through <see cref="TermMatcher.Match(ReadOnlySpan{char}, MatchScratch)"/>.</summary>
    public TokenizedText Tokens { get; } = new();

    /// <summary>The queries the last post matched, in the order they were first found.</summary>
    public IReadOnlyList<int> Queries => MatchedQueries;

    /// <summary>Every term occurrence that made a query match: its query, first word and number of words.</summary>
    public IReadOnlyList<TermHit> Hits => TermHits;

    /// <summary>The index of the word where <paramref name="query"/> first matched.</summary>
    public int FirstWord(int query) => FirstWordOf[query];

    internal void Reset(int queryCount)
    {
        if (Matched.Length != queryCount)
        {
            // A different model: the previous post's indices may not fit the new one, so start clean.
            Matched = new bool[queryCount];
            FirstWordOf = new int[queryCount];
        }
        else
        {
            foreach (var q in MatchedQueries)
            {
                Matched[q] = false;
            }
        }

        MatchedQueries.Clear();
        TermHits.Clear();
    }
}

/// <summary>A term of query <see cref="Query"/> found at words [<see cref="FirstWord"/>, FirstWord + WordCount).</summary>
public readonly record struct TermHit(int Query, int FirstWord, int WordCount);
