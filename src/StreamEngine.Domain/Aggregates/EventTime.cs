namespace StreamEngine.Domain.Aggregates;

/// <summary>Event time in whole minutes and hours since the Unix epoch, the keys of every bucket.</summary>
public static class EventTime
{
    public static long MinuteOf(DateTimeOffset at) => Math.DivRem(at.ToUnixTimeSeconds(), 60, out var rem) - (rem < 0 ? 1 : 0);

    public static long HourOf(long minute) => Math.DivRem(minute, 60, out var rem) - (rem < 0 ? 1 : 0);

    public static DateTimeOffset StartOfMinute(long minute) => DateTimeOffset.FromUnixTimeSeconds(minute * 60);

    public static DateTimeOffset StartOfHour(long hour) => DateTimeOffset.FromUnixTimeSeconds(hour * 3600);
}
