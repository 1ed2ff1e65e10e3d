using System.Globalization;

namespace StreamEngine.LoadGenerator.Firehose;

/// <summary>
/// Pre-generated batches of NDJSON that can be sent over and over: each pass rewrites the fixed-width
/// id digits of every line to <c>pass × lines-per-pass + the line's number</c>, so ids stay unique
/// across passes while a duplicate line still repeats the id of the line it copies. Each copy can also
/// move every post's time on by the time since the pool was made (<see cref="ShiftAt"/>), so that a
/// run of minutes sends posts as recent at its end as at its start, as a firehose does.
/// </summary>
public sealed class PostPool(IReadOnlyList<PoolBatch> batches, long linesPerPass, int idDigitsOffset, DateTimeOffset madeAt)
{
    public IReadOnlyList<PoolBatch> Batches { get; } = batches;

    public long LinesPerPass { get; } = linesPerPass;

    public int IdDigitsOffset { get; } = idDigitsOffset;

    /// <summary>When the pool was made, by the clock.</summary>
    public DateTimeOffset MadeAt { get; } = madeAt;

    public long Bytes => Batches.Sum(b => (long)b.Bytes.Length);

    /// <summary>How far to move the posts' times for a copy sent at <paramref name="now"/>: the whole milliseconds since the pool was made.</summary>
    public TimeSpan ShiftAt(DateTimeOffset now) => TimeSpan.FromMilliseconds(Math.Max(0, Math.Floor((now - MadeAt).TotalMilliseconds)));

    /// <summary>A copy of batch <paramref name="index"/> with the ids of pass <paramref name="pass"/> and its times moved on by <paramref name="shift"/>.</summary>
    public byte[] Materialise(int index, long pass, TimeSpan shift = default)
    {
        var batch = Batches[index];
        var copy = batch.Bytes.AsSpan().ToArray();
        Patch(copy, batch, pass, shift);
        return copy;
    }

    /// <summary>
    /// Rewrites the id digits of <paramref name="bytes"/> (a copy of <paramref name="batch"/>) for
    /// <paramref name="pass"/>, and each post's time as it was plus <paramref name="shift"/>.
    /// </summary>
    public void Patch(Span<byte> bytes, PoolBatch batch, long pass, TimeSpan shift = default)
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
            if (shift != TimeSpan.Zero)
            {
                PostTime.Write(new DateTime(batch.Times[i], DateTimeKind.Utc) + shift, bytes[(batch.LineStarts[i] + batch.TimeOffsets[i])..]);
            }
        }
    }
}
