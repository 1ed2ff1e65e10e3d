namespace StreamEngine.Domain.Alerts;

/// <summary>
/// How a brand's minute series are watched (docs/alerts.md). A minute is judged against an EWMA
/// baseline of the minutes before it: it raises an alert when its z-score reaches
/// <see cref="Threshold"/>, it carries at least <see cref="MinimumMentions"/> mentions (or, for a dip,
/// the baseline expected that many), the baseline has seen <see cref="WarmUpMinutes"/> minutes, and
/// no alert of the same metric and direction was raised in the <see cref="CoolDownMinutes"/> before.
/// </summary>
/// <param name="Smoothing">EWMA weight of the newest minute (0 &lt; α ≤ 1): 0.05 remembers about the last 20-40 minutes.</param>
/// <param name="GraceMinutes">A minute is judged once event time has moved this many minutes past its end, so that posts arriving a little late still count.</param>
public sealed record AlertSettings(
    double Threshold = 4.0,
    long MinimumMentions = 20,
    int CoolDownMinutes = 30,
    int WarmUpMinutes = 30,
    double Smoothing = 0.05,
    int GraceMinutes = 1)
{
    public static AlertSettings Default { get; } = new();

    /// <summary>The first thing wrong with these settings, or null.</summary>
    public string? Problem() => this switch
    {
        { Threshold: <= 0 or double.NaN or double.PositiveInfinity } => "threshold must be a positive, finite z-score",
        { MinimumMentions: < 1 } => "minMentions must be at least 1",
        { CoolDownMinutes: < 0 } => "coolDownMinutes cannot be negative",
        { WarmUpMinutes: < 2 } => "warmUpMinutes must be at least 2",
        { Smoothing: <= 0 or > 1 or double.NaN } => "smoothing must be in (0, 1]",
        { GraceMinutes: < 0 or > 60 } => "graceMinutes must be between 0 and 60",
        _ => null,
    };
}
