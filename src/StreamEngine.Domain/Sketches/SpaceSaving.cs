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
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_kept[i].Key, key, StringComparison.Ordinal))
            {
                _kept[i] = _kept[i] with { Tally = _kept[i].Tally.Plus(tally) };
                return;
            }
        }

        if (_count < Capacity)
        {
            Append(new Kept(key, tally, 0));
            return;
        }

        var least = 0;
        for (var i = 1; i < _count; i++)
        {
            if (_kept[i].Ranking(Weight) < _kept[least].Ranking(Weight))
            {
                least = i;
            }
        }

        _kept[least] = new Kept(key, tally, _kept[least].Ranking(Weight));
    }

    /// <summary>Restores a kept key as a snapshot held it.</summary>
    public void Restore(Kept kept)
    {
        if (_count >= Capacity)
        {
            throw new InvalidOperationException($"a summary of capacity {Capacity} is full");
        }

        Append(kept);
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
