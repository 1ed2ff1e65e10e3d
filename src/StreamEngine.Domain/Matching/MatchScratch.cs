namespace StreamEngine.Domain.Matching;

/// <summary>
/// Per-thread working memory for matching: the folded words of the post being read and the queries
/// it matched. Reused from post to post so steady-state matching allocates nothing.
/// </summary>
public sealed class MatchScratch
{
    internal char[] Folded = new char[512];
    internal int[] WordStart = new int[64];
    internal int[] WordLength = new int[64];
    internal char[] WordPrefix = new char[64];
    internal int WordCount;

    internal bool[] Matched = [];
    internal readonly List<int> MatchedQueries = [];

    internal void Reset(int textLength, int queryCount)
    {
        if (Folded.Length < textLength)
        {
            Folded = new char[Math.Max(textLength, Folded.Length * 2)];
        }

        if (Matched.Length != queryCount)
        {
            // A different model: the previous post's indices may not fit the new one, so start clean.
            Matched = new bool[queryCount];
        }
        else
        {
            foreach (var q in MatchedQueries)
            {
                Matched[q] = false;
            }
        }

        MatchedQueries.Clear();
        WordCount = 0;
    }

    internal void AddWord(int start, int length, char prefix)
    {
        if (WordCount == WordStart.Length)
        {
            Array.Resize(ref WordStart, WordCount * 2);
            Array.Resize(ref WordLength, WordCount * 2);
            Array.Resize(ref WordPrefix, WordCount * 2);
        }

        WordStart[WordCount] = start;
        WordLength[WordCount] = length;
        WordPrefix[WordCount] = prefix;
        WordCount++;
    }

    internal ReadOnlySpan<char> Word(int index) => Folded.AsSpan(WordStart[index], WordLength[index]);

    /// <summary>The queries the last post matched, in the order they were first found.</summary>
    public IReadOnlyList<int> Queries => MatchedQueries;
}
