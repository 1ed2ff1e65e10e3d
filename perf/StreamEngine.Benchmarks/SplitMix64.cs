namespace StreamEngine.Benchmarks;

/// <summary>
/// A tiny generator whose sequence, unlike System.Random's, is fixed by its definition, so the
/// corpus, the term sets and the model are the same on every machine and .NET version. Shared by
/// the benchmark projects as linked source.
/// </summary>
internal struct SplitMix64(ulong state)
{
    private ulong _state = state;

    public int Next(int bound)
    {
        _state += 0x9E3779B97F4A7C15UL;
        var z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z % (ulong)bound);
    }

    /// <summary>Fisher–Yates, in place.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
