namespace StreamEngine.Domain.Threats;

/// <summary>
/// Finds the <see cref="LookalikeTarget"/>s whose skeleton equals a given one, or lies within its
/// edit budget, without comparing against every target: near ones through deletion neighbourhoods
/// (every string a target gives with up to <see cref="LookalikeTarget.MaxEdits"/> letters deleted),
/// so a query costs a few dozen hash look-ups whatever the number of brands. Immutable.
/// </summary>
internal sealed class SkeletonIndex
{
    private readonly LookalikeTarget[] _targets;
    private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _exact;
    private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _near;
    private readonly int _maxDeletions;
    private readonly int _maxNearLength;
    private readonly int _minNearLength = int.MaxValue;

    public SkeletonIndex(IEnumerable<LookalikeTarget> targets)
    {
        _targets = targets.Where(t => t.Letters.Length >= LookalikeTarget.MinLength).ToArray();
        var exact = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var near = new Dictionary<string, List<int>>(StringComparer.Ordinal);
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
                Add(near, form, i);
            }
        }

        _exact = Freeze(exact).GetAlternateLookup<ReadOnlySpan<char>>();
        _near = Freeze(near).GetAlternateLookup<ReadOnlySpan<char>>();
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

        var count = Probe(letters, letters, hits, 0);
        Span<char> form = stackalloc char[letters.Length];
        Span<char> twice = stackalloc char[letters.Length];
        for (var i = 0; i < letters.Length; i++)
        {
            Delete(letters, i, form);
            var once = form[..(letters.Length - 1)];
            count = Probe(once, letters, hits, count);
            if (_maxDeletions < 2)
            {
                continue;
            }

            for (var j = i; j < once.Length; j++)
            {
                Delete(once, j, twice);
                count = Probe(twice[..(once.Length - 1)], letters, hits, count);
            }
        }

        return count;
    }

    private int Probe(ReadOnlySpan<char> form, ReadOnlySpan<char> query, Span<(int Target, int Edits)> hits, int count)
    {
        if (!_near.TryGetValue(form, out var candidates))
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

    private static void Delete(ReadOnlySpan<char> from, int at, Span<char> into)
    {
        from[..at].CopyTo(into);
        from[(at + 1)..].CopyTo(into[at..]);
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

    private static void Add(Dictionary<string, List<int>> map, string key, int target)
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
