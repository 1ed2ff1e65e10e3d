using System.Runtime.CompilerServices;

namespace StreamEngine.Domain.Matching.Compiled;

/// <summary>
/// Whether a word may begin (or end) with one of a set of wildcard anchors of one to three units,
/// in a bit test: one bit for each combination of the low five bits of the word's first three units
/// (its last three, read backwards, for a set of ends), a unit past the word's end reading as 0.
/// Never false for a word that has one of the anchors; true by chance only where units share their
/// low five bits (a digit and a letter, a letter of another script), so the look-ups behind it are
/// made for little more than the words that start or end like a wildcard. A first-character test
/// let through two words in three of the matcher benchmark's posts.
/// </summary>
internal sealed class AnchorFilter
{
    internal const int Units = 3;
    private const int UnitBits = 5;
    private const int UnitMask = (1 << UnitBits) - 1;

    private readonly ulong[] _bits = new ulong[(1 << (Units * UnitBits)) / 64];
    private readonly bool _fromEnd;

    public AnchorFilter(IEnumerable<string> anchors, bool fromEnd)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        _fromEnd = fromEnd;
        foreach (var anchor in anchors)
        {
            if (anchor.Length is 0 or > Units)
            {
                throw new ArgumentException($"an anchor has 1 to {Units} units, not {anchor.Length}: '{anchor}'", nameof(anchors));
            }

            var key = Key(anchor);

            // The places an anchor leaves open take every value: 'de' stands for every word 'de…'.
            var open = Units - anchor.Length;
            for (var rest = 0; rest < 1 << (open * UnitBits); rest++)
            {
                var bit = key | (rest << (anchor.Length * UnitBits));
                _bits[bit >> 6] |= 1UL << bit;
            }
        }
    }

    /// <summary>Whether <paramref name="word"/> may begin with one of the anchors (a set of starts) or end with one (a set of ends).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MayAnchor(ReadOnlySpan<char> word)
    {
        int bit;
        if (word.Length >= Units)
        {
            bit = _fromEnd
                ? (word[^1] & UnitMask) | ((word[^2] & UnitMask) << UnitBits) | ((word[^3] & UnitMask) << (2 * UnitBits))
                : (word[0] & UnitMask) | ((word[1] & UnitMask) << UnitBits) | ((word[2] & UnitMask) << (2 * UnitBits));
        }
        else
        {
            bit = Key(word);
        }

        return (_bits[bit >> 6] & (1UL << bit)) != 0;
    }

    private int Key(ReadOnlySpan<char> word)
    {
        var key = 0;
        for (var i = 0; i < Math.Min(word.Length, Units); i++)
        {
            key |= (word[_fromEnd ? word.Length - 1 - i : i] & UnitMask) << (i * UnitBits);
        }

        return key;
    }
}
