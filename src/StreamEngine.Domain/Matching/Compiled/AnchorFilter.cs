using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace StreamEngine.Domain.Matching.Compiled;

/// <summary>
/// Whether a word may begin (or end) with one of a set of wildcard prefixes (suffixes), in a bit
/// test: the low five bits of the word's first four units (its last four, read backwards, for a set
/// of ends), a unit past the word's end reading as 0, hashed to one of 32,768 bits. Never false for
/// a word that has one of the prefixes; true by chance for few others, so the anchor look-ups behind
/// it are made for little more than the words that start or end like a wildcard. A first-character
/// test let through two words in three of the matcher benchmark's posts, a three-unit one 2.9 words
/// a post that went on to glob 8.8 patterns for 0.34 matches.
/// </summary>
internal sealed class AnchorFilter
{
    private const int Units = 4;
    private const int UnitBits = 5;
    private const int UnitMask = (1 << UnitBits) - 1;
    private const int HashBits = 15;

    private readonly ulong[] _bits = new ulong[(1 << HashBits) / 64];
    private readonly bool _fromEnd;

    /// <param name="affixes">Each wildcard's literal prefix (or suffix), of which the first (last) four units count.</param>
    public AnchorFilter(IEnumerable<string> affixes, bool fromEnd)
    {
        ArgumentNullException.ThrowIfNull(affixes);
        _fromEnd = fromEnd;
        foreach (var affix in affixes)
        {
            if (affix.Length == 0)
            {
                throw new ArgumentException("a wildcard's literal prefix or suffix is at least one unit", nameof(affixes));
            }

            var length = Math.Min(affix.Length, Units);
            var key = Key(fromEnd ? affix.AsSpan(affix.Length - length) : affix.AsSpan(0, length));

            // The places a short affix leaves open take every value: 'de' stands for every word 'de…'.
            for (var rest = 0; rest < 1 << ((Units - length) * UnitBits); rest++)
            {
                var bit = Hash(key | (rest << (length * UnitBits)));
                _bits[bit >> 6] |= 1UL << bit;
            }
        }
    }

    /// <summary>Whether <paramref name="word"/> may begin with one of the prefixes (a set of starts) or end with one of the suffixes (a set of ends).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MayAnchor(ReadOnlySpan<char> word)
    {
        int key;
        if (word.Length >= Units)
        {
            key = _fromEnd
                ? (word[^1] & UnitMask) | ((word[^2] & UnitMask) << UnitBits) | ((word[^3] & UnitMask) << (2 * UnitBits)) | ((word[^4] & UnitMask) << (3 * UnitBits))
                : (word[0] & UnitMask) | ((word[1] & UnitMask) << UnitBits) | ((word[2] & UnitMask) << (2 * UnitBits)) | ((word[3] & UnitMask) << (3 * UnitBits));
        }
        else
        {
            key = Key(word);
        }

        var bit = Hash(key);
        return (_bits[bit >> 6] & (1UL << bit)) != 0;
    }

    /// <summary>The units packed, the first (or last, for ends) lowest; a short text leaves the rest 0.</summary>
    private int Key(ReadOnlySpan<char> text)
    {
        var key = 0;
        for (var i = 0; i < Math.Min(text.Length, Units); i++)
        {
            key |= (text[_fromEnd ? text.Length - 1 - i : i] & UnitMask) << (i * UnitBits);
        }

        return key;
    }

    /// <summary>The filter's bits: a word may anchor where bit <see cref="Bit"/> of its key is set.</summary>
    internal ReadOnlySpan<ulong> Bits => _bits;

    /// <summary>The key of a set of starts from a word's first four units read as one value, the first lowest and those past a shorter word's end 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int StartKey(ulong head) => Bmi2.X64.IsSupported
        ? (int)Bmi2.X64.ParallelBitExtract(head, 0x001F_001F_001F_001FUL)
        : (int)((head & UnitMask) | ((head >> (16 - UnitBits)) & (UnitMask << UnitBits)) | ((head >> (32 - (2 * UnitBits))) & (UnitMask << (2 * UnitBits))) | ((head >> (48 - (3 * UnitBits))) & (UnitMask << (3 * UnitBits))));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Bit(int key) => Hash(key);

    private static int Hash(int key) => (int)(((uint)key * 0x9E3779B1u) >> (32 - HashBits));
}
