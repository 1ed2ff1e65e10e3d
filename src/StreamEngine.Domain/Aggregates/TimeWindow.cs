namespace StreamEngine.Domain.Aggregates;

/// <summary>
/// A trailing window a dashboard asks for. Windows up to 24 h are read from minute buckets and
/// slide by the minute; longer ones are read from hour buckets and slide by the hour.
/// </summary>
public sealed record TimeWindow(string Name, int Periods, TimeStep Resolution)
{
    public static readonly TimeWindow FifteenMinutes = new("15m", 15, TimeStep.Minute);
    public static readonly TimeWindow OneHour = new("1h", 60, TimeStep.Minute);
    public static readonly TimeWindow OneDay = new("24h", 24 * 60, TimeStep.Minute);
    public static readonly TimeWindow SevenDays = new("7d", 7 * 24, TimeStep.Hour);
    public static readonly TimeWindow ThirtyDays = new("30d", 30 * 24, TimeStep.Hour);

    public static IReadOnlyList<TimeWindow> All { get; } = [FifteenMinutes, OneHour, OneDay, SevenDays, ThirtyDays];

    public static IReadOnlyList<string> Accepted { get; } = All.Select(w => w.Name).ToArray();

    public TimeSpan Length => Resolution == TimeStep.Minute ? TimeSpan.FromMinutes(Periods) : TimeSpan.FromHours(Periods);

    public static bool TryParse(string? name, out TimeWindow window)
    {
        window = All.FirstOrDefault(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase))!;
        return window is not null;
    }

    /// <summary>
    /// When the window's first bucket starts, for a window ending at <paramref name="now"/>: a whole
    /// minute or hour, so what is dated from then on is what the window counts.
    /// </summary>
    public DateTimeOffset StartAt(DateTimeOffset now)
    {
        var minute = EventTime.MinuteOf(now);
        return Resolution == TimeStep.Minute
            ? EventTime.StartOfMinute(minute - Periods + 1)
            : EventTime.StartOfHour(EventTime.HourOf(minute) - Periods + 1);
    }

    /// <summary>The steps a timeseries over this window may use: minutes only where minute buckets reach.</summary>
    public IReadOnlyList<TimeStep> Steps => Resolution == TimeStep.Minute
        ? Periods >= 60 ? [TimeStep.Minute, TimeStep.Hour] : [TimeStep.Minute]
        : [TimeStep.Hour];
}

public enum TimeStep
{
    Minute,
    Hour,
}

public static class TimeSteps
{
    public static string ToName(this TimeStep step) => step == TimeStep.Minute ? "1m" : "1h";

    public static bool TryParse(string? name, out TimeStep step)
    {
        step = TimeStep.Minute;
        if (string.Equals(name, "1m", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        step = TimeStep.Hour;
        return string.Equals(name, "1h", StringComparison.OrdinalIgnoreCase);
    }
}
