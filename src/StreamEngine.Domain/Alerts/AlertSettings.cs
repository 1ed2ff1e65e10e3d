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
    public string? Problem() => Problems().Select(p => p.Problem).FirstOrDefault();

    /// <summary>Everything wrong with these settings, each with the name of the setting (as a model writes it) it is about.</summary>
    public IEnumerable<(string Setting, string Problem)> Problems()
    {
        if (Threshold is <= 0 or double.NaN or double.PositiveInfinity)
        {
            yield return ("threshold", "threshold must be a positive, finite z-score");
        }

        if (MinimumMentions < 1)
        {
            yield return ("minMentions", "minMentions must be at least 1");
        }

        if (CoolDownMinutes < 0)
        {
            yield return ("coolDownMinutes", "coolDownMinutes cannot be negative");
        }

        if (WarmUpMinutes < 2)
        {
            yield return ("warmUpMinutes", "warmUpMinutes must be at least 2");
        }

        if (Smoothing is <= 0 or > 1 or double.NaN)
        {
            yield return ("smoothing", "smoothing must be in (0, 1]");
        }

        if (GraceMinutes is < 0 or > 60)
        {
            yield return ("graceMinutes", "graceMinutes must be between 0 and 60");
        }
    }
}
