using System.Numerics;
using System.Runtime.CompilerServices;
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
    /// <summary>Forms this long or shorter are told apart by their head and tail alone.</summary>
    private const int ShortForm = 8;

    // Each key's head, tail, length and value side by side, so that a hit reads one entry: the
    // short keys that make most hits ("the", "not", "good") are compared without their characters.
    private readonly Entry[] _entries;

    // The characters of the keys longer than ShortForm, back to back, read only for those.
    private readonly char[] _longKeyChars;

    // Per slot: 16 more bits of the key's hash in the high half, its index + 1 in the low half (0:
    // empty).
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

        _entries = new Entry[pairs.Length];
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, pairs.Length * 4));
        _slots = new uint[size];
        _mask = size - 1;
        var longChars = new List<char>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < pairs.Length; i++)
        {
            var (key, value) = pairs[i];
            if (!seen.Add(key))
            {
                throw new ArgumentException($"'{key}' is in the table twice", nameof(entries));
            }

            var (head, tail) = HeadAndTail(key);
            _entries[i] = new Entry(head, tail, key.Length, longChars.Count, value);
            if (key.Length > ShortForm)
            {
                longChars.AddRange(key);
            }

            var hash = Hash(head, tail, key.Length);
            var slot = (int)hash & _mask;
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & _mask;
            }

            _slots[slot] = (hash & 0xFFFF0000) | (uint)(i + 1);
            _present[hash >> 22] |= 1UL << (int)((hash >> 16) & 63);
        }

        _longKeyChars = [.. longChars];
    }

    public int Count => _entries.Length;

    public bool TryGetValue(ReadOnlySpan<char> form, out TValue value)
    {
        var (head, tail) = HeadAndTail(form);
        var hash = Hash(head, tail, form.Length);
        if ((_present[hash >> 22] & (1UL << (int)((hash >> 16) & 63))) == 0)
        {
            value = default!;
            return false;
        }

        var tag = hash & 0xFFFF0000;
        var slot = (int)hash & _mask;
        while (true)
        {
            var found = _slots[slot];
            if (found == 0)
            {
                value = default!;
                return false;
            }

            if ((found & 0xFFFF0000) == tag)
            {
                ref readonly var entry = ref _entries[(int)(found & 0xFFFF) - 1];
                if (entry.Head == head && entry.Tail == tail && entry.Length == form.Length
                    && (form.Length <= ShortForm || form.SequenceEqual(_longKeyChars.AsSpan(entry.LongKeyStart, form.Length))))
                {
                    value = entry.Value;
                    return true;
                }
            }

            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>
    /// The first and last four characters of a form four or more long, which for forms of up to
    /// eight characters are all of them; for a shorter one its first, middle and last characters,
    /// again all of them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (ulong Head, ulong Tail) HeadAndTail(ReadOnlySpan<char> form)
    {
        if (form.Length >= 4)
        {
            // Unaligned reads through a reference: the length check above keeps both within the
            // form, and the look-up runs once per token, so bounds checks on every read would show.
            ref var first = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(form));
            return (Unsafe.ReadUnaligned<ulong>(ref first),
                Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref first, (form.Length - 4) * sizeof(char))));
        }

        return (form.IsEmpty ? 0 : form[0] | ((ulong)form[^1] << 16) | ((ulong)form[form.Length / 2] << 32), 0);
    }

    private static uint Hash(ulong head, ulong tail, int length)
    {
        // Two independent multiplications, folded: short enough a chain to cost a few cycles.
        var mixed = (head * 0x9E3779B97F4A7C15UL) ^ (tail * 0xC2B2AE3D27D4EB4FUL) ^ (ulong)length;
        return (uint)(mixed >> 32) ^ (uint)mixed;
    }

    [StructLayout(LayoutKind.Auto)]
    private readonly record struct Entry(ulong Head, ulong Tail, int Length, int LongKeyStart, TValue Value);
}
