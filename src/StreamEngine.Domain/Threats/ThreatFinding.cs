using StreamEngine.Domain.Posts;

namespace StreamEngine.Domain.Threats;

public enum ThreatKind : byte
{
    Impersonation = 1,
    Phishing,
    Doxxing,
    Violence,
    Coordination,
}

public enum ThreatSeverity : byte
{
    Low = 1,
    Medium,
    High,
}

/// <summary>
/// One threat a detector saw in a post. <see cref="Evidence"/> says in a sentence what matched
/// ("homoglyph of @acme", "acme + 'login' (acme-login.com)"), so an analyst can judge the finding
/// without re-running the rules. The engine turns findings into alerts of category
/// <see cref="Category"/>.
/// </summary>
public sealed record ThreatFinding(
    ThreatKind Kind,
    string BrandId,
    string PostId,
    string? Author,
    string Evidence,
    ThreatSeverity Severity)
{
    public const string Category = "security";

    /// <summary>The post as an analyst finds it, its network and its id ("x/1862"), as influencer rankings name authors.</summary>
    internal static string PostOf(Post post) => $"{post.Network.ToName()}/{post.Id}";
}

public static class ThreatNames
{
    public static string ToName(this ThreatKind kind) => kind switch
    {
        ThreatKind.Impersonation => "impersonation",
        ThreatKind.Phishing => "phishing",
        ThreatKind.Doxxing => "doxxing",
        ThreatKind.Violence => "violence",
        _ => "coordination",
    };

    public static string ToName(this ThreatSeverity severity) => severity switch
    {
        ThreatSeverity.High => "high",
        ThreatSeverity.Medium => "medium",
        _ => "low",
    };

    /// <summary>One step less severe, never below <see cref="ThreatSeverity.Low"/>.</summary>
    public static ThreatSeverity Lowered(this ThreatSeverity severity) =>
        severity == ThreatSeverity.Low ? ThreatSeverity.Low : severity - 1;
}
