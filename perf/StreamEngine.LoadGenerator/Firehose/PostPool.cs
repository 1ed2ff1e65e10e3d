using System.Globalization;

namespace StreamEngine.LoadGenerator.Firehose;

/// <summary>
/// Pre-generated batches of NDJSON that can be sent over and over: each pass rewrites the fixed-width
/// id digits of every line to <c>pass × lines-per-pass + the line's number</c>, so ids stay unique
/// across passes while a duplicate line still repeats the id of the line it copies.
/// </summary>
public sealed class PostPool(IReadOnlyList<PoolBatch> batches, long linesPerPass, int idDigitsOffset)
{
    public IReadOnlyList<PoolBatch> Batches { get; } = batches;

    public long LinesPerPass { get; } = linesPerPass;

    public int IdDigitsOffset { get; } = idDigitsOffset;

    public long Bytes => Batches.Sum(b => (long)b.Bytes.Length);

    /// <summary>A copy of batch <paramref name="index"/> with the ids of pass <paramref name="pass"/>.</summary>
    public byte[] Materialise(int index, long pass)
    {
        var batch = Batches[index];
        var copy = batch.Bytes.AsSpan().ToArray();
        Patch(copy, batch, pass);
        return copy;
    }

    /// <summary>Rewrites the id digits of <paramref name="bytes"/> (a copy of <paramref name="batch"/>) for <paramref name="pass"/>.</summary>
    public void Patch(Span<byte> bytes, PoolBatch batch, long pass)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Span<byte> digits = stackalloc byte[FirehoseGenerator.IdDigits];
        for (var i = 0; i < batch.LineStarts.Length; i++)
        {
            var number = pass * LinesPerPass + batch.IdNumbers[i];
            if (!number.TryFormat(digits, out var written, "D" + FirehoseGenerator.IdDigits, CultureInfo.InvariantCulture) || written != digits.Length)
            {
                throw new InvalidOperationException("post numbers ran past the id width");
            }

            digits.CopyTo(bytes[(batch.LineStarts[i] + IdDigitsOffset)..]);
        }
    }
}

/// <summary>One batch of lines: the bytes, where each line starts, and the number each line's id carries.</summary>
public sealed class PoolBatch(byte[] bytes, int[] lineStarts, long[] idNumbers)
{
    public byte[] Bytes { get; } = bytes;

    public int[] LineStarts { get; } = lineStarts;

    public long[] IdNumbers { get; } = idNumbers;

    public int Lines => LineStarts.Length;

    public static PoolBatch From(IReadOnlyList<(byte[] Line, long Id)> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var bytes = new byte[lines.Sum(l => l.Line.Length)];
        var starts = new int[lines.Count];
        var ids = new long[lines.Count];
        var at = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            starts[i] = at;
            ids[i] = lines[i].Id;
            lines[i].Line.CopyTo(bytes, at);
            at += lines[i].Line.Length;
        }

        return new PoolBatch(bytes, starts, ids);
    }
}
