using System.Runtime.CompilerServices;

namespace StreamEngine.Domain.Aggregates;

/// <summary>Unsigned LEB128 numbers: seven bits a byte, low bits first, the top bit set on all but the last.</summary>
internal static class Varint
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Read(ReadOnlySpan<byte> data, ref int at)
    {
        // Most numbers in a sealed bucket or pane are small counts and differences: one byte.
        var first = data[at++];
        return first < 0x80 ? first : ReadLonger(data, ref at, first);
    }

    private static ulong ReadLonger(ReadOnlySpan<byte> data, ref int at, byte first)
    {
        ulong value = first & 0x7FUL;
        var shift = 7;
        while (true)
        {
            var b = data[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }

            shift += 7;
        }
    }
}
