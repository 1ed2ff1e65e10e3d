using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StreamEngine.Domain.Text;

/// <summary>
/// Folds a run of ASCII letters and digits eight units at a time: the bulk of most posts, and the
/// one case where folding is plain arithmetic (upper case | 0x20) that a vector does at once.
/// </summary>
internal static class AsciiRun
{
    public const int Width = 8;

    /// <summary>
    /// Folds the leading ASCII letters and digits of <paramref name="text"/> (exactly
    /// <see cref="Width"/> units) into <paramref name="folded"/> and <paramref name="forms"/>, which
    /// must have room for <see cref="Width"/> units (what lies past the run is scratch), adds their
    /// cases to <paramref name="cases"/> and answers how many there were.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Copy(ReadOnlySpan<char> text, Span<char> folded, Span<char> forms, ref CharTrait cases)
    {
        var units = Vector128.Create<ushort>(MemoryMarshal.Cast<char, ushort>(text));
        var lower = Vector128.LessThan(units - Vector128.Create((ushort)'a'), Vector128.Create((ushort)26));
        var upper = Vector128.LessThan(units - Vector128.Create((ushort)'A'), Vector128.Create((ushort)26));
        var digit = Vector128.LessThan(units - Vector128.Create((ushort)'0'), Vector128.Create((ushort)10));
        var run = BitOperations.TrailingZeroCount(~(lower | upper | digit).ExtractMostSignificantBits());
        if (run == 0)
        {
            return 0;
        }

        var foldedUnits = units | (upper & Vector128.Create((ushort)0x20));
        foldedUnits.CopyTo(MemoryMarshal.Cast<char, ushort>(folded));
        foldedUnits.CopyTo(MemoryMarshal.Cast<char, ushort>(forms));
        var within = (1u << run) - 1;
        if ((upper.ExtractMostSignificantBits() & within) != 0)
        {
            cases |= CharTrait.Upper;
        }

        if ((lower.ExtractMostSignificantBits() & within) != 0)
        {
            cases |= CharTrait.Lower;
        }

        return run;
    }
}
