using StreamEngine.Domain.Alerts;
using StreamEngine.Domain.Query;
using StreamEngine.Domain.Threats;

namespace StreamEngine.Domain.Model;

/// <summary>A brand being listened to, the query that recognises its mentions, and the brands it competes with.</summary>
public sealed record BrandDefinition(string Id, string Name, ParsedQuery Query, IReadOnlyList<string> Competitors)
{
    /// <summary>How the brand's series are watched (the model file's <c>alerts:</c>); the defaults when the brand sets nothing.</summary>
    public AlertSettings Alerts { get; init; } = AlertSettings.Default;

    /// <summary>What the brand owns, from the model's <c>security:</c> entry; null when the brand has none.</summary>
    public BrandIdentity? Security { get; init; }
}
