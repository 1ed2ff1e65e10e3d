using System.Numerics;

namespace StreamEngine.Domain.Threats;

/// <summary>
/// Finds the <see cref="LookalikeTarget"/>s whose skeleton equals a given one, or lies within its
/// edit budget, without comparing against every target: near ones through deletion neighbourhoods
/// (every string a target gives with up to <see cref="LookalikeTarget.MaxEdits"/> letters deleted),
/// so a query costs a few dozen look-ups whatever the number of brands. The neighbourhoods are
/// keyed by a polynomial hash, which for a query with one or two letters deleted comes from its
/// prefix and suffix hashes in constant time, so no deleted form is ever copied or rehashed; a
/// hash collision costs only the edit-distance check every candidate gets anyway. Immutable.
/// </summary>
internal sealed class SkeletonIndex
{
    private readonly LookalikeTarget[] _targets;
    private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _exact;
    private readonly Dictionary<ulong, int[]> _near;

    // One bit per neighbourhood key (by its low bits), sixteen bits a key or more: nearly every probe
    // is a miss, and this turns most away from a table small enough for the L1 cache instead of a
    // dictionary that is not.
    private readonly ulong[] _present;
    private readonly int _presentMask;
    private readonly int _maxDeletions;
    private readonly int _maxNearLength;
    private readonly int _minNearLength = int.MaxValue;

    public SkeletonIndex(IEnumerable<LookalikeTarget> targets)
    {
        _targets = targets.Where(t => t.Letters.Length >= LookalikeTarget.MinLength).ToArray();
        var exact = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var near = new Dictionary<ulong, List<int>>();
        for (var i = 0; i < _targets.Length; i++)
        {
            var target = _targets[i];
            Add(exact, target.Letters, i);
            if (target.MaxEdits == 0)
            {
                continue;
            }

            _maxDeletions = Math.Max(_maxDeletions, target.MaxEdits);
            _maxNearLength = Math.Max(_maxNearLength, target.Letters.Length);
            _minNearLength = Math.Min(_minNearLength, target.Letters.Length);
            foreach (var form in Deletions(target.Letters, target.MaxEdits))
            {
                Add(near, PolynomialHash.Key(PolynomialHash.Of(form)), i);
            }
        }

        _exact = Freeze(exact).GetAlternateLookup<ReadOnlySpan<char>>();
        _near = near.ToDictionary(p => p.Key, p => p.Value.Distinct().ToArray());
        var bits = (int)Math.Min(1 << 20, BitOperations.RoundUpToPowerOf2((uint)Math.Max(64, near.Count * 16)));
        _present = new ulong[bits / 64];
        _presentMask = bits - 1;
        foreach (var key in near.Keys)
        {
            var bit = (int)key & _presentMask;
            _present[bit >> 6] |= 1UL << bit;
        }
    }

    public int Count => _targets.Length;

    public LookalikeTarget this[int index] => _targets[index];

    /// <summary>Targets whose skeleton is exactly <paramref name="letters"/>.</summary>
    public ReadOnlySpan<int> Exact(ReadOnlySpan<char> letters) =>
        _exact.TryGetValue(letters, out var hits) ? hits : default;

    /// <summary>
    /// Writes into <paramref name="hits"/> targets one to <see cref="LookalikeTarget.MaxEdits"/>
    /// edits from <paramref name="letters"/> (each once, with its distance) and answers how many.
    /// </summary>
    public int Near(ReadOnlySpan<char> letters, Span<(int Target, int Edits)> hits)
    {
        // Lengths alone rule out most queries: an edit changes the length by one at most.
        if (_maxDeletions == 0 || letters.Length > _maxNearLength + _maxDeletions || letters.Length < _minNearLength - _maxDeletions)
        {
            return 0;
        }

        if (letters.Length > SkeletonText.MaxUnits)
        {
            return 0;
        }

        Span<ulong> prefix = stackalloc ulong[letters.Length + 1];
        Span<ulong> suffix = stackalloc ulong[letters.Length + 1];
        PolynomialHash.Prepare(letters, prefix, suffix);
        var n = letters.Length;
        var count = Probe(prefix[n], letters, hits, 0);
        for (var i = 0; i < n; i++)
        {
            count = Probe(PolynomialHash.WithoutOne(prefix, suffix, n, i), letters, hits, count);
            if (_maxDeletions < 2)
            {
                continue;
            }

            for (var j = i + 1; j < n; j++)
            {
                count = Probe(PolynomialHash.WithoutTwo(prefix, suffix, n, i, j), letters, hits, count);
            }
        }

        return count;
    }

    private int Probe(ulong form, ReadOnlySpan<char> query, Span<(int Target, int Edits)> hits, int count)
    {
        var key = PolynomialHash.Key(form);
        var bit = (int)key & _presentMask;
        if ((_present[bit >> 6] & (1UL << bit)) == 0 || !_near.TryGetValue(key, out var candidates))
        {
            return count;
        }

        foreach (var t in candidates)
        {
            if (count == hits.Length || Contains(hits[..count], t) || !_targets[t].WithinEdits(query, out var edits))
            {
                continue;
            }

            hits[count++] = (t, edits);
        }

        return count;
    }

    private static bool Contains(ReadOnlySpan<(int Target, int Edits)> hits, int target)
    {
        foreach (var (t, _) in hits)
        {
            if (t == target)
            {
                return true;
            }
        }

        return false;
    }

    private static HashSet<string> Deletions(string letters, int depth)
    {
        var forms = new HashSet<string>(StringComparer.Ordinal) { letters };
        var frontier = new List<string> { letters };
        for (var d = 0; d < depth; d++)
        {
            var next = new List<string>();
            foreach (var f in frontier.Where(f => f.Length > 1))
            {
                for (var i = 0; i < f.Length; i++)
                {
                    var shorter = f.Remove(i, 1);
                    if (forms.Add(shorter))
                    {
                        next.Add(shorter);
                    }
                }
            }

            frontier = next;
        }

        return forms;
    }

    private static void Add<TKey>(Dictionary<TKey, List<int>> map, TKey key, int target)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(target);
    }

    private static Dictionary<string, int[]> Freeze(Dictionary<string, List<int>> map) =>
        map.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
}
