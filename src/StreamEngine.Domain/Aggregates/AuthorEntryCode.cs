using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using StreamEngine.Domain.Sketches;

namespace StreamEngine.Domain.Aggregates;

/// <summary>
/// A sealed bucket's sparse author entries, coded in fewer than their four bytes each. An entry is
/// a register index (its hash's top 25 bits) and a rank (6 bits); sorted by index, the gaps between
/// indexes are all the information there is, and for some tens of authors they need about 19 bits,
/// not 25. So each gap is Rice-coded (its high part in unary, its low <c>k</c> bits as they are, with
/// <c>k</c> chosen per bucket) and each rank in unary (half of all ranks are 1, a quarter 2): some
/// 23 bits an entry. An hour of 60 authors takes ~175 bytes instead of 240; a brand's 720 sealed
/// hours, ~45 KB less (perf/README.md).
/// </summary>
/// <remarks>
/// Layout: the length in bytes of what follows (varint, so a reader wanting totals steps over it):
/// <c>k</c> (one byte), then the bits, least significant first within each byte.
/// </remarks>
internal static class AuthorEntryCode
{
    private const int RankBits = UniqueAuthorSketch.RankBits;
    private const uint RankMask = (1u << RankBits) - 1;

    /// <summary>
    /// Whether <paramref name="entries"/> can be coded: as a sketch keeps them, indexes rising and
    /// every rank at least 1. Anything else is kept as it is.
    /// </summary>
    public static bool Codes(ReadOnlySpan<uint> entries)
    {
        var previous = -1L;
        foreach (var entry in entries)
        {
            if ((entry & RankMask) == 0 || entry >> RankBits <= previous)
            {
                return false;
            }

            previous = entry >> RankBits;
        }

        return entries.Length > 0;
    }

    public static void Write(ref VarintWriter w, ReadOnlySpan<uint> entries)
    {
        var (k, gapBits) = BestK(entries);
        long rankBits = 0;
        foreach (var entry in entries)
        {
            rankBits += entry & RankMask;
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)((gapBits + rankBits + 7) / 8) + 8);
        try
        {
            Write(ref w, entries, k, new BitWriter(buffer));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Write(ref VarintWriter w, ReadOnlySpan<uint> entries, int k, BitWriter bits)
    {
        var previous = 0u;
        foreach (var entry in entries)
        {
            var index = entry >> RankBits;
            var gap = index - previous;
            previous = index;
            bits.Ones((int)(gap >> k));
            bits.Bits(gap & ((1u << k) - 1), k);
            bits.Ones((int)(entry & RankMask) - 1);
        }

        var code = bits.Finish();
        w.Write((ulong)code.Length + 1);
        w.Byte((byte)k);
        w.Bytes(code);
    }

    /// <summary>Decodes <paramref name="into"/>.Length entries from a code as <see cref="Write"/> left it (its length already read).</summary>
    public static void Read(ReadOnlySpan<byte> code, Span<uint> into)
    {
        var k = code[0];
        var low = (1UL << k) - 1;
        var bits = new BitReader(code[1..]);
        var index = 0u;
        for (var i = 0; i < into.Length; i++)
        {
            // An entry mostly fits in the next 57 bits: read it from one word.
            var (word, valid) = bits.Peek();
            var high = BitOperations.TrailingZeroCount(~word);
            if (high + 1 + k < valid)
            {
                var rest = word >> (high + 1);
                var gap = ((ulong)high << k) | (rest & low);
                rest >>= k;
                var rank = BitOperations.TrailingZeroCount(~rest);
                var used = high + 1 + k + rank + 1;
                if (used <= valid)
                {
                    bits.Skip(used);
                    index += (uint)gap;
                    into[i] = index << RankBits | (uint)(rank + 1);
                    continue;
                }
            }

            index += ((uint)bits.Ones() << k) | bits.Bits(k);
            into[i] = index << RankBits | (uint)(bits.Ones() + 1);
        }
    }

    /// <summary>The number of low bits that codes these gaps in the fewest bits (tried around their mean's), and those bits.</summary>
    private static (int K, long Bits) BestK(ReadOnlySpan<uint> entries)
    {
        var span = (entries[^1] >> RankBits) + 1;
        var guess = Math.Max(0, BitOperations.Log2(Math.Max(1u, span / (uint)entries.Length)) - 1);
        var (best, fewest) = (guess, long.MaxValue);
        for (var k = Math.Max(0, guess - 1); k <= Math.Min(24, guess + 2); k++)
        {
            long size = 0;
            var previous = 0u;
            foreach (var entry in entries)
            {
                var index = entry >> RankBits;
                size += ((index - previous) >> k) + 1 + k;
                previous = index;
            }

            if (size < fewest)
            {
                (best, fewest) = (k, size);
            }
        }

        return (best, fewest);
    }

    private ref struct BitWriter(byte[] buffer)
    {
        private readonly byte[] _buffer = buffer;
        private ulong _pending;
        private int _pendingBits;
        private int _length;

        public void Ones(int count)
        {
            for (; count >= 32; count -= 32)
            {
                Bits(uint.MaxValue, 32);
            }

            Bits((1u << count) - 1, count + 1);
        }

        public void Bits(uint value, int count)
        {
            _pending |= (ulong)value << _pendingBits;
            _pendingBits += count;
            while (_pendingBits >= 8)
            {
                _buffer[_length++] = (byte)_pending;
                _pending >>= 8;
                _pendingBits -= 8;
            }
        }

        public ReadOnlySpan<byte> Finish()
        {
            if (_pendingBits > 0)
            {
                _buffer[_length++] = (byte)_pending;
            }

            return _buffer.AsSpan(0, _length);
        }
    }

    /// <summary>Reads the bits eight bytes at a time: a window of a month decodes some 40,000 entries.</summary>
    private ref struct BitReader(ReadOnlySpan<byte> code)
    {
        private readonly ReadOnlySpan<byte> _code = code;
        private long _bit;

        /// <summary>Reads ones up to and including the zero that ends them; gives how many.</summary>
        public int Ones()
        {
            var ones = 0;
            while (true)
            {
                var (word, valid) = Peek();
                var run = BitOperations.TrailingZeroCount(~word);
                if (run < valid)
                {
                    _bit += run + 1;
                    return ones + run;
                }

                ones += valid;
                _bit += valid;
            }
        }

        public uint Bits(int count)
        {
            var value = (uint)(Peek().Word & ((1UL << count) - 1));
            _bit += count;
            return value;
        }

        public void Skip(int count) => _bit += count;

        /// <summary>The next bits, and how many of them are the code's (at least 57 until its last bytes).</summary>
        public readonly (ulong Word, int Valid) Peek()
        {
            var at = (int)(_bit >> 3);
            var shift = (int)(_bit & 7);
            if (at + sizeof(ulong) <= _code.Length)
            {
                return (BinaryPrimitives.ReadUInt64LittleEndian(_code[at..]) >> shift, 64 - shift);
            }

            if (at >= _code.Length)
            {
                throw new InvalidDataException("a sealed bucket's author code ends before its entries do");
            }

            Span<byte> tail = stackalloc byte[sizeof(ulong)];
            tail.Clear();
            _code[at..].CopyTo(tail);
            return (BinaryPrimitives.ReadUInt64LittleEndian(tail) >> shift, ((_code.Length - at) * 8) - shift);
        }
    }
}
