namespace StreamEngine.Domain.Competition;

/// <summary>A concept on which two brands are talked about differently: the share of each brand's mentions that touch it.</summary>
public sealed record ConceptGap(string ConceptId, double BrandShare, double CompetitorShare)
{
    /// <summary>Positive when the concept weighs more in the brand's conversation than in the competitor's.</summary>
    public double Difference => BrandShare - CompetitorShare;
}

/// <summary>A brand of a competitor set: its figures, its share of the set's voice and, against the compared brand, where they differ most.</summary>
public sealed record CompetitorStanding(
    BrandStanding Standing,
    double ShareOfVoice,
    IReadOnlyList<ConceptGap> ConceptGaps);

/// <summary>
/// Share of voice and concept gaps across a competitor set. Share of voice is a brand's mentions
/// over the set's mentions, in percent, so it sums to 100 over the set whenever the set has any.
/// </summary>
public static class CompetitorComparison
{
    /// <param name="brand">The brand the comparison is for; listed first.</param>
    /// <param name="competitors">Its competitor set, without it.</param>
    /// <param name="gapsPerCompetitor">How many concepts with the largest absolute difference to give per competitor.</param>
    /// <param name="brandConcepts">Concepts of one brand's own, left out of the gaps: the others cannot be talked about on them.</param>
    public static IReadOnlyList<CompetitorStanding> Compare(BrandStanding brand, IReadOnlyList<BrandStanding> competitors, int gapsPerCompetitor, IReadOnlySet<string>? brandConcepts = null)
    {
        ArgumentNullException.ThrowIfNull(brand);
        ArgumentNullException.ThrowIfNull(competitors);
        var total = brand.Figures.Mentions + competitors.Sum(c => c.Figures.Mentions);
        var result = new List<CompetitorStanding>(competitors.Count + 1)
        {
            new(brand, ShareOf(brand, total), []),
        };
        foreach (var competitor in competitors)
        {
            result.Add(new CompetitorStanding(competitor, ShareOf(competitor, total), Gaps(brand, competitor, gapsPerCompetitor, brandConcepts)));
        }

        return result;
    }

    private static double ShareOf(BrandStanding standing, long total) =>
        total == 0 ? 0 : 100.0 * standing.Figures.Mentions / total;

    private static List<ConceptGap> Gaps(BrandStanding brand, BrandStanding competitor, int count, IReadOnlySet<string>? brandConcepts) =>
        brand.ConceptMentions.Keys.Union(competitor.ConceptMentions.Keys)
            .Where(concept => brandConcepts is null || !brandConcepts.Contains(concept))
            .Select(concept => new ConceptGap(concept, ConceptShare(brand, concept), ConceptShare(competitor, concept)))
            .OrderByDescending(g => Math.Abs(g.Difference))
            .ThenBy(g => g.ConceptId, StringComparer.Ordinal)
            .Take(count)
            .ToList();

    private static double ConceptShare(BrandStanding standing, string concept) =>
        standing.Figures.Mentions == 0 ? 0 : (double)standing.ConceptMentions.GetValueOrDefault(concept) / standing.Figures.Mentions;
}
