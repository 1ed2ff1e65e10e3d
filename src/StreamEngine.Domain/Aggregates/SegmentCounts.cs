using System.Collections;
using System.Runtime.InteropServices;

namespace StreamEngine.Domain.Aggregates;

/// <summary>
/// A bucket's mentions per segment value, read-only. Held as one array of 8-byte entries sorted by
/// the value's code (<see cref="SegmentCodes"/>): the code in the top 24 bits, the count in the low
/// 40. A brand's quiet minute counts a handful of values, and a dictionary per bucket cost five
/// times the memory of the counts themselves.
/// </summary>
public readonly struct SegmentCounts : IReadOnlyCollection<KeyValuePair<SegmentKey, long>>
{
    private const int CountBits = 40;
    private const ulong CountMask = (1UL << CountBits) - 1;

    private readonly ulong[]? _entries;

    internal SegmentCounts(ulong[] entries) => _entries = entries;

    public int Count => _entries?.Length ?? 0;

    public Enumerator GetEnumerator() => new(_entries ?? []);

    IEnumerator<KeyValuePair<SegmentKey, long>> IEnumerable<KeyValuePair<SegmentKey, long>>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Adds the counts of one breakdown's values to <paramref name="sums"/>, keyed by code: a window
    /// sums many buckets, and a value's text is looked up once, after.
    /// </summary>
    internal static void SumInto(ReadOnlySpan<ulong> entries, SegmentDimension dimension, Dictionary<int, long> sums)
    {
        foreach (var entry in entries)
        {
            var code = CodeOf(entry);
            if (SegmentCodes.KeyOf(code).Dimension == dimension)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(sums, code, out _) += CountOf(entry);
            }
        }
    }

    /// <summary>
    /// Writes each of <paramref name="segments"/> into <paramref name="coded"/> as a code and its
    /// count: done once per delta, whose minute and hour buckets then both take the coded form.
    /// </summary>
    internal static void Encode(IReadOnlyList<SegmentCount> segments, Span<ulong> coded)
    {
        for (var i = 0; i < segments.Count; i++)
        {
            var s = segments[i];
            coded[i] = Pack(SegmentCodes.CodeOf(new SegmentKey(s.Dimension, s.Value)), s.Mentions);
        }
    }

    /// <summary>
    /// Adds coded counts (<see cref="Encode"/>) to <paramref name="entries"/>: values already
    /// counted in place, new ones merged in with one new array of the exact size.
    /// </summary>
    internal static void Add(ref ulong[] entries, ReadOnlySpan<ulong> coded)
    {
        if (coded.IsEmpty)
        {
            return;
        }

        var fresh = coded.Length <= 128 ? stackalloc ulong[coded.Length] : new ulong[coded.Length];
        var freshCount = 0;
        foreach (var added in coded)
        {
            var at = IndexOf(entries, CodeOf(added));
            if (at >= 0)
            {
                entries[at] = Pack(CodeOf(added), CountOf(entries[at]) + CountOf(added));
            }
            else
            {
                fresh[freshCount++] = added;
            }
        }

        if (freshCount > 0)
        {
            entries = Merge(entries, fresh[..freshCount]);
        }
    }

    /// <summary>Packs counts given as key and count (a snapshot's), in any order.</summary>
    internal static ulong[] Of(IEnumerable<KeyValuePair<SegmentKey, long>> counts) =>
        OfCodes(counts.Select(c => Pack(SegmentCodes.CodeOf(c.Key), c.Value)).ToArray());

    /// <summary>Sorts packed counts in any order, codes possibly repeated, into a bucket's entries.</summary>
    internal static ulong[] OfCodes(Span<ulong> packed) => Merge([], packed);

    /// <summary>Merges unsorted entries, codes possibly repeated, into sorted ones.</summary>
    private static ulong[] Merge(ulong[] sorted, Span<ulong> added)
    {
        added.Sort();
        var distinct = 0;
        for (var i = 0; i < added.Length; i++)
        {
            if (distinct > 0 && CodeOf(added[distinct - 1]) == CodeOf(added[i]))
            {
                added[distinct - 1] = Pack(CodeOf(added[i]), CountOf(added[distinct - 1]) + CountOf(added[i]));
            }
            else
            {
                added[distinct++] = added[i];
            }
        }

        var merged = new ulong[sorted.Length + distinct];
        int a = 0, b = 0, m = 0;
        while (a < sorted.Length && b < distinct)
        {
            merged[m++] = CodeOf(sorted[a]) < CodeOf(added[b]) ? sorted[a++] : added[b++];
        }

        sorted.AsSpan(a).CopyTo(merged.AsSpan(m));
        added[b..distinct].CopyTo(merged.AsSpan(m + sorted.Length - a));
        return merged;
    }

    private static int IndexOf(ulong[] entries, int code)
    {
        int lo = 0, hi = entries.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var midCode = CodeOf(entries[mid]);
            if (midCode == code)
            {
                return mid;
            }

            if (midCode < code)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }

    internal static ulong Pack(int code, long count)
    {
        if ((ulong)count > CountMask)
        {
            throw new OverflowException($"{count:N0} mentions of segment value {code} in one bucket exceed the {CountMask:N0} a bucket can count");
        }

        return (ulong)code << CountBits | (ulong)count;
    }

    internal static int CodeOf(ulong entry) => (int)(entry >> CountBits);

    internal static long CountOf(ulong entry) => (long)(entry & CountMask);

    public struct Enumerator(ulong[] entries) : IEnumerator<KeyValuePair<SegmentKey, long>>
    {
        private int _index = -1;

        public readonly KeyValuePair<SegmentKey, long> Current =>
            new(SegmentCodes.KeyOf(CodeOf(entries[_index])), CountOf(entries[_index]));

        readonly object IEnumerator.Current => Current;

        public bool MoveNext() => ++_index < entries.Length;

        public void Reset() => _index = -1;

        public readonly void Dispose()
        {
        }
    }
}
