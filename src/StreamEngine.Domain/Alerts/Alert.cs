namespace StreamEngine.Domain.Alerts;

/// <summary>The minute series a brand is watched on.</summary>
public enum AlertMetric : byte
{
    Mentions = 1,
    NegativeMentions,
    NetSentiment,
    ShareOfVoice,

    // Security: a threat found in a post rather than a series straying (docs/threats.md).
    Impersonation = 10,
    Phishing,
    Doxxing,
    Violence,
    Coordination,
}

public enum AlertDirection : byte
{
    Spike = 1,
    Dip,
}

public enum AlertSeverity : byte
{
    Medium = 1,
    High,
}

/// <summary>
/// A minute of a brand's series that strayed from its baseline, with what drove it.
/// <see cref="Id"/> is stable: the same minute, metric and direction of the same brand always
/// gives the same id, which is also the paging cursor's tie-breaker.
/// </summary>
public sealed record Alert(
    string Id,
    string BrandId,
    DateTimeOffset Minute,
    AlertMetric Metric,
    AlertDirection Direction,
    AlertSeverity Severity,
    double Observed,
    double Expected,
    double ZScore,
    IReadOnlyList<AlertDriver> Drivers)
{
    /// <summary>"volume" for mentions, "sentiment" for negative mentions and net sentiment, "competition" for share of voice, "security" for threats.</summary>
    public string Category => Metric switch
    {
        AlertMetric.Mentions => "volume",
        AlertMetric.NegativeMentions or AlertMetric.NetSentiment => "sentiment",
        AlertMetric.ShareOfVoice => "competition",
        _ => "security",
    };

    public static string IdOf(string brandId, long minute, AlertMetric metric, AlertDirection direction) =>
        FormattableString.Invariant($"{brandId}:{minute}:{metric.ToName()}:{direction.ToName()}");

    /// <summary>A security alert's id names what it is about (an author, or a post), not a direction.</summary>
    public static string IdOf(string brandId, long minute, AlertMetric metric, string subject) =>
        FormattableString.Invariant($"{brandId}:{minute}:{metric.ToName()}:{subject}");
}

/// <summary>
/// One segment's part in an alert: its mentions in the minute, what its baseline expected, and its
/// share of the excess (or, for a dip, of the shortfall) within its dimension.
/// </summary>
public sealed record AlertDriver(string Dimension, string Value, double Observed, double Expected, double Share);

public static class AlertNames
{
    public static string ToName(this AlertMetric metric) => metric switch
    {
        AlertMetric.Mentions => "mentions",
        AlertMetric.NegativeMentions => "negative-mentions",
        AlertMetric.NetSentiment => "net-sentiment",
        AlertMetric.ShareOfVoice => "share-of-voice",
        AlertMetric.Impersonation => "impersonation",
        AlertMetric.Phishing => "phishing",
        AlertMetric.Doxxing => "doxxing",
        AlertMetric.Violence => "violence",
        _ => "coordination",
    };

    public static string ToName(this AlertDirection direction) => direction == AlertDirection.Spike ? "spike" : "dip";

    public static string ToName(this AlertSeverity severity) => severity == AlertSeverity.High ? "high" : "medium";

    public static bool TryParseSeverity(string? name, out AlertSeverity severity)
    {
        // Any case, as every other value of the query string is read.
        severity = name?.ToLowerInvariant() switch
        {
            "medium" => AlertSeverity.Medium,
            "high" => AlertSeverity.High,
            _ => 0,
        };
        return severity != 0;
    }
}
