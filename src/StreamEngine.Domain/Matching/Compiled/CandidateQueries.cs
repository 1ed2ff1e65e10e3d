using System.Numerics;

namespace StreamEngine.Domain.Matching.Compiled;

/// <summary>
/// The queries a post may match, as a two-level bit set: one bit per query, and one summary bit
/// per 64 queries whose word has any bit. Queries come out in ascending order without sorting, and
/// taking them clears the set, so a post pays for the queries it touched and a few summary words,
/// not for the size of the model.
/// </summary>
internal sealed class CandidateQueries
{
    private readonly ulong[] _queries;
    private readonly ulong[] _summary;

    public CandidateQueries(int queryCount)
    {
        _queries = new ulong[(queryCount + 63) / 64];
        _summary = new ulong[(_queries.Length + 63) / 64];
    }

    public void Add(int query)
    {
        var word = query >> 6;
        _queries[word] |= 1UL << query;
        _summary[word >> 6] |= 1UL << word;
    }

    /// <summary>Writes the queries to <paramref name="into"/> in ascending order and empties the set.</summary>
    public void TakeAscending(List<int> into)
    {
        for (var s = 0; s < _summary.Length; s++)
        {
            var words = _summary[s];
            _summary[s] = 0;
            while (words != 0)
            {
                var word = (s << 6) + BitOperations.TrailingZeroCount(words);
                words &= words - 1;
                var bits = _queries[word];
                _queries[word] = 0;
                while (bits != 0)
                {
                    into.Add((word << 6) + BitOperations.TrailingZeroCount(bits));
                    bits &= bits - 1;
                }
            }
        }
    }
}
