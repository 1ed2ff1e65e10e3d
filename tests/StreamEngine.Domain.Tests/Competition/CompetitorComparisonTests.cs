using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Competition;

namespace StreamEngine.Domain.Tests.Competition;

public sealed class CompetitorComparisonTests
{
    private static BrandStanding Standing(string id, long mentions, params (string Concept, long Mentions)[] concepts) =>
        new(id, new BrandFigures(mentions, mentions * 10, mentions * 2, mentions), concepts.ToDictionary(c => c.Concept, c => c.Mentions));

    [Fact]
    public void Share_of_voice_is_each_brand_over_the_set_and_sums_to_100()
    {
        var result = CompetitorComparison.Compare(Standing("acme", 50), [Standing("globex", 30), Standing("initech", 20)], 3);

        Assert.Equal(["acme", "globex", "initech"], result.Select(r => r.Standing.BrandId));
        Assert.Equal([50.0, 30.0, 20.0], result.Select(r => r.ShareOfVoice));
        Assert.Equal(100.0, result.Sum(r => r.ShareOfVoice), 9);
    }

    [Fact]
    public void A_silent_set_has_no_share_of_voice_rather_than_a_division_by_zero()
    {
        var result = CompetitorComparison.Compare(Standing("acme", 0), [Standing("globex", 0)], 3);

        Assert.All(result, r => Assert.Equal(0.0, r.ShareOfVoice));
    }

    [Fact]
    public void Concept_gaps_compare_shares_of_each_brands_own_mentions_largest_first()
    {
        var acme = Standing("acme", 100, ("delivery", 40), ("price", 10));
        var globex = Standing("globex", 50, ("delivery", 5), ("price", 25), ("app", 5));

        var gaps = CompetitorComparison.Compare(acme, [globex], 2)[1].ConceptGaps;

        // price: 0.10 vs 0.50 (-0.40); delivery: 0.40 vs 0.10 (+0.30); app: 0 vs 0.10 (-0.10, cut by the limit).
        Assert.Equal(["price", "delivery"], gaps.Select(g => g.ConceptId));
        Assert.Equal(-0.40, gaps[0].Difference, 9);
        Assert.Equal(0.30, gaps[1].Difference, 9);
        Assert.Empty(CompetitorComparison.Compare(acme, [globex], 2)[0].ConceptGaps);
    }

    [Fact]
    public void A_brands_own_concepts_are_left_out_of_the_gaps()
    {
        var acme = Standing("acme", 100, ("acme-drones", 60), ("delivery", 40), ("price", 10));
        var globex = Standing("globex", 50, ("globex-rockets", 40), ("delivery", 5), ("price", 25));

        var gaps = CompetitorComparison.Compare(acme, [globex], 5, new HashSet<string> { "acme-drones", "globex-rockets" })[1].ConceptGaps;

        Assert.Equal(["price", "delivery"], gaps.Select(g => g.ConceptId));
    }
}
