using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Competition;
using StreamEngine.Domain.Model;
using StreamEngine.Engine.Brands;
using StreamEngine.Host.Hosting;

namespace StreamEngine.Host.Api;

/// <summary>
/// A brand against its competitor set, as the compare endpoint and the report both give it: every
/// brand of the set asked in parallel across shards, then compared in one place so both read alike.
/// </summary>
internal static class CompetitorStandings
{
    private const int GapsPerCompetitor = 5;

    public sealed record GapResponse(string Concept, double BrandShare, double CompetitorShare, double Difference);

    public sealed record StandingResponse(
        string Brand,
        string Name,
        long Mentions,
        double ShareOfVoice,
        long Reach,
        long Engagement,
        long UniqueAuthors,
        double NetSentiment,
        IReadOnlyList<GapResponse>? ConceptGaps);

    /// <summary>The brand first (without concept gaps), then each competitor with its gaps against the brand.</summary>
    public static async Task<IReadOnlyList<StandingResponse>> CompareAsync(
        BrandQueries brands, ListeningModel model, BrandDefinition brand, TimeWindow window, TimeSpan timeout)
    {
        var standings = await Task.WhenAll(new[] { brand.Id }.Concat(brand.Competitors)
            .Select(b => brands.AskAsync<BrandStandingReply>(new GetBrandStanding(b, window), timeout)));
        return Compare(model, standings[0].Standing, standings.Skip(1).Select(s => s.Standing).ToList());
    }

    /// <summary>The brand, whose standing is in hand, against its competitors, asked now in parallel.</summary>
    public static async Task<IReadOnlyList<StandingResponse>> CompareAsync(
        BrandQueries brands, ListeningModel model, BrandDefinition brand, Task<BrandStanding> standing, TimeWindow window, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(brand);
        var competitors = Task.WhenAll(brand.Competitors.Select(b => brands.AskAsync<BrandStandingReply>(new GetBrandStanding(b, window), timeout)));
        await Task.WhenAll(standing, competitors);
        return Compare(model, await standing, (await competitors).Select(s => s.Standing).ToList());
    }

    internal static List<StandingResponse> Compare(ListeningModel model, BrandStanding brand, IReadOnlyList<BrandStanding> competitors)
    {
        // Gaps are on the shared library's concepts alone: a brand's own concept cannot be talked
        // about for the other brand, and one the model no longer has (a swap took it out) is
        // nobody's to act on, though the figures counted under it are kept.
        var library = model.Concepts.Where(c => c.Brand is null).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var notShared = competitors.Prepend(brand).SelectMany(s => s.ConceptMentions.Keys).Where(id => !library.Contains(id)).ToHashSet(StringComparer.Ordinal);
        var compared = CompetitorComparison.Compare(brand, competitors, GapsPerCompetitor, notShared);

        // Rounded together, so that the set's shares add up to 100 as the set's mentions do.
        var shares = Rounded.Apportioned([.. compared.Select(c => c.ShareOfVoice)], 2);
        return compared.Select((c, i) => new StandingResponse(
            c.Standing.BrandId,
            model.TryGetBrand(c.Standing.BrandId, out var b) ? b.Name : c.Standing.BrandId,
            c.Standing.Figures.Mentions,
            shares[i],
            c.Standing.Figures.Reach,
            c.Standing.Figures.Engagement,
            c.Standing.Figures.UniqueAuthors,
            Rounded.To(c.Standing.Figures.Sentiment.NetSentiment, 2),
            i == 0 ? null : c.ConceptGaps.Select(Gap).ToList()))
            .ToList();
    }

    /// <summary>A gap's shares rounded, and its difference that of the shares as given, so that a reader's subtraction agrees.</summary>
    private static GapResponse Gap(ConceptGap gap)
    {
        var (brandShare, competitorShare) = (Rounded.To(gap.BrandShare, 4), Rounded.To(gap.CompetitorShare, 4));
        return new GapResponse(gap.ConceptId, brandShare, competitorShare, Rounded.To(brandShare - competitorShare, 4));
    }
}
