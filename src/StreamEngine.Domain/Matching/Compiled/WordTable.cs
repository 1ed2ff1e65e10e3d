using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StreamEngine.Domain.Matching.Compiled;

/// <summary>
/// An immutable table from folded words to the literals that can start at such a word, read with a
/// span, probed a group of slots at a time with one vector compare.
/// <para>
/// Matching reads a post word by word (the walk has already folded and cut it), so finding the
/// literal candidates of a post is one look-up per word, not a scan of every byte against every
/// literal. Most words of a post start no literal, so a look-up must above all reject fast: each
/// slot keeps a two-byte tag (fifteen bits of the key's hash, top bit set; 0 is empty), and a group
/// of 16 tags is compared with the word's tag in one instruction (<see cref="Vector256"/>; two
/// <see cref="Vector128"/> compares or a scalar loop where that is not accelerated). A miss
/// usually costs the hash, one 32-byte load and a compare; keys are compared only where a tag
/// agrees, 1 in 32,768 slots by chance. One-byte tags agreed by chance for about one word in
/// thirteen at 10,000 terms, and each such word paid a mispredicted branch and a key compare out
/// of cache. Groups are at most 7/8 full, so every probe meets an empty slot within a few groups.
/// </para>
/// <para>
/// Before the tags, a presence bitmap of at least 32 bits a key (one set per key) turns away all
/// but 2 to 3 % of the words that are not keys, and the matcher tests every word of a post against
/// it in one pass with no branch (<see cref="WordScreen"/>), where a miss of the L1 cache delays no
/// decision. With 8 bits a key (16 KiB at 10,000 terms, sized to stay in that cache) about 7 % of
/// the words went on to a look-up, and the benchmark model's full match took about 20 ns more a post.
/// </para>
/// </summary>
internal sealed class WordTable<TValue>
{
    internal const int GroupWidth = 16;

    private const int PresentBitsPerKey = 32;

    // The keys back to back, key of slot s at [_keyStarts[s], _keyStarts[s] + _keyLengths[s]):
    // two arrays instead of thousands of strings, so that a hit touches few cache lines.
    private readonly char[] _keyChars;
    private readonly int[] _keyStarts;
    private readonly int[] _keyLengths;
    private readonly TValue[] _values;
    private readonly ushort[] _tags;
    private readonly int _groupMask;
    private readonly TagProbe _probe;
    private readonly ulong[] _present;
    private readonly int _presentMask;

    public WordTable(IEnumerable<KeyValuePair<string, TValue>> entries)
        : this(entries, Vector256.IsHardwareAccelerated ? TagProbe.Vector256 : Vector128.IsHardwareAccelerated ? TagProbe.Vector128 : TagProbe.Scalar)
    {
    }

    /// <param name="probe">How a group's tags are compared; the narrower probes are there for tests of the fallbacks.</param>
    internal WordTable(IEnumerable<KeyValuePair<string, TValue>> entries, TagProbe probe)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var pairs = entries.ToArray();
        _probe = probe;
        var groups = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, ((pairs.Length * 8 / 7) + GroupWidth) / GroupWidth));
        var slots = groups * GroupWidth;
        _groupMask = groups - 1;
        _tags = new ushort[slots];
        _keyStarts = new int[slots];
        _keyLengths = new int[slots];
        _values = new TValue[slots];
        _keyChars = new char[pairs.Sum(p => p.Key.Length)];
        var presentBits = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(64, pairs.Length * PresentBitsPerKey));
        _present = new ulong[presentBits / 64];
        _presentMask = presentBits - 1;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var written = 0;
        foreach (var (key, value) in pairs)
        {
            if (!seen.Add(key))
            {
                throw new ArgumentException($"'{key}' is in the table twice", nameof(entries));
            }

            var hash = WordHash.Of(key);
            var slot = FirstEmptySlot(hash);
            _tags[slot] = Tag(hash);
            var bit = PresentBit(hash);
            _present[bit >> 6] |= 1UL << bit;
            _keyStarts[slot] = written;
            _keyLengths[slot] = key.Length;
            _values[slot] = value;
            key.CopyTo(_keyChars.AsSpan(written));
            written += key.Length;
        }

        Count = pairs.Length;
    }

    public int Count { get; }

    /// <summary>The presence bitmap: bit <see cref="WordHash.PresentBit"/> of every key's hash, with <see cref="PresentMask"/>.</summary>
    internal ReadOnlySpan<ulong> PresentBits => _present;

    internal int PresentMask => _presentMask;

    public bool TryGetValue(ReadOnlySpan<char> word, out TValue value)
    {
        var hash = WordHash.Of(word);
        var bit = PresentBit(hash);
        if ((_present[bit >> 6] & (1UL << bit)) == 0)
        {
            value = default!;
            return false;
        }

        var tag = Tag(hash);
        var group = (int)hash & _groupMask;
        while (true)
        {
            var offset = group * GroupWidth;
            var (matches, empties) = _probe switch
            {
                TagProbe.Vector256 => Compare256(offset, tag),
                TagProbe.Vector128 => Compare128(offset, tag),
                _ => CompareScalar(offset, tag),
            };
            while (matches != 0)
            {
                var slot = offset + BitOperations.TrailingZeroCount(matches);
                if (word.SequenceEqual(_keyChars.AsSpan(_keyStarts[slot], _keyLengths[slot])))
                {
                    value = _values[slot];
                    return true;
                }

                matches &= matches - 1;
            }

            if (empties != 0)
            {
                value = default!;
                return false;
            }

            group = (group + 1) & _groupMask;
        }
    }

    /// <summary>Bit i set in the first mask where slot offset + i has the tag, in the second where it is empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (uint Matches, uint Empties) Compare256(int offset, ushort tag)
    {
        var tags = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_tags), (nuint)offset);
        return (Vector256.Equals(tags, Vector256.Create(tag)).ExtractMostSignificantBits(),
                Vector256.Equals(tags, Vector256<ushort>.Zero).ExtractMostSignificantBits());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (uint Matches, uint Empties) Compare128(int offset, ushort tag)
    {
        ref var tags = ref MemoryMarshal.GetArrayDataReference(_tags);
        var low = Vector128.LoadUnsafe(ref tags, (nuint)offset);
        var high = Vector128.LoadUnsafe(ref tags, (nuint)(offset + Vector128<ushort>.Count));
        var wanted = Vector128.Create(tag);
        return (Vector128.Equals(low, wanted).ExtractMostSignificantBits() | (Vector128.Equals(high, wanted).ExtractMostSignificantBits() << Vector128<ushort>.Count),
                Vector128.Equals(low, Vector128<ushort>.Zero).ExtractMostSignificantBits() | (Vector128.Equals(high, Vector128<ushort>.Zero).ExtractMostSignificantBits() << Vector128<ushort>.Count));
    }

    private (uint Matches, uint Empties) CompareScalar(int offset, ushort tag)
    {
        uint matches = 0, empties = 0;
        for (var i = 0; i < GroupWidth; i++)
        {
            var slotTag = _tags[offset + i];
            matches |= (slotTag == tag ? 1u : 0u) << i;
            empties |= (slotTag == 0 ? 1u : 0u) << i;
        }

        return (matches, empties);
    }

    private int FirstEmptySlot(ulong hash)
    {
        var group = (int)hash & _groupMask;
        while (true)
        {
            var offset = group * GroupWidth;
            for (var i = 0; i < GroupWidth; i++)
            {
                if (_tags[offset + i] == 0)
                {
                    return offset + i;
                }
            }

            group = (group + 1) & _groupMask;
        }
    }

    private int PresentBit(ulong hash) => WordHash.PresentBit(hash, _presentMask);

    // The top fifteen bits, which choosing the group (the low bits) does not use.
    private static ushort Tag(ulong hash) => (ushort)(0x8000 | (hash >> 49));
}

/// <summary>How a <see cref="WordTable{TValue}"/> compares a group of 16 tags with a word's.</summary>
internal enum TagProbe
{
    Scalar,
    Vector128,
    Vector256,
}
