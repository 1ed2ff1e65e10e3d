using System.Numerics;
using System.Runtime.InteropServices;

namespace StreamEngine.Domain.Text;

/// <summary>
/// An immutable table from look-up forms to values, read with a span. It answers what a
/// <c>Dictionary&lt;string, T&gt;</c> alternate look-up answers, but hashes a form from its length
/// and its first and last four characters (two reads, whatever its length) and rejects most misses
/// on the stored hash alone: most tokens of a post are in no lexicon, and their look-ups dominate
/// the cost of scoring.
/// </summary>
internal sealed class FormTable<TValue>
{
    // The keys back to back, key i at [_keyStarts[i], _keyStarts[i + 1]): two arrays instead of
    // thousands of strings, so that a hit touches few cache lines.
    private readonly char[] _keyChars;
    private readonly int[] _keyStarts;
    private readonly TValue[] _values;

    // Per slot: 16 more bits of the key's hash in the high half, its index + 1 in the low half (0:
    // empty). Four bytes a slot keep the whole table of a 7,500-word lexicon within 64 KiB.
    private readonly uint[] _slots;
    private readonly int _mask;

    // One bit per value of those 16 hash bits (8 KiB, so it stays in the L1 cache): most forms
    // looked up are in no lexicon, and most of those are turned away here without a probe.
    private readonly ulong[] _present = new ulong[65536 / 64];

    public FormTable(IEnumerable<KeyValuePair<string, TValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var pairs = entries.ToArray();
        if (pairs.Length >= ushort.MaxValue)
        {
            throw new ArgumentException($"a form table holds fewer than {ushort.MaxValue} entries", nameof(entries));
        }

        _keyStarts = new int[pairs.Length + 1];
        _values = new TValue[pairs.Length];
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, pairs.Length * 4));
        _slots = new uint[size];
        _mask = size - 1;
        var chars = new List<char>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < pairs.Length; i++)
        {
            var (key, value) = pairs[i];
            if (!seen.Add(key))
            {
                throw new ArgumentException($"'{key}' is in the table twice", nameof(entries));
            }

            _keyStarts[i] = chars.Count;
            chars.AddRange(key);
            _values[i] = value;
            var hash = Hash(key);
            var slot = (int)hash & _mask;
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & _mask;
            }

            _slots[slot] = (hash & 0xFFFF0000) | (uint)(i + 1);
            _present[hash >> 22] |= 1UL << (int)((hash >> 16) & 63);
        }

        _keyStarts[pairs.Length] = chars.Count;
        _keyChars = [.. chars];
    }

    public int Count => _values.Length;

    public bool TryGetValue(ReadOnlySpan<char> form, out TValue value)
    {
        var hash = Hash(form);
        if ((_present[hash >> 22] & (1UL << (int)((hash >> 16) & 63))) == 0)
        {
            value = default!;
            return false;
        }

        var tag = hash & 0xFFFF0000;
        var slot = (int)hash & _mask;
        while (true)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                value = default!;
                return false;
            }

            if ((entry & 0xFFFF0000) == tag)
            {
                var index = (int)(entry & 0xFFFF) - 1;
                var start = _keyStarts[index];
                if (form.SequenceEqual(_keyChars.AsSpan(start, _keyStarts[index + 1] - start)))
                {
                    value = _values[index];
                    return true;
                }
            }

            slot = (slot + 1) & _mask;
        }
    }

    private static uint Hash(ReadOnlySpan<char> form)
    {
        ulong head;
        ulong tail;
        if (form.Length >= 4)
        {
            var bytes = MemoryMarshal.AsBytes(form);
            head = MemoryMarshal.Read<ulong>(bytes);
            tail = MemoryMarshal.Read<ulong>(bytes[^8..]);
        }
        else
        {
            head = form.IsEmpty ? 0 : form[0] | ((ulong)form[^1] << 16) | ((ulong)form[form.Length / 2] << 32);
            tail = 0;
        }

        // Two independent multiplications, folded: short enough a chain to cost a few cycles.
        var mixed = (head * 0x9E3779B97F4A7C15UL) ^ (tail * 0xC2B2AE3D27D4EB4FUL) ^ (ulong)form.Length;
        return (uint)(mixed >> 32) ^ (uint)mixed;
    }
}
