using System.Text;
using System.Text.Json;

namespace StreamEngine.Host.Tests;

/// <summary>POST /api/analyze as an analyst checking a model uses it: what matched, where, and how it feels.</summary>
public sealed class AnalyzeEndpointTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private static readonly string Now = DateTimeOffset.UtcNow.ToString("O");

    [Fact]
    public async Task Gives_one_item_per_line_in_input_order_with_spans_into_the_text()
    {
        const string text = "Loving my Álpha, but the shipping was slow and the price too expensive";
        var items = await Analyze(
            Post("p1", text),
            "not json",
            Post("p2", "nothing to see here"));

        Assert.Equal([1, 2, 3], items.Select(i => i.GetProperty("line").GetInt32()));
        Assert.Equal("p1", items[0].GetProperty("id").GetString());
        Assert.Contains("JSON", items[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, items[2].GetProperty("brands").GetArrayLength());

        var brand = items[0].GetProperty("brands").EnumerateArray().Single();
        Assert.Equal("alpha", brand.GetProperty("id").GetString());
        Assert.Equal(["Álpha"], SpannedText(text, brand));
        var concepts = items[0].GetProperty("concepts").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!, c => SpannedText(text, c));
        Assert.Equal(["shipping"], concepts["delivery"]);
        Assert.Equal(["price", "too expensive"], concepts["price"]);
    }

    [Theory]
    [InlineData("I love Beta, it is wonderful!", "positive")]
    [InlineData("Beta is awful and I hate it", "negative")]
    [InlineData("Beta opens at nine", "neutral")]
    public async Task Scores_sentiment_with_its_label(string text, string label)
    {
        var sentiment = (await Analyze(Post("s", text)))[0].GetProperty("sentiment");

        Assert.Equal(label, sentiment.GetProperty("label").GetString());
        Assert.Equal(1.0, sentiment.GetProperty("pos").GetDouble() + sentiment.GetProperty("neu").GetDouble() + sentiment.GetProperty("neg").GetDouble(), 2);
    }

    [Fact]
    public async Task A_post_in_a_language_without_a_lexicon_is_unscored_not_neutral()
    {
        var sentiment = (await Analyze(Post("de", "Beta ist wunderbar", lang: "de")))[0].GetProperty("sentiment");

        Assert.Equal("unscored", sentiment.GetProperty("label").GetString());
    }

    [Fact]
    public async Task Analyzing_touches_no_aggregate()
    {
        var before = (await fixture.Engine.Http.GetJsonAsync("/api/brands/gamma/summary?window=24h")).GetProperty("mentions").GetInt64();

        await Analyze(Post("g1", "gamma gamma gamma"));

        Assert.Equal(before, (await fixture.Engine.Http.GetJsonAsync("/api/brands/gamma/summary?window=24h")).GetProperty("mentions").GetInt64());
    }

    [Fact]
    public async Task A_line_ingest_would_refuse_gets_the_same_error_in_its_place()
    {
        var ahead = DateTimeOffset.UtcNow.AddHours(2).ToString("O");
        byte[] body =
        [
            .. Encoding.UTF8.GetBytes("{\"id\":\"f1\",\"createdAt\":\"" + ahead + "\",\"text\":\"beta\"}\n"),
            .. Encoding.UTF8.GetBytes("{\"id\":\"f2\",\"createdAt\":\"" + Now + "\",\"text\":\"beta "), 0xFF, .. "\"}\n"u8,
            .. Encoding.UTF8.GetBytes(Post("f3", "beta") + "\n"),
            .. Encoding.UTF8.GetBytes(Post("f4", "beta " + new string('x', 1024 * 1024)) + "\n"),
        ];
        using var content = new ByteArrayContent(body);

        using var response = await fixture.Engine.Http.PostAsync(new Uri("/api/analyze", UriKind.Relative), content);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        var items = JsonDocument.Parse(text).RootElement.EnumerateArray().ToList();
        Assert.Contains("minutes ahead of the engine's clock", items[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("'text' holds text that is not valid Unicode", items[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("f3", items[2].GetProperty("id").GetString());
        Assert.Equal("the line is longer than 1 MiB and was not read", items[3].GetProperty("error").GetString());
    }

    private static string Post(string id, string text, string? lang = null) =>
        JsonSerializer.Serialize(lang is null
            ? new Dictionary<string, string> { ["id"] = id, ["createdAt"] = Now, ["text"] = text }
            : new Dictionary<string, string> { ["id"] = id, ["createdAt"] = Now, ["text"] = text, ["lang"] = lang });

    private async Task<List<JsonElement>> Analyze(params string[] lines)
    {
        using var content = new StringContent(string.Join("\n", lines) + "\n", Encoding.UTF8, "application/x-ndjson");
        using var response = await fixture.Engine.Http.PostAsync(new Uri("/api/analyze", UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    private static List<string> SpannedText(string text, JsonElement match) =>
        match.GetProperty("spans").EnumerateArray().Select(s => text[s[0].GetInt32()..s[1].GetInt32()]).ToList();
}
