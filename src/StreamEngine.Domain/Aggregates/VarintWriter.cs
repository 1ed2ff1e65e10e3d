using System.Buffers.Binary;

namespace StreamEngine.Domain.Aggregates;

/// <summary>Writes varints and raw values into a buffer it grows, for the sealed forms of buckets and panes.</summary>
internal ref struct VarintWriter(byte[] buffer)
{
    private int _length;

    public byte[] Buffer { get; private set; } = buffer;

    public readonly ReadOnlySpan<byte> Written => Buffer.AsSpan(0, _length);

    public void Byte(byte value)
    {
        Ensure(1);
        Buffer[_length++] = value;
    }

    public void Write(ulong value)
    {
        Ensure(10);
        while (value >= 0x80)
        {
            Buffer[_length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        Buffer[_length++] = (byte)value;
    }

    public void Double(double value)
    {
        Ensure(sizeof(double));
        BinaryPrimitives.WriteDoubleLittleEndian(Buffer.AsSpan(_length), value);
        _length += sizeof(double);
    }

    public void Bytes(scoped ReadOnlySpan<byte> value)
    {
        Ensure(value.Length);
        value.CopyTo(Buffer.AsSpan(_length));
        _length += value.Length;
    }

    private void Ensure(int more)
    {
        if (_length + more > Buffer.Length)
        {
            var grown = new byte[Math.Max(Buffer.Length * 2, _length + more)];
            Buffer.AsSpan(0, _length).CopyTo(grown);
            Buffer = grown;
        }
    }
}
