namespace StreamEngine.Domain.Aggregates;

/// <summary>
/// A number for every segment value counted in this process, shared by all brands, so that a
/// bucket keeps 8 bytes per value it counted (<see cref="SegmentCounts"/>) instead of a dictionary
/// entry. The values are few and bounded (countries and languages are codes checked on input; the
/// rest are the model's concepts and fixed labels), so the table settles within the first minutes.
/// <para>
/// Lock-free to read; a new value takes a lock once. The table is this class's own rather than a
/// <c>ConcurrentDictionary&lt;SegmentKey, int&gt;</c>: a generic over the engine's own key is compiled
/// only when first called, so through a node's start, when every replayed batch looks its values up,
/// it ran as unoptimised code (perf/README.md). This one is compiled ahead with the assembly.
/// </para>
/// </summary>
internal static class SegmentCodes
{
    /// <summary>Codes fit the 24 bits <see cref="SegmentCounts"/> packs them in.</summary>
    public const int MaxCodes = 1 << 24;

    private static readonly Lock Gate = new();

    // Per slot: the key's hash in the high half, its code + 1 in the low half (0: empty). A slot is
    // written whole, after its key, so a reader that sees a code can read the key; a reader that
    // misses a key added meanwhile (or holds a table since outgrown) asks again under the lock.
    private static ulong[] _slots = new ulong[512];
    private static SegmentKey[] _keys = new SegmentKey[256];
    private static int _count;

    public static int CodeOf(SegmentKey key)
    {
        var hash = Hash(key.Dimension, key.Value);
        var code = Find(Volatile.Read(ref _slots), key.Dimension, key.Value, hash);
        return code >= 0 ? code : Add(key, hash);
    }

    /// <summary>The string of a value already counted, found from its characters; null when it never was.</summary>
    public static string? KnownValue(SegmentDimension dimension, ReadOnlySpan<char> value)
    {
        var code = Find(Volatile.Read(ref _slots), dimension, value, Hash(dimension, value));
        return code >= 0 ? KeyOf(code).Value : null;
    }

    public static SegmentKey KeyOf(int code) => Volatile.Read(ref _keys)[code];

    private static int Add(SegmentKey key, uint hash)
    {
        lock (Gate)
        {
            var code = Find(_slots, key.Dimension, key.Value, hash);
            if (code >= 0)
            {
                return code;
            }

            if (_count == MaxCodes)
            {
                throw new InvalidOperationException($"more than {MaxCodes:N0} distinct segment values; cannot count ({key.Dimension.ToName()}, '{key.Value}')");
            }

            if (_count == _keys.Length)
            {
                var grown = new SegmentKey[_keys.Length * 2];
                Array.Copy(_keys, grown, _count);
                Volatile.Write(ref _keys, grown);
            }

            code = _count;
            _keys[code] = key;
            if ((_count + 1) * 2 > _slots.Length)
            {
                Volatile.Write(ref _slots, Rehash(_slots.Length * 2));
            }

            Insert(_slots, hash, code);
            _count++;
            return code;
        }
    }

    private static int Find(ulong[] slots, SegmentDimension dimension, ReadOnlySpan<char> value, uint hash)
    {
        var keys = Volatile.Read(ref _keys);
        var mask = slots.Length - 1;
        for (var slot = (int)hash & mask; ; slot = (slot + 1) & mask)
        {
            var entry = Volatile.Read(ref slots[slot]);
            if (entry == 0)
            {
                return -1;
            }

            if ((uint)(entry >> 32) == hash)
            {
                var code = (int)(uint)entry - 1;

                // A key published after this read of the keys is in a longer array.
                var known = code < keys.Length ? keys[code] : KeyOf(code);
                if (known.Dimension == dimension && value.SequenceEqual(known.Value))
                {
                    return code;
                }
            }
        }
    }

    private static ulong[] Rehash(int size)
    {
        var slots = new ulong[size];
        for (var code = 0; code < _count; code++)
        {
            Insert(slots, Hash(_keys[code].Dimension, _keys[code].Value), code);
        }

        return slots;
    }

    private static void Insert(ulong[] slots, uint hash, int code)
    {
        var mask = slots.Length - 1;
        var slot = (int)hash & mask;
        while (slots[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }

        Volatile.Write(ref slots[slot], ((ulong)hash << 32) | (uint)(code + 1));
    }

    private static uint Hash(SegmentDimension dimension, ReadOnlySpan<char> value)
    {
        // The value's hash is randomised per process (the same for a string and its characters); the
        // multiply spreads the dimension and mixes high bits into the low ones that pick the slot.
        var hash = ((uint)string.GetHashCode(value) ^ ((uint)dimension * 0x9E3779B9u)) * 0x85EBCA6Bu;
        return hash ^ (hash >> 15);
    }
}
