namespace StreamEngine.Domain.Sketches;

/// <summary>
/// A Space-Saving summary (Metwally, Agrawal, El Abbadi, 2005), weighted: at most
/// <see cref="Capacity"/> keys with their tallies. A key not kept replaces the key of least weight
/// and inherits that weight as its possible overcount (<see cref="Kept.Error"/>), so any key
/// whose true weight exceeds total/capacity is always kept. Memory is bounded whatever the number
/// of distinct keys: a brand's busiest minute costs no more than its quietest once full.
/// </summary>
/// <typeparam name="TTally">What is summed per key; <see cref="Weight"/> reads the ranking weight from it.</typeparam>
public sealed class SpaceSaving<TTally>
    where TTally : struct, ITally<TTally>
{
    // An array and a count rather than a List: a brand holds some hundred of these, and the List
    // object cost as much as a quiet pane's entries.
    private Kept[] _kept = [];

    // What Add reads of each kept entry, at its index: the key's hash code and the entry's ranking.
    // A key is looked for by a scan of the hashes instead of a string comparison per entry, each
    // reading a string elsewhere in the heap (influencer keys share their first characters,
    // "x/@...", so those comparisons ran on), and the least entry by a scan of plain numbers. Only a
    // summary holding IndexedFrom entries (or full, at a smaller capacity) is indexed and hashes
    // the keys it is given: most panes keep fewer authors, and there the index cost more memory
    // than the scan costs time, and hashing every key added cost a restart of 10,000 brands more
    // than the index saved it (perf/README.md). A restored pane sealed again unchanged, as most
    // are, never holds one.
    private const int IndexedFrom = 16;

    private int[] _hashes = [];
    private long[] _rankings = [];
    private int _count;

    public SpaceSaving(int capacity, TallyWeight weight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        Weight = weight;
        // Most panes of a quiet brand see one or two authors: the array grows only as far as it is filled.
    }

    public int Capacity { get; }

    public TallyWeight Weight { get; }

    public ReadOnlySpan<Kept> Entries => _kept.AsSpan(0, _count);

    public void Add(string key, TTally tally)
    {
        ArgumentNullException.ThrowIfNull(key);
        var indexed = _count >= Math.Min(Capacity, IndexedFrom);
        var hash = 0;
        int at;
        if (indexed)
        {
            hash = HashOf(key);
            if (_hashes.Length == 0)
            {
                BuildIndex();
            }

            at = IndexOf(key, hash);
        }
        else
        {
            at = Find(key);
        }

        if (at >= 0)
        {
            _kept[at] = _kept[at] with { Tally = _kept[at].Tally.Plus(tally) };
        }
        else if (_count < Capacity)
        {
            at = _count;
            Append(new Kept(key, tally, 0));
        }
        else
        {
            // Only a summary with an index is full.
            at = Least();
            _kept[at] = new Kept(key, tally, _rankings[at]);
        }

        if (indexed)
        {
            Index(at, hash);
        }
    }

    /// <summary>
    /// Makes room for <paramref name="more"/> keys beyond those held, as many as the capacity takes,
    /// at once: a snapshot says how many entries a pane held, and restoring them one by one grew
    /// its arrays by doubling, 216 MB of arrays in a restart of 10,000 brands (perf/README.md).
    /// </summary>
    public void Reserve(int more)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(more);
        var wanted = (int)Math.Min(Capacity, (long)_count + more);
        if (wanted > _kept.Length)
        {
            Array.Resize(ref _kept, wanted);
        }
    }

    /// <summary>Restores a kept key as a snapshot held it.</summary>
    public void Restore(Kept kept)
    {
        if (_count >= Capacity)
        {
            throw new InvalidOperationException($"a summary of capacity {Capacity} is full");
        }

        Append(kept);
        if (_hashes.Length != 0)
        {
            Index(_count - 1, HashOf(kept.Key));
        }
    }

    /// <summary>
    /// The hash codes and rankings of the entries held so far, at the summary's full size at once: a
    /// summary that reaches IndexedFrom entries mostly fills, and an index grown with its entries
    /// left a trail of arrays in every replay.
    /// </summary>
    private void BuildIndex()
    {
        _hashes = new int[Capacity];
        _rankings = new long[Capacity];
        for (var i = 0; i < _count; i++)
        {
            Index(i, HashOf(_kept[i].Key));
        }
    }

    private void Index(int at, int hash)
    {
        _hashes[at] = hash;
        _rankings[at] = _kept[at].Ranking(Weight);
    }

    // The string's own hash, seeded per process, so no one can choose keys that collide; never stored.
    private static int HashOf(string key) => key.GetHashCode(StringComparison.Ordinal);

    /// <summary>The first entry of least ranking: the one a key not kept replaces.</summary>
    private int Least()
    {
        var rankings = _rankings.AsSpan(0, _count);
        var least = 0;
        for (var i = 1; i < rankings.Length; i++)
        {
            if (rankings[i] < rankings[least])
            {
                least = i;
            }
        }

        return least;
    }

    /// <summary>Where <paramref name="key"/> is kept in a summary without an index, told by its text; -1 when it is not.</summary>
    private int Find(string key)
    {
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_kept[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private int IndexOf(string key, int hash) => IndexOf(_hashes.AsSpan(0, _count), _kept, key, hash);

    /// <summary>Where <paramref name="key"/> is kept, found by its hash code and told from keys of the same hash by its text; -1 when it is not.</summary>
    internal static int IndexOf(ReadOnlySpan<int> hashes, ReadOnlySpan<Kept> kept, string key, int hash)
    {
        // A plain loop: a summary holds at most a few dozen codes.
        for (var at = 0; at < hashes.Length; at++)
        {
            if (hashes[at] == hash && string.Equals(kept[at].Key, key, StringComparison.Ordinal))
            {
                return at;
            }
        }

        return -1;
    }

    private void Append(Kept kept)
    {
        if (_count == _kept.Length)
        {
            Array.Resize(ref _kept, Math.Min(Capacity, Math.Max(1, _kept.Length * 2)));
        }

        _kept[_count++] = kept;
    }

    /// <param name="Error">The weight inherited from the key it replaced: the most its weight may be overcounted.</param>
    public readonly record struct Kept(string Key, TTally Tally, long Error)
    {
        public long Ranking(TallyWeight weight) => Tally.Weight(weight) + Error;
    }
}

/// <summary>Which figure of a tally a summary ranks by.</summary>
public enum TallyWeight : byte
{
    Mentions = 1,
    Reach,
    Engagement,
}

/// <summary>A figure summed per key in a <see cref="SpaceSaving{TTally}"/>.</summary>
public interface ITally<TSelf>
    where TSelf : struct, ITally<TSelf>
{
    long Weight(TallyWeight weight);

    TSelf Plus(TSelf other);
}
