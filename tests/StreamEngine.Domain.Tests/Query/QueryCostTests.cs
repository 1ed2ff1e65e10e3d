using StreamEngine.Domain.Query;

namespace StreamEngine.Domain.Tests.Query;

public sealed class QueryCostTests
{
    private static QueryCostEstimate Estimate(string query) => QueryCost.Estimate(BooleanQueryParser.Parse(query));

    [Fact]
    public void Counts_each_distinct_literal_once()
    {
        Assert.Equal(new QueryCostEstimate(2, 2, 0, 0, 0, 0, 0, 0, 0, 2), Estimate("acme OR #acme OR ACME OR (acme AND #acme)"));
    }

    [Theory]
    [InlineData("acme", 1)]
    [InlineData("@acme OR #acme OR $acme", 3)]
    [InlineData("\"acme corp\"", 2)]
    [InlineData("\"acme corp inc\"", 3)]
    [InlineData("raw:\"Acme Corp\"", 4)]
    [InlineData("🔥", 1)]
    [InlineData("🇺🇸", 2)]
    [InlineData("acme*", 5)]
    [InlineData("ac?e", 5)]
    [InlineData("*acme", 5)]
    [InlineData("*acme*", 20)]
    [InlineData("?cme", 5)]
    [InlineData("?cm?", 20)]
    [InlineData("acme~1", 10)]
    [InlineData("acme~2", 25)]
    [InlineData("acme NEAR/3 corp", 1 + 1 + 4)]
    [InlineData("acme NEAR/3 corp OR acme ONEAR/1 corp", 1 + 1 + 4 + 4)]
    [InlineData("acme AND network:x AND NOT network:x AND lang:en", 1 + 2)]
    [InlineData("(acme* OR acme~1) NEAR/2 \"big deal\" AND NOT *corp*", 5 + 10 + 2 + 20 + 4)]
    public void Weighs_literals_proximity_and_fields_as_documented(string query, int cost)
    {
        Assert.Equal(cost, Estimate(query).Cost);
    }

    [Fact]
    public void Breaks_the_literals_down_by_kind()
    {
        var estimate = Estimate("acme OR \"a b\" OR ac* OR acme~1 OR raw:\"X\" OR 🔥 OR (x NEAR/1 y AND verified:true AND lang:en)");

        Assert.Equal(new QueryCostEstimate(Literals: 8, Words: 3, Phrases: 1, Wildcards: 1, FuzzyTerms: 1, RawPhrases: 1, EmojiTerms: 1,
            Proximities: 1, FieldFilters: 2, Cost: 1 + 2 + 5 + 10 + 2 + 1 + 1 + 1 + 4 + 2), estimate);
    }
}
