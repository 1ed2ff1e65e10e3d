namespace StreamEngine.Domain.Ingest;

/// <summary>
/// Remembers the posts seen recently, by a 64-bit hash of network and id, so a post that arrives
/// twice (a producer's retry, an overlapping replay) is counted once. Memory is bounded: two
/// generations of at most <see cref="GenerationSize"/> keys each, the older dropped when the newer
/// fills, so the horizon is between one and two generations of posts. Not thread-safe: the ingest
/// graph calls it from its single batching stage.
/// </summary>
public sealed class DuplicateFilter(int generationSize = DuplicateFilter.DefaultGenerationSize)
{
    public const int DefaultGenerationSize = 1 << 20;

    private HashSet<ulong> _current = new(Math.Min(generationSize, 1 << 16));
    private HashSet<ulong> _previous = [];

    public int GenerationSize { get; } = generationSize;

    /// <summary>True when the key is new (and now remembered); false for a duplicate.</summary>
    public bool TryAdd(ulong key)
    {
        if (_previous.Contains(key) || !_current.Add(key))
        {
            return false;
        }

        if (_current.Count >= GenerationSize)
        {
            (_previous, _current) = (_current, _previous);
            _current.Clear();
        }

        return true;
    }

    /// <summary>Forgets a key whose post was not journaled after all, so that a resend is not taken for a duplicate.</summary>
    public void Forget(ulong key)
    {
        _current.Remove(key);
        _previous.Remove(key);
    }
}
