using System.Net;
using System.Text;
using System.Text.Json;

namespace StreamEngine.Host.Tests;

/// <summary>The model at run time: validated, swapped in live without losing figures, saved for the next start.</summary>
public sealed class ModelEndpointTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private const string BadModel = "brands:\n  - id: acme\n    query: 'acme OR'\n  - id: globex\n    query: globex\n    competitors: [nobody]\n";

    private HttpClient Http => fixture.Engine.Http;

    [Fact]
    public async Task Validate_reports_every_error_with_line_and_column_and_applies_nothing()
    {
        var (status, body) = await Send(HttpMethod.Post, "/api/model/validate", BadModel);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.False(body.GetProperty("valid").GetBoolean());
        var errors = body.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(2, errors.Count);
        Assert.Equal(3, errors[0].GetProperty("line").GetInt32());
        Assert.Contains("OR", errors[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(6, errors[1].GetProperty("line").GetInt32());
        Assert.Contains("nobody", errors[1].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("acme", (await Http.GetJsonAsync("/api/brands")).EnumerateArray().Select(b => b.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Validate_accepts_json_and_gives_the_cost_of_each_query()
    {
        var json = """{"brands":[{"id":"acme","query":"acme OR \"acme corp\" OR #acme","concepts":[{"id":"anvils","query":"anvil OR anvils"}]}],"concepts":[{"id":"price","query":"price"}]}""";

        var (status, body) = await Send(HttpMethod.Post, "/api/model/validate", json);

        Assert.Equal(HttpStatusCode.OK, status);
        var costs = body.GetProperty("costs").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);
        Assert.Equal(3, costs["acme"].GetProperty("literals").GetInt32());
        Assert.Equal(1, costs["price"].GetProperty("literals").GetInt32());
        Assert.Equal(2, costs["anvils"].GetProperty("literals").GetInt32());
        Assert.Equal("acme", costs["anvils"].GetProperty("brand").GetString());
        Assert.False(costs["price"].TryGetProperty("brand", out _));
    }

    [Fact]
    public async Task A_model_swapped_in_live_keeps_the_figures_of_brands_that_stay_and_is_saved()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O");
        await Http.PostNdjsonAsync("{\"id\":\"live-1\",\"createdAt\":\"" + at + "\",\"text\":\"alpha rocks\"}\n");
        var before = (await Http.GetJsonAsync("/api/brands/alpha/summary?window=15m")).GetProperty("mentions").GetInt64();
        var next = SampleFirehose.ModelYaml + "\n  - id: delta\n    name: Delta\n    query: 'delta'\n";

        var (refused, _) = await Send(HttpMethod.Put, "/api/model", BadModel);
        var (status, body) = await Send(HttpMethod.Put, "/api/model", next);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(4, body.GetProperty("brands").GetInt32());
        Assert.Equal(before, (await Http.GetJsonAsync("/api/brands/alpha/summary?window=15m")).GetProperty("mentions").GetInt64());
        var (ingest, result) = await Http.PostNdjsonAsync("{\"id\":\"live-2\",\"createdAt\":\"" + at + "\",\"text\":\"delta is new\"}\n");
        Assert.Equal(200, ingest);
        Assert.Equal(0, result.GetProperty("unmatched").GetInt32());
        Assert.Equal(1, (await Http.GetJsonAsync("/api/brands/delta/summary?window=15m")).GetProperty("mentions").GetInt64());
        Assert.Contains("id: delta", await File.ReadAllTextAsync(fixture.ModelPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_brand_a_swap_adds_starts_before_any_post_or_query_names_it()
    {
        // Its actor watches its minutes from the swap on, as a brand of the model at start-up does.
        var before = await BrandActorsAsync();

        var (status, _) = await Send(HttpMethod.Put, "/api/model", SampleFirehose.ModelYaml + "\n  - id: omega\n    name: Omega\n    query: 'omega'\n");

        Assert.Equal(HttpStatusCode.OK, status);
        await Eventually.HoldsAsync(async () => await BrandActorsAsync() == before + 1, "the added brand's actor running");
    }

    private async Task<double> BrandActorsAsync()
    {
        using var response = await Http.GetAsync(new Uri("/metrics", UriKind.Relative));
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync())["streamengine_brand_actors"];
    }

    [Fact]
    public async Task Swaps_sent_at_once_leave_in_force_the_model_saved_on_file()
    {
        for (var round = 0; round < 5; round++)
        {
            var swaps = Enumerable.Range(0, 8).Select(i =>
                Send(HttpMethod.Put, "/api/model", SampleFirehose.ModelYaml + $"\n  - id: swap-{round}-{i}\n    name: Swap\n    query: 'swap{i}'\n"));
            Assert.All(await Task.WhenAll(swaps), answer => Assert.Equal(HttpStatusCode.OK, answer.Status));

            var inForce = (await Http.GetJsonAsync("/api/brands")).EnumerateArray()
                .Select(b => b.GetProperty("id").GetString()!).Single(id => id.StartsWith("swap-", StringComparison.Ordinal));
            Assert.Contains($"id: {inForce}\n", await File.ReadAllTextAsync(fixture.ModelPath), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Put, "/api/model", SampleFirehose.ModelYaml)).Status);
    }

    [Fact]
    public async Task A_model_that_cannot_be_saved_is_not_swapped_in_and_the_answer_says_why()
    {
        // A directory where the model is written before it is renamed over the file: the save fails.
        var blocker = fixture.ModelPath + ".new";
        Directory.CreateDirectory(blocker);
        try
        {
            var next = SampleFirehose.ModelYaml + "\n  - id: epsilon\n    name: Epsilon\n    query: 'epsilon'\n";

            var (status, body) = await Send(HttpMethod.Put, "/api/model", next);

            Assert.Equal(HttpStatusCode.InternalServerError, status);
            Assert.Contains("could not be saved", body.GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain("epsilon", (await Http.GetJsonAsync("/api/brands")).EnumerateArray().Select(b => b.GetProperty("id").GetString()));
        }
        finally
        {
            Directory.Delete(blocker);
        }
    }

    [Fact]
    public async Task A_model_that_is_not_UTF_8_is_refused_where_the_bad_byte_is()
    {
        byte[] model = [.. "brands:\n  - id: acme\n    query: ac"u8, 0xFF, .. "me\n"u8];
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/model/validate", UriKind.Relative)) { Content = new ByteArrayContent(model) };

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateArray().Single();
        Assert.Equal((3, 14), (error.GetProperty("line").GetInt32(), error.GetProperty("column").GetInt32()));
        Assert.Equal("the model is not valid UTF-8: byte 0xFF here", error.GetProperty("message").GetString());
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> Send(HttpMethod method, string path, string model)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = new StringContent(model, Encoding.UTF8, "application/yaml") };
        using var response = await Http.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }
}
