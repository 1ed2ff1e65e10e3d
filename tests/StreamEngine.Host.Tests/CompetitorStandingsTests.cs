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
            competitors: [globex]
          - id: globex
            query: globex
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
}
