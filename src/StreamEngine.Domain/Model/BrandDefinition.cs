using StreamEngine.Domain.Query;

namespace StreamEngine.Domain.Model;

/// <summary>A brand being listened to, the query that recognises its mentions, and the brands it competes with.</summary>
public sealed record BrandDefinition(string Id, string Name, ParsedQuery Query, IReadOnlyList<string> Competitors);
