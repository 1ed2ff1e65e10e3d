namespace StreamEngine.Domain.Aggregates;

/// <summary>
/// How far back a brand keeps figures: minute buckets for the last 24 hours and hour buckets for the
/// last 30 days. A post older than the hour window is late and counted nowhere; a post too far in the
/// future is refused, since it would overwrite buckets still in the window.
/// </summary>
public static class RetentionPolicy
{
    public const int MinuteBuckets = 24 * 60;
    public const int HourBuckets = 30 * 24;

    /// <summary>How far ahead of the engine's clock a post may be dated (clock skew between producers).</summary>
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromMinutes(5);

    public static bool IsLate(DateTimeOffset createdAt, DateTimeOffset now) =>
        EventTime.HourOf(EventTime.MinuteOf(createdAt)) <= EventTime.HourOf(EventTime.MinuteOf(now)) - HourBuckets;

    public static bool IsTooFarAhead(DateTimeOffset createdAt, DateTimeOffset now) => createdAt - now > MaxFutureSkew;

    /// <summary>Why a post dated <paramref name="createdAt"/> is refused at <paramref name="now"/>; null when it is not.</summary>
    public static string? FutureRefusal(DateTimeOffset createdAt, DateTimeOffset now) => IsTooFarAhead(createdAt, now)
        ? $"'createdAt' {Shown(createdAt)} is more than {MaxFutureSkew.TotalMinutes:0} minutes ahead of the engine's clock ({Shown(now)})"
        : null;

    // As a post writes it: no run of zeros for the fractions it did not give, Z for UTC.
    private static string Shown(DateTimeOffset at) => at.Offset == TimeSpan.Zero
        ? at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture)
        : at.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture);
}
