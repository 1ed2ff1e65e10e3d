namespace StreamEngine.Domain.Threats;

/// <summary>
/// H(s) = Σ s[k]·B^(n−1−k) mod 2^64. Deleting letters from s changes H in a way its prefix and
/// suffix hashes give directly, which is what makes probing a query's deletion neighbourhood cheap.
/// Not collision-resistant, and it need not be: every hit is verified by edit distance.
/// </summary>
internal static class PolynomialHash
{
    private const ulong Base = 0x100000001B3UL;

    private static readonly ulong[] Powers = BuildPowers();

    public static ulong Of(ReadOnlySpan<char> s)
    {
        ulong h = 0;
        foreach (var c in s)
        {
            h = (h * Base) + c;
        }

        return h;
    }

    /// <summary>
    /// H spread over all 64 bits (MurmurHash3's finaliser) for use as a table key: H itself leaves
    /// the bits a hash table reads nearly alike for words of similar letters, which chains buckets.
    /// </summary>
    public static ulong Key(ulong h) => Sketches.StableHash.Finalise(h);

    /// <summary>prefix[k] = H(s[..k]); suffix[k] = H(s[k..]).</summary>
    public static void Prepare(ReadOnlySpan<char> s, Span<ulong> prefix, Span<ulong> suffix)
    {
        var n = s.Length;
        prefix[0] = 0;
        for (var k = 0; k < n; k++)
        {
            prefix[k + 1] = (prefix[k] * Base) + s[k];
        }

        suffix[n] = 0;
        for (var k = n - 1; k >= 0; k--)
        {
            suffix[k] = (s[k] * Powers[n - 1 - k]) + suffix[k + 1];
        }
    }

    /// <summary>H of s with letter <paramref name="i"/> deleted.</summary>
    public static ulong WithoutOne(ReadOnlySpan<ulong> prefix, ReadOnlySpan<ulong> suffix, int n, int i) =>
        (prefix[i] * Powers[n - 1 - i]) + suffix[i + 1];

    /// <summary>H of s with letters <paramref name="i"/> &lt; <paramref name="j"/> deleted.</summary>
    public static ulong WithoutTwo(ReadOnlySpan<ulong> prefix, ReadOnlySpan<ulong> suffix, int n, int i, int j)
    {
        // The letters between the two deleted ones, as a hash of their own.
        var middle = prefix[j] - (prefix[i + 1] * Powers[j - i - 1]);
        return (prefix[i] * Powers[n - 2 - i]) + (middle * Powers[n - 1 - j]) + suffix[j + 1];
    }

    private static ulong[] BuildPowers()
    {
        var powers = new ulong[SkeletonText.MaxUnits + 3];
        powers[0] = 1;
        for (var k = 1; k < powers.Length; k++)
        {
            powers[k] = powers[k - 1] * Base;
        }

        return powers;
    }
}
