using StreamEngine.Domain.Aggregates;

namespace StreamEngine.Domain.Competition;

/// <summary>One brand's figures over a window, as the comparison reads them: headline figures and mentions per concept.</summary>
public sealed record BrandStanding(string BrandId, BrandFigures Figures, IReadOnlyDictionary<string, long> ConceptMentions);
