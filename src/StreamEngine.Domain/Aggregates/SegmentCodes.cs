using System.Collections.Concurrent;

namespace StreamEngine.Domain.Aggregates;

/// <summary>
/// A number for every segment value counted in this process, shared by all brands, so that a
/// bucket keeps 8 bytes per value it counted (<see cref="SegmentCounts"/>) instead of a dictionary
/// entry. The values are few and bounded (countries and languages are codes checked on input; the
/// rest are the model's concepts and fixed labels), so the table settles within the first minutes.
/// Lock-free to read; a new value takes a lock once.
/// </summary>
internal static class SegmentCodes
{
    /// <summary>Codes fit the 24 bits <see cref="SegmentCounts"/> packs them in.</summary>
    public const int MaxCodes = 1 << 24;

    private static readonly ConcurrentDictionary<SegmentKey, int> Codes = new();
    private static readonly Lock Gate = new();
    private static SegmentKey[] _keys = new SegmentKey[256];
    private static int _count;

    public static int CodeOf(SegmentKey key)
    {
        if (Codes.TryGetValue(key, out var code))
        {
            return code;
        }

        lock (Gate)
        {
            if (Codes.TryGetValue(key, out code))
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

            // The key is readable before its code is published, so whoever sees the code can read it.
            _keys[_count] = key;
            code = _count++;
            Codes[key] = code;
            return code;
        }
    }

    public static SegmentKey KeyOf(int code) => Volatile.Read(ref _keys)[code];
}
