using System.Buffers.Binary;
using System.Text;

namespace StreamEngine.Engine.Serialization;

/// <summary>
/// Reads the binary form the codecs write with <see cref="BinaryWriter"/> (7-bit encoded integers,
/// strings as a 7-bit length and UTF-8, little-endian numbers) straight from the bytes.
/// <para>
/// A restart decodes every journaled batch and snapshot through the codecs. <see cref="BinaryReader"/>
/// read each varint byte by byte through a <see cref="MemoryStream"/>'s virtual calls and copied each
/// string through buffers of its own, which a reader costs to allocate (perf/README.md).
/// </para>
/// </summary>
internal sealed class BinaryFormReader(byte[] bytes)
{
    private readonly byte[] _bytes = bytes;
    private int _position;

    public int Remaining => _bytes.Length - _position;

    public byte ReadByte()
    {
        var position = _position;
        if ((uint)position >= (uint)_bytes.Length)
        {
            throw EndsEarly(1);
        }

        _position = position + 1;
        return _bytes[position];
    }

    public bool ReadBoolean() => ReadByte() != 0;

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(ReadSpan(sizeof(long)));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(ReadSpan(sizeof(double)));

    /// <summary>The next <paramref name="count"/> bytes, valid until the array they are read from changes.</summary>
    public ReadOnlySpan<byte> ReadSpan(int count)
    {
        if ((uint)count > (uint)Remaining)
        {
            throw count < 0 ? new InvalidDataException($"a length of {count} at byte {_position}") : EndsEarly(count);
        }

        var span = new ReadOnlySpan<byte>(_bytes, _position, count);
        _position += count;
        return span;
    }

    public byte[] ReadBytes(int count) => ReadSpan(count).ToArray();

    public string ReadString()
    {
        var length = Read7BitEncodedInt();
        return length == 0 ? string.Empty : Encoding.UTF8.GetString(ReadSpan(length));
    }

    /// <summary>As <see cref="BinaryReader.Read7BitEncodedInt"/>: at most five bytes, the fifth holding the top four bits.</summary>
    public int Read7BitEncodedInt()
    {
        uint result = 0;
        for (var shift = 0; shift < 28; shift += 7)
        {
            var b = ReadByte();
            result |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return (int)result;
            }
        }

        var last = ReadByte();
        return last <= 0b1111 ? (int)(result | (uint)last << 28) : throw TooLong(5);
    }

    /// <summary>As <see cref="BinaryReader.Read7BitEncodedInt64"/>: at most ten bytes, the tenth holding the top bit.</summary>
    public long Read7BitEncodedInt64()
    {
        ulong result = 0;
        for (var shift = 0; shift < 63; shift += 7)
        {
            var b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return (long)result;
            }
        }

        var last = ReadByte();
        return last <= 1 ? (long)(result | (ulong)last << 63) : throw TooLong(10);
    }

    // The type BinaryReader throws, so a recovery's failure still names what went wrong the same way.
    private EndOfStreamException EndsEarly(int count) =>
        new($"{count} bytes wanted at byte {_position}, but the data ends at byte {_bytes.Length}");

    private FormatException TooLong(int bytes) =>
        new($"a 7-bit encoded integer longer than {bytes} bytes ends at byte {_position}");
}
