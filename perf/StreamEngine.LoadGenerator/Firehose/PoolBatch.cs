using System.Globalization;
using System.Text;

namespace StreamEngine.LoadGenerator.Firehose;

/// <summary>
/// One batch of lines: the bytes, where each line starts, the number each line's id carries, and
/// where each line's time is written and what it says.
/// </summary>
public sealed class PoolBatch(byte[] bytes, int[] lineStarts, long[] idNumbers, int[] timeOffsets, long[] times)
{
    private static readonly byte[] TimeKey = Encoding.UTF8.GetBytes("\"createdAt\":\"");

    public byte[] Bytes { get; } = bytes;

    public int[] LineStarts { get; } = lineStarts;

    public long[] IdNumbers { get; } = idNumbers;

    /// <summary>Per line, the byte offset of its time's first digit within the line.</summary>
    public int[] TimeOffsets { get; } = timeOffsets;

    /// <summary>Per line, its time in UTC ticks.</summary>
    public long[] Times { get; } = times;

    public int Lines => LineStarts.Length;

    public static PoolBatch From(IReadOnlyList<(byte[] Line, long Id)> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var bytes = new byte[lines.Sum(l => l.Line.Length)];
        var starts = new int[lines.Count];
        var ids = new long[lines.Count];
        var timeOffsets = new int[lines.Count];
        var times = new long[lines.Count];
        var at = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Line;
            starts[i] = at;
            ids[i] = lines[i].Id;
            var key = line.AsSpan().IndexOf(TimeKey);
            if (key < 0)
            {
                throw new ArgumentException($"line {i} of the batch has no createdAt", nameof(lines));
            }

            timeOffsets[i] = key + TimeKey.Length;
            var written = Encoding.ASCII.GetString(line, timeOffsets[i], PostTime.Width);
            times[i] = DateTime.ParseExact(written, PostTime.Format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal).Ticks;
            line.CopyTo(bytes, at);
            at += line.Length;
        }

        return new PoolBatch(bytes, starts, ids, timeOffsets, times);
    }
}
