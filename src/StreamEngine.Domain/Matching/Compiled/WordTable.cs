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
/// slot keeps a one-byte tag (seven bits of the key's hash, top bit set; 0 is empty), and a group
/// of 16 tags is compared with the word's tag in one instruction (<see cref="Vector128"/>; a scalar
/// loop where it is not accelerated). A miss usually costs the hash, one 16-byte load and a
/// compare; keys are compared only where a tag agrees (1 in 128 slots by chance). Groups are at
/// most 7/8 full, so every probe meets an empty slot within a few groups.
/// </para>
/// </summary>
internal sealed class WordTable<TValue>
{
    internal const int GroupWidth = 16;

    // The keys back to back, key of slot s at [_keyStarts[s], _keyStarts[s] + _keyLengths[s]):
    // two arrays instead of thousands of strings, so that a hit touches few cache lines.
    private readonly char[] _keyChars;
    private readonly int[] _keyStarts;
    private readonly int[] _keyLengths;
    private readonly TValue[] _values;
    private readonly byte[] _tags;
    private readonly int _groupMask;
    private readonly bool _vectorized;

    public WordTable(IEnumerable<KeyValuePair<string, TValue>> entries)
        : this(entries, Vector128.IsHardwareAccelerated)
    {
    }

    /// <param name="vectorized">False forces the scalar probe (for tests of the fallback).</param>
    internal WordTable(IEnumerable<KeyValuePair<string, TValue>> entries, bool vectorized)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var pairs = entries.ToArray();
        _vectorized = vectorized;
        var groups = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, ((pairs.Length * 8 / 7) + GroupWidth) / GroupWidth));
        var slots = groups * GroupWidth;
        _groupMask = groups - 1;
        _tags = new byte[slots];
        _keyStarts = new int[slots];
        _keyLengths = new int[slots];
        _values = new TValue[slots];
        _keyChars = new char[pairs.Sum(p => p.Key.Length)];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var written = 0;
        foreach (var (key, value) in pairs)
        {
            if (!seen.Add(key))
            {
                throw new ArgumentException($"'{key}' is in the table twice", nameof(entries));
            }

            var hash = Hash(key);
            var slot = FirstEmptySlot(hash);
            _tags[slot] = Tag(hash);
            _keyStarts[slot] = written;
            _keyLengths[slot] = key.Length;
            _values[slot] = value;
            key.CopyTo(_keyChars.AsSpan(written));
            written += key.Length;
        }

        Count = pairs.Length;
    }

    public int Count { get; }

    public bool TryGetValue(ReadOnlySpan<char> word, out TValue value)
    {
        var hash = Hash(word);
        var tag = Tag(hash);
        var group = (int)hash & _groupMask;
        while (true)
        {
            var offset = group * GroupWidth;
            var (matches, empties) = _vectorized ? CompareVector(offset, tag) : CompareScalar(offset, tag);
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
    private (uint Matches, uint Empties) CompareVector(int offset, byte tag)
    {
        var tags = Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_tags), (nuint)offset);
        return (Vector128.Equals(tags, Vector128.Create(tag)).ExtractMostSignificantBits(),
                Vector128.Equals(tags, Vector128<byte>.Zero).ExtractMostSignificantBits());
    }

    private (uint Matches, uint Empties) CompareScalar(int offset, byte tag)
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

    // The top seven bits, which choosing the group (the low bits) does not use.
    private static byte Tag(ulong hash) => (byte)(0x80 | (hash >> 57));

    /// <summary>
    /// From the length and the first and last four characters (two reads whatever the length): words
    /// are short, and the few keys that agree on all of that are told apart by the key compare.
    /// </summary>
    private static ulong Hash(ReadOnlySpan<char> word)
    {
        ulong head;
        ulong tail;
        if (word.Length >= 4)
        {
            var bytes = MemoryMarshal.AsBytes(word);
            head = MemoryMarshal.Read<ulong>(bytes);
            tail = MemoryMarshal.Read<ulong>(bytes[^8..]);
        }
        else
        {
            head = word.IsEmpty ? 0 : word[0] | ((ulong)word[^1] << 16) | ((ulong)word[word.Length / 2] << 32);
            tail = 0;
        }

        // A product's low bits depend only on the factors' low bits, so the halves are folded
        // together for the group index to depend on every character read.
        var mixed = (head * 0x9E3779B97F4A7C15UL) ^ (tail * 0xC2B2AE3D27D4EB4FUL) ^ ((ulong)word.Length * 0x165667B19E3779F9UL);
        return mixed ^ (mixed >> 29);
    }
}
