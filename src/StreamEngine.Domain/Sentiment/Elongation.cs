using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StreamEngine.Domain.Sentiment;

/// <summary>
/// Stretched words ("goooood", "sooo", "hellllooo"). Writers on social networks repeat a letter to
/// stress a word (Brody and Diakopoulos, EMNLP 2011), and no lexicon can list every stretch, so a
/// form that is in none is looked up again with each run of three or more of the same letter cut
/// short. The lexicon's own stretched entries ("grrr", "yeees") are found before any cut.
/// </summary>
internal static class Elongation
{
    /// <summary>A stretch is read only when cutting it leaves at most this many units: no lexicon entry is longer.</summary>
    public const int LongestCut = 64;

    /// <summary>Stretches past this many are all cut to two letters, to bound the look-ups per token.</summary>
    public const int MostStretchesTried = 3;

    /// <summary>
    /// Whether some letter of <paramref name="forms"/> (a lower-case ASCII letter or any unit past
    /// ASCII) is written three times in a row: the look-up forms of a whole text are checked at once,
    /// a vector at a time, since most texts have no stretch and their tokens then need no check of
    /// their own. Runs of punctuation ("...", "!!!") are common and are not stretches.
    /// </summary>
    public static bool MayHaveStretch(ReadOnlySpan<char> forms)
    {
        var units = MemoryMarshal.Cast<char, ushort>(forms);
        if (Vector256.IsHardwareAccelerated && units.Length >= Vector256<ushort>.Count + 2)
        {
            ref var start = ref MemoryMarshal.GetReference(units);
            var a = Vector256.Create((ushort)'a');
            var letters = Vector256.Create((ushort)26);
            var ascii = Vector256.Create((ushort)0x7f);
            var found = Vector256<ushort>.Zero;
            var last = (nuint)(units.Length - Vector256<ushort>.Count - 2);
            for (nuint at = 0; ; at += (nuint)Vector256<ushort>.Count)
            {
                // The last vector overlaps the one before rather than leave a tail.
                at = Math.Min(at, last);
                var first = Vector256.LoadUnsafe(ref start, at);
                var letter = Vector256.LessThan(first - a, letters) | Vector256.GreaterThan(first, ascii);
                found |= letter
                    & Vector256.Equals(first, Vector256.LoadUnsafe(ref start, at + 1))
                    & Vector256.Equals(first, Vector256.LoadUnsafe(ref start, at + 2));
                if (at == last)
                {
                    return found != Vector256<ushort>.Zero;
                }
            }
        }

        for (var k = 2; k < units.Length; k++)
        {
            var unit = units[k];
            if (unit == units[k - 2] && unit == units[k - 1] && ((uint)(unit - 'a') < 26 || unit > 0x7f))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>How many runs of three or more of the same letter <paramref name="form"/> has.</summary>
    public static int Stretches(ReadOnlySpan<char> form)
    {
        var stretches = 0;
        for (var k = 2; k < form.Length; k++)
        {
            var c = form[k];
            if (c == form[k - 2] && c == form[k - 1] && IsLetter(c) && (k == 2 || form[k - 3] != c))
            {
                stretches++;
            }
        }

        return stretches;
    }

    /// <summary>
    /// Writes <paramref name="form"/> into <paramref name="cut"/> with its runs of three or more of
    /// the same letter shortened: all to three letters when <paramref name="toThree"/> is set, else
    /// stretch j to one letter when bit j of <paramref name="toOne"/> is set and to two when not
    /// ("hellllooo" is "hello" for toOne = 0b10). Runs of two ("cool") stay. Answers the length
    /// written, or -1 when it does not fit.
    /// </summary>
    public static int Cut(ReadOnlySpan<char> form, bool toThree, int toOne, Span<char> cut)
    {
        var length = 0;
        var stretch = 0;
        var k = 0;
        while (k < form.Length)
        {
            var c = form[k];
            var run = 1;
            while (k + run < form.Length && form[k + run] == c)
            {
                run++;
            }

            var kept = run;
            if (run >= 3 && IsLetter(c))
            {
                kept = toThree ? 3 : ((toOne >> stretch) & 1) != 0 ? 1 : 2;
                stretch++;
            }

            if (length + kept > cut.Length)
            {
                return -1;
            }

            cut.Slice(length, kept).Fill(c);
            length += kept;
            k += run;
        }

        return length;
    }

    private static bool IsLetter(char c) => (uint)(c - 'a') < 26 || (c > '\u007f' && char.IsLetter(c));
}
