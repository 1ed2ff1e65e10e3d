using StreamEngine.Engine.Serialization;

namespace StreamEngine.Engine.Tests;

public class BinaryFormReaderTests
{
    private static readonly long[] Longs = [0, 1, 127, 128, 16_383, 16_384, -1, long.MinValue, long.MaxValue, int.MaxValue + 1L, -1_000_000_007];
    private static readonly int[] Ints = [0, 1, 127, 128, 2_097_151, 2_097_152, -1, int.MinValue, int.MaxValue];

    // Long enough that BinaryReader decodes it in several chunks of its buffer.
    private static readonly string[] Strings = ["", "acme", "Ünïcödé ＦＵＬＬ", "👍🏽 emoji, 日本語", new string('x', 127), new string('é', 300), "\uD83D"];

    [Fact]
    public void Reads_back_what_a_binary_writer_wrote_as_a_binary_reader_does()
    {
        var bytes = Write(w =>
        {
            foreach (var value in Longs)
            {
                w.Write7BitEncodedInt64(value);
                w.Write(value);
            }

            foreach (var value in Ints)
            {
                w.Write7BitEncodedInt(value);
            }

            foreach (var value in Strings)
            {
                w.Write(value);
            }

            foreach (var value in new[] { 0.0, -0.5, double.MaxValue, double.NaN, double.NegativeInfinity })
            {
                w.Write(value);
            }

            w.Write(true);
            w.Write(false);
            w.Write((byte)200);
            w.Write(new byte[] { 1, 2, 3 });
        });

        var expected = new BinaryReader(new MemoryStream(bytes));
        var r = new BinaryFormReader(bytes);
        foreach (var _ in Longs)
        {
            Assert.Equal(expected.Read7BitEncodedInt64(), r.Read7BitEncodedInt64());
            Assert.Equal(expected.ReadInt64(), r.ReadInt64());
        }

        foreach (var _ in Ints)
        {
            Assert.Equal(expected.Read7BitEncodedInt(), r.Read7BitEncodedInt());
        }

        foreach (var _ in Strings)
        {
            Assert.Equal(expected.ReadString(), r.ReadString());
        }

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(expected.ReadDouble(), r.ReadDouble());
        }

        Assert.Equal(expected.ReadBoolean(), r.ReadBoolean());
        Assert.Equal(expected.ReadBoolean(), r.ReadBoolean());
        Assert.Equal(expected.ReadByte(), r.ReadByte());
        Assert.Equal(3, r.Remaining);
        Assert.Equal(expected.ReadBytes(3), r.ReadBytes(3));
        Assert.Equal(0, r.Remaining);
    }

    [Fact]
    public void Data_that_ends_early_is_refused_with_where_it_ends()
    {
        var bytes = Write(w => w.Write("acme"));
        var r = new BinaryFormReader(bytes[..3]);

        var ex = Assert.Throws<EndOfStreamException>(() => r.ReadString());

        Assert.Contains("4 bytes wanted at byte 1", ex.Message, StringComparison.Ordinal);
        Assert.Throws<EndOfStreamException>(() => new BinaryFormReader([0x80]).Read7BitEncodedInt64());
        Assert.Throws<EndOfStreamException>(() => new BinaryFormReader([1, 2, 3]).ReadDouble());
    }

    [Fact]
    public void Varints_longer_than_their_type_allows_are_refused_as_a_binary_reader_refuses_them()
    {
        byte[] overlongInt = [0x80, 0x80, 0x80, 0x80, 0x10];
        byte[] overlongLong = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02];

        Assert.Throws<FormatException>(() => new BinaryReader(new MemoryStream(overlongInt)).Read7BitEncodedInt());
        Assert.Throws<FormatException>(() => new BinaryFormReader(overlongInt).Read7BitEncodedInt());
        Assert.Throws<FormatException>(() => new BinaryReader(new MemoryStream(overlongLong)).Read7BitEncodedInt64());
        Assert.Throws<FormatException>(() => new BinaryFormReader(overlongLong).Read7BitEncodedInt64());
    }

    [Fact]
    public void A_negative_length_is_refused()
    {
        var bytes = Write(w => w.Write7BitEncodedInt(-2));

        var ex = Assert.Throws<InvalidDataException>(() => new BinaryFormReader(bytes).ReadString());

        Assert.Contains("-2", ex.Message, StringComparison.Ordinal);
    }

    private static byte[] Write(Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            write(w);
        }

        return stream.ToArray();
    }
}
