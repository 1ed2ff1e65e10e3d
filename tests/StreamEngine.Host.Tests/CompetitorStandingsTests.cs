using System.Text.Json;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Competition;
using StreamEngine.Domain.Model;
using StreamEngine.Host.Api;

namespace StreamEngine.Host.Tests;

public sealed class CompetitorStandingsTests
{
    private const string Model = """
        concepts:
          - id: price
            query: price
        brands:
          - id: acme
            query: acme
            competitors: [globex, initech, hooli]
          - id: globex
            query: globex
          - id: initech
            query: initech
          - id: hooli
            query: hooli
        """;

    [Fact]
    public void Gaps_leave_out_concepts_the_model_no_longer_has_and_figures_round_without_a_minus_zero()
    {
        var model = ModelLoader.Parse(Model, "model.yaml");
        var acme = new BrandStanding("acme", new BrandFigures(20_003, 10, 0, 4, new SentimentTally(1, 20_000, 2, 0, -0.5)),
            new Dictionary<string, long> { ["price"] = 1, ["acme-card"] = 4 });
        var globex = new BrandStanding("globex", new BrandFigures(4, 10, 0, 4), new Dictionary<string, long> { ["price"] = 3, ["location"] = 2 });

        var standings = CompetitorStandings.Compare(model, acme, [globex]);

        // acme-card, acme's own concept until a swap took it out, and location, a library concept taken out.
        Assert.Equal(["price"], standings[1].ConceptGaps!.Select(g => g.Concept));
        Assert.Contains("\"netSentiment\":0,", JsonSerializer.Serialize(standings[0], new JsonSerializerOptions(JsonSerializerDefaults.Web)), StringComparison.Ordinal);
    }

    [Fact]
    public void Shares_of_voice_add_up_to_100_and_a_gap_is_the_difference_of_its_shares_as_given()
    {
        // 17,828, 9,270, 6,432 and 5,178 mentions, shares rounded alone 46.06 + 23.95 + 16.62 + 13.38 = 100.01.
        // On price, acme's 2,003 of 17,828 is 0.1124 and globex's 1,335 of 9,270 0.144: the gap reads
        // -0.0316, where the shares before rounding differ by -0.0317.
        static BrandStanding Standing(string id, long mentions, long price) =>
            new(id, new BrandFigures(mentions, 0, 0, 0), new Dictionary<string, long> { ["price"] = price });
        var standings = CompetitorStandings.Compare(ModelLoader.Parse(Model, "model.yaml"), Standing("acme", 17_828, 2_003),
            [Standing("globex", 9_270, 1_335), Standing("initech", 6_432, 900), Standing("hooli", 5_178, 700)]);

        Assert.Equal([46.06, 23.95, 16.61, 13.38], standings.Select(s => s.ShareOfVoice));
        Assert.Equal((0.1124, 0.144, -0.0316), standings[1].ConceptGaps!.Select(g => (g.BrandShare, g.CompetitorShare, g.Difference)).Single());
        Assert.All(standings.Skip(1).SelectMany(s => s.ConceptGaps!), g => Assert.Equal(Math.Round(g.BrandShare - g.CompetitorShare, 4), g.Difference));
    }
}
