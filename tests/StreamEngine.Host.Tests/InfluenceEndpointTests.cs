using StreamEngine.Domain.Influence;
using StreamEngine.Host.Api;

namespace StreamEngine.Host.Tests;

/// <summary>Influencers, trending and the reputation index read from a running engine after a planted crisis.</summary>
public sealed class InfluenceEndpointTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task The_crisis_concept_trends_and_influencers_and_reputation_answer()
    {
        await using var engine = await CrisisFirehose.StartEngineAsync(_dir.Path);
        await new CrisisFirehose(DateTimeOffset.UtcNow).PostToAsync(engine);

        var trending = await engine.Http.GetJsonAsync("/api/brands/beta/trending?window=1h");
        var top = trending.GetProperty("items").EnumerateArray().First(i => i.GetProperty("kind").GetString() == "concept");
        Assert.Equal("delivery", top.GetProperty("value").GetString());
        Assert.True(top.GetProperty("observed").GetInt64() >= 300);

        // Any case, as the other endpoints read their windows.
        Assert.Equal("1h", (await engine.Http.GetJsonAsync("/api/brands/beta/trending?window=1H")).GetProperty("window").GetString());
        Assert.DoesNotContain(
            (await engine.Http.GetJsonAsync("/api/brands/alpha/trending?window=1h")).GetProperty("items").EnumerateArray(),
            i => i.GetProperty("value").GetString() == "delivery");

        foreach (var by in new[] { "mentions", "reach", "engagement" })
        {
            var influencers = await engine.Http.GetJsonAsync($"/api/brands/beta/influencers?window=24h&by={by}&limit=5");
            var authors = influencers.GetProperty("authors").EnumerateArray().ToList();
            Assert.Equal(5, authors.Count);
            var ranked = authors.Select(a => a.GetProperty(by).GetInt64()).ToList();
            Assert.Equal(ranked.OrderDescending(), ranked);
            Assert.All(authors, a => Assert.Equal("x", a.GetProperty("network").GetString()));
            Assert.All(authors, a => Assert.StartsWith("u", a.GetProperty("author").GetString(), StringComparison.Ordinal));
        }

        // Beta's crisis posts are negative and alpha's chatter positive: reputations fall on either side of zero.
        var beta = (await engine.Http.GetJsonAsync("/api/brands/beta/summary?window=24h")).GetProperty("reputation").GetDouble();
        var alpha = (await engine.Http.GetJsonAsync("/api/brands/alpha/summary?window=24h")).GetProperty("reputation").GetDouble();
        Assert.InRange(alpha, 0.01, 100);
        Assert.True(beta < alpha, $"beta {beta} should stand below alpha {alpha}");
        var points = (await engine.Http.GetJsonAsync("/api/brands/beta/timeseries?window=24h&step=1h")).GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(beta, points[^1].GetProperty("reputation").GetDouble());
    }

    [Fact]
    public void A_trending_hashtag_is_written_with_its_hash_as_alert_drivers_write_it()
    {
        var item = InfluenceEndpoints.TrendingItemOf(new TrendingItem(TrendKind.Hashtag, "acmefail", 12, 2, 5.5));
        var concept = InfluenceEndpoints.TrendingItemOf(new TrendingItem(TrendKind.Concept, "delivery", 40, 2.5, 19.6));

        Assert.Equal(("hashtag", "#acmefail", 12L), (item.Kind, item.Value, item.Observed));
        Assert.Equal(("concept", "delivery"), (concept.Kind, concept.Value));
    }

    [Theory]
    [InlineData("/api/brands/beta/influencers?by=followers", 400, "'by'")]
    [InlineData("/api/brands/beta/influencers?limit=1000", 400, "'limit'")]
    [InlineData("/api/brands/beta/influencers?window=2h", 400, "'window'")]
    [InlineData("/api/brands/nope/influencers", 404, "nope")]
    [InlineData("/api/brands/beta/trending?window=30d", 400, "allowed values: 15m, 1h, 24h, 7d\"")]
    [InlineData("/api/brands/beta/trending?window=1d", 400, "allowed values: 15m, 1h, 24h, 7d\"")]
    [InlineData("/api/brands/nope/trending?window=30d", 404, "nope")]
    public async Task Bad_parameters_are_named(string path, int status, string named)
    {
        await using var engine = await CrisisFirehose.StartEngineAsync(_dir.Path);
        await engine.Http.AssertRefusedAsync(path, status, named);
    }

    public void Dispose() => _dir.Dispose();
}
