namespace StreamEngine.Domain.Threats;

/// <summary>
/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
/// neighbours each cost one edit, the typos a typosquatter fakes ("acmee", "amce"). Strings are
/// skeletons of at most <see cref="SkeletonText.MaxUnits"/> units, so three rows fit on the stack.
/// </summary>
internal static class EditDistance
{
    /// <summary>The distance, or <paramref name="max"/> + 1 as soon as it must exceed <paramref name="max"/>.</summary>
    public static int Bounded(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }

        if (a.Length > SkeletonText.MaxUnits || b.Length > SkeletonText.MaxUnits)
        {
            return max + 1;
        }

        Span<int> before = stackalloc int[b.Length + 1];
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var d = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d = Math.Min(d, before[j - 2] + 1);
                }

                current[j] = d;
                rowMin = Math.Min(rowMin, d);
            }

            if (rowMin > max)
            {
                return max + 1;
            }

            var recycled = before;
            before = previous;
            previous = current;
            current = recycled;
        }

        return Math.Min(previous[b.Length], max + 1);
    }

    /// <summary>Whether <paramref name="b"/> is <paramref name="a"/> with two neighbours swapped.</summary>
    public static bool IsSwap(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        var first = a.CommonPrefixLength(b);
        return first + 1 < a.Length
            && a[first] == b[first + 1]
            && a[first + 1] == b[first]
            && a[(first + 2)..].SequenceEqual(b[(first + 2)..]);
    }
}
