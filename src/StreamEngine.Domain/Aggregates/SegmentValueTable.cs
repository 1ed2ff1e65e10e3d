namespace StreamEngine.Domain.Aggregates;

/// <summary>
/// The segment values a snapshot names, numbered once for all of its buckets, which give their
/// counts by a value's place in the table. A month-old brand's 2,160 buckets count the same few
/// dozen values, and numbering each value in each bucket through the node's shared table was a
/// sizeable part of decoding its snapshot (perf/README.md).
/// </summary>
public sealed class SegmentValueTable
{
    private readonly int[] _codes;

    public SegmentValueTable(IReadOnlyList<SegmentKey> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _codes = new int[values.Count];
        for (var i = 0; i < _codes.Length; i++)
        {
            _codes[i] = SegmentCodes.CodeOf(values[i]);
        }
    }

    public int Count => _codes.Length;

    /// <summary>A bucket's entries, from counts each given as a value's place in this table and its mentions, in any order.</summary>
    internal ulong[] Entries(ReadOnlySpan<(int Place, long Mentions)> counts)
    {
        var packed = new ulong[counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            var (place, mentions) = counts[i];
            if ((uint)place >= (uint)_codes.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(counts), $"segment value {place} of a table of {_codes.Length}");
            }

            packed[i] = SegmentCounts.Pack(_codes[place], mentions);
        }

        return SegmentCounts.OfCodes(packed);
    }
}
