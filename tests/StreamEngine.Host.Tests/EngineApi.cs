using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace StreamEngine.Host.Tests;

/// <summary>Reads the engine's endpoints as a dashboard would, as raw JSON.</summary>
public static class EngineApi
{
    public static async Task<JsonElement> GetJsonAsync(this HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>GET <paramref name="path"/> must answer <paramref name="status"/> with an error naming <paramref name="named"/>.</summary>
    public static async Task AssertRefusedAsync(this HttpClient http, string path, int status, string named)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public static Task<(int Status, JsonElement Body)> PostNdjsonAsync(this HttpClient http, string ndjson) =>
        http.PostNdjsonAsync(Encoding.UTF8.GetBytes(ndjson));

    /// <summary>Posts the bytes as they are, so a body may hold bytes that are not UTF-8.</summary>
    public static async Task<(int Status, JsonElement Body)> PostNdjsonAsync(this HttpClient http, byte[] ndjson)
    {
        using var content = new ByteArrayContent(ndjson);
        content.Headers.ContentType = new("application/x-ndjson");
        using var response = await http.PostAsync(new Uri("/api/ingest", UriKind.Relative), content);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return ((int)response.StatusCode, body);
    }

    /// <summary>Every figure the dashboard endpoints give for the sample's brands, less what moves with the clock alone.</summary>
    public static async Task<string> AllFiguresAsync(this HttpClient http)
    {
        var all = new StringBuilder();
        foreach (var brand in SampleFirehose.Brands)
        {
            foreach (var window in SampleFirehose.Windows)
            {
                var summary = await http.GetJsonAsync($"/api/brands/{brand}/summary?window={window}");
                all.AppendLine(JsonSerializer.Serialize(summary.EnumerateObject().Where(p => p.Name != "asOf").ToDictionary(p => p.Name, p => p.Value)));
                foreach (var by in new[] { "network", "country", "gender", "age", "language", "purchase", "concept" })
                {
                    all.AppendLine((await http.GetJsonAsync($"/api/brands/{brand}/segments?by={by}&window={window}")).GetRawText());
                }
            }

            // A series slides with the clock; the points that carry mentions do not, so those are compared.
            foreach (var (window, step) in new[] { ("1h", "1m"), ("24h", "1h"), ("30d", "1h") })
            {
                var series = await http.GetJsonAsync($"/api/brands/{brand}/timeseries?window={window}&step={step}");
                foreach (var point in series.GetProperty("points").EnumerateArray().Where(p => p.GetProperty("mentions").GetInt64() > 0))
                {
                    all.AppendLine(point.GetRawText());
                }
            }
        }

        return all.ToString();
    }
}
