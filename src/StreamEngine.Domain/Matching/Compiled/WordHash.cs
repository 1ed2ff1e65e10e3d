using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StreamEngine.Domain.Matching.Compiled;

/// <summary>
/// The hash a <see cref="WordTable{TValue}"/> files its keys under: from a word's length and its
/// first and last four units, so that a word of any length is hashed from two reads. Words are
/// short, and the few keys that agree on all of that are told apart by the table's key compare.
/// </summary>
internal static class WordHash
{
    public static ulong Of(ReadOnlySpan<char> word)
    {
        ulong head;
        ulong tail;
        if (word.Length >= 4)
        {
            // Four units at each end of a word at least four long: no range check needed.
            ref var first = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(word));
            head = Unsafe.ReadUnaligned<ulong>(ref first);
            tail = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref first, (nint)(uint)word.Length * sizeof(char) - sizeof(ulong)));
        }
        else
        {
            head = 0;
            for (var i = 0; i < word.Length; i++)
            {
                head |= (ulong)word[i] << (16 * i);
            }

            tail = 0;
        }

        return Mix(head, tail, word.Length);
    }

    /// <param name="head">The word's first four units, the first lowest; those past a shorter word's end 0.</param>
    /// <param name="tail">The last four units of a word at least four long, else 0.</param>
    /// <param name="length">The word's length.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong head, ulong tail, int length)
    {
        // A product's low bits depend only on the factors' low bits, so the halves are folded
        // together for the group index to depend on every character read.
        var mixed = (head * 0x9E3779B97F4A7C15UL) ^ (tail * 0xC2B2AE3D27D4EB4FUL) ^ ((ulong)(uint)length * 0x165667B19E3779F9UL);
        return mixed ^ (mixed >> 29);
    }

    /// <summary>
    /// The bit of a table's presence bitmap a hash sets, from bit 32 up: clear of the group's low
    /// bits, and up to 16,384 keys (17 bits) clear of the tag's top fifteen too. A larger table
    /// shares some with the tag: fewer words turned away, no key lost.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int PresentBit(ulong hash, int mask) => (int)(hash >> 32) & mask;
}
