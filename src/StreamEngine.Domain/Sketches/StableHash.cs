namespace StreamEngine.Domain.Sketches;

/// <summary>
/// A 64-bit hash that never changes between runs or versions (string.GetHashCode does), because
/// sketches built from it are persisted. FNV-1a over UTF-16 units, then the MurmurHash3 finaliser
/// to spread FNV's weak high bits, which the sketch reads first.
/// </summary>
public static class StableHash
{
    public static ulong Of(ReadOnlySpan<char> first, ReadOnlySpan<char> second)
    {
        var h = 14695981039346656037UL;
        h = Mix(h, first);
        h = (h ^ 0x1F) * 1099511628211UL; // a separator so ("ab","c") and ("a","bc") differ
        h = Mix(h, second);
        return Finalise(h);
    }

    private static ulong Mix(ulong h, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        return h;
    }

    /// <summary>MurmurHash3's 64-bit finaliser: spreads every input bit over all 64 output bits.</summary>
    internal static ulong Finalise(ulong h)
    {
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        h ^= h >> 33;
        return h;
    }
}
