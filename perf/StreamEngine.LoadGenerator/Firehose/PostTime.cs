namespace StreamEngine.LoadGenerator.Firehose;

/// <summary>
/// A post's time as the generator writes it, <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>: fixed-width, so a
/// pooled line's time can be rewritten in place, digit by digit, for every copy sent.
/// </summary>
public static class PostTime
{
    public const string Format = "yyyy-MM-ddTHH:mm:ss.fffZ";

    public const int Width = 24;

    /// <summary>Writes <paramref name="time"/> (UTC) over the first <see cref="Width"/> bytes of <paramref name="into"/>.</summary>
    public static void Write(DateTime time, Span<byte> into)
    {
        var (year, month, day) = time;
        var ofDay = time.TimeOfDay;
        var span = into[..Width];
        Digits(year, 4, span);
        span[4] = (byte)'-';
        Digits(month, 2, span[5..]);
        span[7] = (byte)'-';
        Digits(day, 2, span[8..]);
        span[10] = (byte)'T';
        Digits(ofDay.Hours, 2, span[11..]);
        span[13] = (byte)':';
        Digits(ofDay.Minutes, 2, span[14..]);
        span[16] = (byte)':';
        Digits(ofDay.Seconds, 2, span[17..]);
        span[19] = (byte)'.';
        Digits(ofDay.Milliseconds, 3, span[20..]);
        span[23] = (byte)'Z';
    }

    private static void Digits(int value, int width, Span<byte> into)
    {
        for (var k = width - 1; k >= 0; k--)
        {
            into[k] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}
