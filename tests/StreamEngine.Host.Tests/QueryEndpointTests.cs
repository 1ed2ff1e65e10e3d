using System.Text;
using System.Net;
using System.Text.Json;

namespace StreamEngine.Host.Tests;

/// <summary>What a dashboard gets for good and bad requests.</summary>
public sealed class QueryEndpointTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private HttpClient Http => fixture.Engine.Http;

    [Fact]
    public async Task Brands_lists_the_model_with_competitors()
    {
        var brands = await Http.GetJsonAsync("/api/brands");
        var alpha = brands.EnumerateArray().Single(b => b.GetProperty("id").GetString() == "alpha");
        Assert.Equal(3, brands.GetArrayLength());
        Assert.Equal("Alpha", alpha.GetProperty("name").GetString());
        Assert.Equal(["beta"], alpha.GetProperty("competitors").EnumerateArray().Select(c => c.GetString()));
    }

    [Theory]
    [InlineData("/api/brands/nope/summary", "nope")]
    [InlineData("/api/brands/nope/timeseries?window=1h", "nope")]
    [InlineData("/api/brands/nope/segments?by=country", "nope")]
    [InlineData("/api/brands/nope/compare", "nope")]
    [InlineData("/api/brands/nope/summary?windows=1h", "nope")]
    public async Task Unknown_brand_is_404_naming_it(string path, string brand)
    {
        var (status, error) = await GetError(path);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains($"'{brand}'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/brands/alpha/summary?window=2d", "'window'", "15m, 1h, 24h, 7d, 30d")]
    [InlineData("/api/brands/alpha/timeseries?window=7d&step=1m", "'step'", "1h")]
    [InlineData("/api/brands/alpha/timeseries?window=1h&step=5m", "'step'", "1m, 1h")]
    [InlineData("/api/brands/alpha/segments?window=1h", "'by'", "network, country, gender, age, language, purchase, concept, sentiment, emotion, intent")]
    [InlineData("/api/brands/alpha/segments?by=shoe&window=1h", "'by'", "network, country")]
    [InlineData("/api/brands/alpha/compare?window=3h", "'window'", "15m, 1h, 24h, 7d, 30d")]
    public async Task Bad_parameter_is_400_naming_it_and_the_allowed_values(string path, string parameter, string allowed)
    {
        var (status, error) = await GetError(path);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(parameter, error, StringComparison.Ordinal);
        Assert.Contains(allowed, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/brands/alpha/summary?windows=1h", "'windows'", "it reads window")]
    [InlineData("/api/brands/alpha/timeseries?window=1h&stpe=1m", "'stpe'", "it reads window, step")]
    [InlineData("/api/brands?limit=2", "'limit'", "it reads none")]
    [InlineData("/api/alerts?brands=alpha", "'brands'", "it reads brand, since, severity, limit, cursor")]
    [InlineData("/health/ready?verbose=1", "'verbose'", "it reads none")]
    [InlineData("/api/brands/alpha/summary?window=1h&=x", "a parameter without a name", "it reads window")]
    public async Task A_parameter_the_endpoint_does_not_read_is_400_naming_it_not_answered_for_the_default(string path, string parameter, string reads)
    {
        var (status, error) = await GetError(path);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(parameter, error, StringComparison.Ordinal);
        Assert.Contains(reads, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parameters_are_read_whatever_their_case_and_a_cache_buster_is_let_through()
    {
        var summary = await Http.GetJsonAsync("/api/brands/alpha/summary?Window=1h&_=1764428400000");
        Assert.Equal("1h", summary.GetProperty("window").GetString());
    }

    [Theory]
    [InlineData("/health/live", "application/json")]
    [InlineData("/api/brands/alpha/summary?window=1h", "application/json")]
    [InlineData("/api/brands/alpha/report?format=csv", "text/csv")]
    [InlineData("/metrics", "text/plain")]
    public async Task HEAD_answers_the_headers_of_GET_without_its_body(string path, string type)
    {
        // Read off the wire: an HTTP client reads no body after a HEAD, whatever the server sent.
        var address = Http.BaseAddress!;
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(address.Host, address.Port);
        using var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HEAD {path} HTTP/1.1\r\nHost: {address.Authority}\r\nConnection: close\r\n\r\n"));
        using var answer = new MemoryStream();
        await stream.CopyToAsync(answer);
        var text = Encoding.ASCII.GetString(answer.ToArray());

        Assert.StartsWith("HTTP/1.1 200 OK\r\n", text, StringComparison.Ordinal);
        Assert.Contains($"Content-Type: {type}", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/api/nope", HttpStatusCode.NotFound, "no endpoint at /api/nope")]
    [InlineData("DELETE", "/api/brands", HttpStatusCode.MethodNotAllowed, "DELETE is not an allowed method of /api/brands: it takes GET, HEAD")]
    [InlineData("POST", "/metrics", HttpStatusCode.MethodNotAllowed, "it takes GET, HEAD")]
    [InlineData("GET", "/api/ingest", HttpStatusCode.MethodNotAllowed, "it takes POST")]
    public async Task A_path_or_method_without_an_endpoint_answers_the_error_shape_of_every_other_error(string method, string path, HttpStatusCode expected, string message)
    {
        using var response = await Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)));
        Assert.Equal(expected, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_brand_without_mentions_reads_as_zeros()
    {
        var summary = await Http.GetJsonAsync("/api/brands/gamma/summary?window=15m");
        Assert.Equal(0, summary.GetProperty("mentions").GetInt64());
        var series = await Http.GetJsonAsync("/api/brands/gamma/timeseries?window=15m");
        Assert.Equal("1m", series.GetProperty("step").GetString());
        Assert.InRange(series.GetProperty("points").GetArrayLength(), 15, 16);
    }

    [Fact]
    public async Task Health_endpoints_answer_when_running()
    {
        Assert.Equal("live", (await Http.GetJsonAsync("/health/live")).GetProperty("status").GetString());
        Assert.Equal("ready", (await Http.GetJsonAsync("/health/ready")).GetProperty("status").GetString());

        // Ready means every brand has recovered, which the node says once they all answered.
        await Eventually.HoldsAsync(() => Task.FromResult(fixture.Engine.Output.Contains("All 3 brands recovered", StringComparison.Ordinal)), "the recovery log line");
    }

    [Fact]
    public async Task An_empty_body_is_accepted_as_nothing()
    {
        var (status, body) = await Http.PostNdjsonAsync("");
        Assert.Equal(200, status);
        Assert.Equal(0, body.GetProperty("accepted").GetInt32());
        Assert.Equal(0, body.GetProperty("rejected").GetInt32());
    }

    [Fact]
    public async Task Metrics_are_Prometheus_text_with_the_engine_series()
    {
        await Http.PostNdjsonAsync("{\"id\":\"m1\",\"createdAt\":\"" + DateTimeOffset.UtcNow.ToString("O") + "\",\"text\":\"beta\"}\nnot json\n");
        await Http.GetJsonAsync("/api/brands/beta/summary");
        using var response = await Http.GetAsync(new Uri("/metrics", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var samples = PrometheusText.Parse(text);
        Assert.True(samples["streamengine_posts_received_total"] >= 2);
        Assert.True(samples["streamengine_posts_rejected_total"] >= 1);
        Assert.True(samples["streamengine_posts_accepted_total"] >= 1);
        Assert.True(samples.ContainsKey("streamengine_posts_late_total"));
        Assert.True(samples["streamengine_brand_actors"] >= 1);
        Assert.True(samples["streamengine_query_duration_seconds_count{endpoint=\"summary\"}"] >= 1);
        Assert.True(samples["streamengine_stage_duration_seconds_count{stage=\"journal\"}"] >= 1);
    }

    [Fact]
    public async Task Metrics_carry_the_dotnet_meters_but_not_the_memory_pools_counts_per_block()
    {
        // prometheus-net starts relaying the .NET meters at the first scrape; the post's request
        // body is then rented from Kestrel's memory pool block by block.
        await ScrapeAsync();
        await Http.PostNdjsonAsync("{\"id\":\"m2\",\"createdAt\":\"" + DateTimeOffset.UtcNow.ToString("O") + "\",\"text\":\"beta\"}\n");
        var samples = PrometheusText.Parse(await ScrapeAsync());

        Assert.Contains(samples.Keys, k => k.StartsWith("microsoft_aspnetcore_hosting_http_server_request_duration", StringComparison.Ordinal));
        Assert.DoesNotContain(samples.Keys, k => k.StartsWith("microsoft_aspnetcore_memorypool_", StringComparison.Ordinal));
    }

    private async Task<string> ScrapeAsync()
    {
        using var response = await Http.GetAsync(new Uri("/metrics", UriKind.Relative));
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<(HttpStatusCode Status, string Error)> GetError(string path)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (response.StatusCode, body.GetProperty("error").GetString()!);
    }

    [Fact]
    public async Task A_resent_post_is_reported_as_duplicate_and_counted_once()
    {
        var line = "{\"id\":\"dup-1\",\"network\":\"reddit\",\"createdAt\":\"" + DateTimeOffset.UtcNow.AddMinutes(-3).ToString("O") + "\",\"text\":\"beta beta\"}\n";
        var before = (await Http.GetJsonAsync("/api/brands/beta/summary?window=1h")).GetProperty("mentions").GetInt64();

        var (_, first) = await Http.PostNdjsonAsync(line);
        var (_, again) = await Http.PostNdjsonAsync(line);

        Assert.Equal(0, first.GetProperty("duplicates").GetInt32());
        Assert.Equal(1, again.GetProperty("duplicates").GetInt32());
        Assert.Equal(before + 1, (await Http.GetJsonAsync("/api/brands/beta/summary?window=1h")).GetProperty("mentions").GetInt64());
    }

    [Fact]
    public async Task Text_that_is_not_valid_Unicode_is_refused_on_its_line_without_losing_its_neighbours()
    {
        var now = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O");
        var before = (await Http.GetJsonAsync("/api/brands/beta/summary?window=1h")).GetProperty("mentions").GetInt64();
        byte[] body =
        [
            .. Encoding.UTF8.GetBytes("{\"id\":\"u1\",\"createdAt\":\"" + now + "\",\"text\":\"beta good\"}\n"),
            .. Encoding.UTF8.GetBytes("{\"id\":\"u2\",\"createdAt\":\"" + now + "\",\"text\":\"beta bad "), 0xFF, .. "\"}\n"u8,
            .. Encoding.UTF8.GetBytes("{\"id\":\"u3\",\"createdAt\":\"" + now + "\",\"text\":\"beta lone \\ud800\"}\n"),
            .. Encoding.UTF8.GetBytes("{\"id\":\"u4\",\"createdAt\":\"" + now + "\",\"text\":\"beta good again\"}\n"),
        ];

        var (status, result) = await Http.PostNdjsonAsync(body);

        Assert.Equal(200, status);
        Assert.Equal(2, result.GetProperty("accepted").GetInt32());
        var errors = result.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal([2, 3], errors.Select(e => e.GetProperty("line").GetInt32()));
        Assert.All(errors, e => Assert.StartsWith("'text' holds text that is not valid Unicode", e.GetProperty("reason").GetString(), StringComparison.Ordinal));
        Assert.Equal(before + 2, (await Http.GetJsonAsync("/api/brands/beta/summary?window=1h")).GetProperty("mentions").GetInt64());
    }

    [Fact]
    public async Task A_line_too_long_to_read_is_refused_without_losing_its_neighbours()
    {
        var now = DateTimeOffset.UtcNow.ToString("O");
        var huge = "{\"id\":\"huge\",\"createdAt\":\"" + now + "\",\"text\":\"" + new string('a', 2 * 1024 * 1024) + "\"}";
        var body = "{\"id\":\"n1\",\"createdAt\":\"" + now + "\",\"text\":\"beta\"}\n" + huge + "\n{\"id\":\"n2\",\"createdAt\":\"" + now + "\",\"text\":\"beta\"}\n";

        var (status, result) = await Http.PostNdjsonAsync(body);

        Assert.Equal(200, status);
        Assert.Equal(2, result.GetProperty("accepted").GetInt32());
        var error = Assert.Single(result.GetProperty("errors").EnumerateArray());
        Assert.Equal(2, error.GetProperty("line").GetInt32());
        Assert.Contains("longer than", error.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concept_segments_carry_the_sentiment_around_each_concept()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-2).ToString("O");
        var (status, _) = await Http.PostNdjsonAsync(
            "{\"id\":\"aspect-1\",\"createdAt\":\"" + at + "\",\"text\":\"Beta: the price is great, but the shipping was terrible\"}\n");
        Assert.Equal(200, status);

        var concepts = (await Http.GetJsonAsync("/api/brands/beta/segments?by=concept&window=15m")).GetProperty("segments").EnumerateArray()
            .ToDictionary(c => c.GetProperty("value").GetString()!, c => c.GetProperty("sentiment"));

        Assert.True(concepts["price"].GetProperty("positive").GetInt64() >= 1);
        Assert.True(concepts["delivery"].GetProperty("negative").GetInt64() >= 1);
    }
}
