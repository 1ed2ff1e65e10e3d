using System.Numerics;
using StreamEngine.Domain.Matching;

namespace StreamEngine.Domain.Threats;

/// <summary>
/// What near-identical posts share, computed in one pass over a post: its <em>features</em> (the
/// words and the pairs of neighbouring words of the normalised text) summed into a 64-bit SimHash,
/// a cheap first test (near-identical posts are a few bits apart), and the
/// <see cref="SketchSize"/> smallest feature hashes (a bottom-k MinHash sketch), from which the
/// Jaccard similarity of two posts' feature sets is estimated, exactly when both have at most
/// that many features. Normalising drops what a campaign varies to dodge duplicate filters:
/// @mentions, links and numbers go, words are folded (case, accents, full-width forms),
/// punctuation and emoji are left out. Stable across runs (FNV-1a and a fixed finaliser).
/// </summary>
internal static class TextFingerprint
{
    public const int SketchSize = 32;

    private const int MaxWordLength = 64;

    /// <summary>
    /// The SimHash of <paramref name="text"/>; its sketch, ascending, in <paramref name="sketch"/>
    /// (room for <see cref="SketchSize"/>) with <paramref name="sketchLength"/> entries; and the
    /// number of words it was taken from.
    /// </summary>
    public static ulong Of(ReadOnlySpan<char> text, Span<ulong> sketch, out int sketchLength, out int words)
    {
        Span<int> weights = stackalloc int[64];
        Span<char> word = stackalloc char[MaxWordLength];
        words = 0;
        sketchLength = 0;
        ulong previous = 0;
        var at = 0;
        while (at < text.Length)
        {
            while (at < text.Length && char.IsWhiteSpace(text[at]))
            {
                at++;
            }

            var start = at;
            while (at < text.Length && !char.IsWhiteSpace(text[at]))
            {
                at++;
            }

            var token = text[start..at];
            if (token.IsEmpty || token[0] == '@' || token.Contains("://", StringComparison.Ordinal) || token.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // A token may hold several words ("great!!!so", "co-op"): each counts.
            var length = 0;
            for (var i = 0; i <= token.Length; i++)
            {
                var folded = i < token.Length ? TextFolding.Fold(token[i]) : ' ';
                if (folded == TextFolding.Dropped)
                {
                    continue;
                }

                if (TextFolding.IsWordChar(folded))
                {
                    if (length < MaxWordLength)
                    {
                        word[length++] = folded;
                    }

                    continue;
                }

                if (length > 0 && !IsNumber(word[..length]))
                {
                    var hash = Hash(word[..length]);
                    Add(weights, sketch, ref sketchLength, hash);
                    if (words > 0)
                    {
                        Add(weights, sketch, ref sketchLength, Sketches.StableHash.Finalise((previous * 1099511628211UL) ^ hash ^ 0x9E3779B97F4A7C15UL));
                    }

                    previous = hash;
                    words++;
                }

                length = 0;
            }
        }

        ulong fingerprint = 0;
        for (var bit = 0; bit < 64; bit++)
        {
            if (weights[bit] > 0)
            {
                fingerprint |= 1UL << bit;
            }
        }

        return fingerprint;
    }

    public static int Distance(ulong a, ulong b) => BitOperations.PopCount(a ^ b);

    /// <summary>
    /// The Jaccard similarity of the feature sets two sketches came from: of the
    /// <see cref="SketchSize"/> smallest hashes of their union, the share found in both.
    /// </summary>
    public static double Similarity(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        int i = 0, j = 0, union = 0, both = 0;
        while (union < SketchSize && (i < a.Length || j < b.Length))
        {
            if (j == b.Length || (i < a.Length && a[i] < b[j]))
            {
                i++;
            }
            else if (i == a.Length || b[j] < a[i])
            {
                j++;
            }
            else
            {
                both++;
                i++;
                j++;
            }

            union++;
        }

        return union == 0 ? 0 : (double)both / union;
    }

    private static void Add(Span<int> weights, Span<ulong> sketch, ref int length, ulong hash)
    {
        for (var bit = 0; bit < 64; bit++)
        {
            weights[bit] += ((int)(hash >> bit) & 1) * 2 - 1;
        }

        // Keep the smallest distinct hashes, ascending: a repeated feature counts once.
        var at = sketch[..length].BinarySearch(hash);
        if (at >= 0)
        {
            return;
        }

        at = ~at;
        if (at >= SketchSize)
        {
            return;
        }

        var moved = Math.Min(length, SketchSize - 1) - at;
        if (moved > 0)
        {
            sketch.Slice(at, moved).CopyTo(sketch[(at + 1)..]);
        }

        sketch[at] = hash;
        length = Math.Min(length + 1, SketchSize);
    }

    private static bool IsNumber(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static ulong Hash(ReadOnlySpan<char> word)
    {
        var h = 14695981039346656037UL;
        foreach (var c in word)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        return Sketches.StableHash.Finalise(h);
    }
}
