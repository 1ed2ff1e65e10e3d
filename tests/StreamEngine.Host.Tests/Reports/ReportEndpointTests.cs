using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using StreamEngine.Domain.Model;

namespace StreamEngine.Host.Tests.Reports;

/// <summary>
/// GET /api/brands/{id}/report in its three forms: each must give the very figures the dashboard
/// endpoints give, the CSV must read back with an independent RFC 4180 reader, and the page must be
/// well-formed with its tables and charts, whatever the brand is called.
/// </summary>
public sealed class ReportEndpointTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    private static readonly string[] Breakdowns = ["gender", "age", "country", "network", "purchase", "language", "concept", "sentiment", "emotion", "intent"];

    private HttpClient Http => fixture.Engine.Http;

    [Theory]
    [InlineData("15m", "1m")]
    [InlineData("1h", "1m")]
    [InlineData("24h", "1h")]
    [InlineData("7d", "1h")]
    [InlineData("30d", "1h")]
    public async Task Json_report_gives_the_figures_of_the_dashboard_endpoints(string window, string step)
    {
        var report = await Http.GetJsonAsync($"/api/brands/alpha/report?window={window}");

        Assert.Equal("alpha", report.GetProperty("brand").GetString());
        Assert.Equal("Alpha", report.GetProperty("name").GetString());
        Assert.Equal(window, report.GetProperty("window").GetString());

        var summary = await Http.GetJsonAsync($"/api/brands/alpha/summary?window={window}");
        Assert.Equal(Figures(summary, "brand", "window", "asOf"), Figures(report.GetProperty("summary")));
        Assert.Equal(fixture.Sample.InWindow("alpha", window).Count(), report.GetProperty("summary").GetProperty("mentions").GetInt64());

        var influencers = await Http.GetJsonAsync($"/api/brands/alpha/influencers?window={window}&by=reach&limit=10");
        Assert.Equal(influencers.GetProperty("authors").GetRawText(), report.GetProperty("influencers").GetRawText());
        Assert.NotEqual(0, report.GetProperty("influencers").GetArrayLength());

        var series = report.GetProperty("timeseries");
        Assert.Equal(step, series.GetProperty("step").GetString());
        var endpointSeries = await Http.GetJsonAsync($"/api/brands/alpha/timeseries?window={window}&step={step}");
        Assert.Equal(WithMentions(endpointSeries.GetProperty("points")), WithMentions(series.GetProperty("points")));

        var segments = report.GetProperty("segments").EnumerateArray().ToList();
        Assert.Equal(Breakdowns, segments.Select(s => s.GetProperty("by").GetString()));
        foreach (var s in segments)
        {
            var by = s.GetProperty("by").GetString();
            var endpoint = await Http.GetJsonAsync($"/api/brands/alpha/segments?by={by}&window={window}");
            Assert.Equal((by, endpoint.GetProperty("mentions").GetInt64()), (by, s.GetProperty("mentions").GetInt64()));
            Assert.Equal((by, endpoint.GetProperty("segments").GetRawText()), (by, s.GetProperty("values").GetRawText()));
        }

        var compare = await Http.GetJsonAsync($"/api/brands/alpha/compare?window={window}");
        Assert.Equal(compare.GetProperty("brands").GetRawText(), report.GetProperty("competitors").GetRawText());

        // Every concept the breakdowns and gaps name by id has its name from the model, and no other.
        var named = segments.Where(s => s.GetProperty("by").GetString() is "concept" or "intent")
            .SelectMany(s => s.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("value").GetString()!))
            .Concat(report.GetProperty("competitors").EnumerateArray()
                .SelectMany(c => c.TryGetProperty("conceptGaps", out var gaps) ? gaps.EnumerateArray().Select(g => g.GetProperty("concept").GetString()!) : []))
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains("delivery", named);
        Assert.Equal(
            ModelNames.Where(n => named.Contains(n.Key)).OrderBy(n => n.Key, StringComparer.Ordinal),
            report.GetProperty("concepts").EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString()!)));

        var from = report.GetProperty("from").GetDateTimeOffset();
        var generated = report.GetProperty("generatedAt").GetDateTimeOffset();
        var length = window switch { "15m" => TimeSpan.FromMinutes(15), "1h" => TimeSpan.FromHours(1), "24h" => TimeSpan.FromDays(1), "7d" => TimeSpan.FromDays(7), _ => TimeSpan.FromDays(30) };
        // The window's first bucket: a whole minute (or hour) that holds the instant one window-length ago.
        var resolution = step == "1m" || window == "24h" ? TimeSpan.FromMinutes(1) : TimeSpan.FromHours(1);
        Assert.InRange(from, generated - length - TimeSpan.FromSeconds(5), generated - length + resolution);
        var alerts = await Http.GetJsonAsync($"/api/alerts?brand=alpha&since={Uri.EscapeDataString(from.ToString("O"))}");
        Assert.Equal(alerts.GetProperty("alerts").GetRawText(), report.GetProperty("alerts").GetRawText());
    }

    [Theory]
    [InlineData("1h")]
    [InlineData("7d")]
    public async Task Csv_report_reads_back_as_the_json_report(string window)
    {
        var json = await Http.GetJsonAsync($"/api/brands/alpha/report?window={window}");
        using var response = await Http.GetAsync(new Uri($"/api/brands/alpha/report?window={window}&format=csv", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"alpha-{window}-report.csv", response.Content.Headers.ContentDisposition?.FileName);

        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var records = Rfc4180.Parse(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 3, bytes.Length - 3));
        Assert.Equal(["section", "group", "key", "field", "value"], records[0]);
        Assert.All(records, r => Assert.Equal(5, r.Length));

        var csv = records.Skip(1).ToDictionary(r => (r[0], r[1], r[2], r[3]), r => r[4]);
        var expected = Flatten(json);

        // Two requests, two clocks: only the generation time and the series' empty edges may differ.
        var pointsWithMentions = expected.Where(e => e.Key.Section == "timeseries" && e.Key.Field == "mentions" && e.Value != "0").Select(e => e.Key.Key).ToHashSet();
        bool Compared((string Section, string Group, string Key, string Field) k) =>
            k.Field != "generatedAt" && (k.Section != "timeseries" || pointsWithMentions.Contains(k.Key));

        foreach (var (key, value) in expected.Where(e => Compared(e.Key)))
        {
            Assert.True(csv.TryGetValue(key, out var cell), $"the CSV has no row {key}");
            Assert.True(Same(value, cell), $"{key}: JSON {value}, CSV {cell}");
        }

        Assert.DoesNotContain(csv.Keys, k => Compared(k) && !expected.ContainsKey(k));
    }

    [Theory]
    [InlineData("15m")]
    [InlineData("24h")]
    [InlineData("30d")]
    public async Task Html_report_is_well_formed_with_the_figures_in_its_tables_and_charts(string window)
    {
        var json = await Http.GetJsonAsync($"/api/brands/alpha/report?window={window}");
        using var response = await Http.GetAsync(new Uri($"/api/brands/alpha/report?window={window}&format=html", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var html = await response.Content.ReadAsStringAsync();
        var page = ReportPage.Parse(html);

        // Self-contained: nothing to run, nothing to fetch.
        Assert.Empty(page.Document.Descendants(ReportPage.Xhtml + "script"));
        Assert.DoesNotContain(page.Document.Descendants().Attributes(), a => a.Name.LocalName is "src" or "href");
        Assert.Contains("@media print", page.Document.Descendants(ReportPage.Xhtml + "style").Single().Value, StringComparison.Ordinal);
        Assert.Contains("Alpha", page.Document.Descendants(ReportPage.Xhtml + "h1").Single().Value, StringComparison.Ordinal);

        var summary = json.GetProperty("summary");
        Assert.Equal(summary.GetProperty("mentions").GetInt64(), ReportPage.Count(page.ById("summary-mentions").Value));
        Assert.Equal(summary.GetProperty("reach").GetInt64(), ReportPage.Count(page.ById("summary-reach").Value));
        Assert.Equal(summary.GetProperty("engagement").GetInt64(), ReportPage.Count(page.ById("summary-engagement").Value));
        Assert.Equal(summary.GetProperty("uniqueAuthors").GetInt64(), ReportPage.Count(page.ById("summary-unique-authors").Value));
        Assert.Equal(summary.GetProperty("sentiment").GetProperty("netSentiment").GetDouble(), ReportPage.Number(page.ById("summary-net-sentiment").Value));
        Assert.Equal(summary.GetProperty("sentiment").GetProperty("meanCompound").GetDouble(), ReportPage.Number(page.ById("summary-mean-compound").Value));

        // The area chart draws one vertex per point of the series.
        var volume = page.ById("volume").Descendants(ReportPage.Svg + "svg").Single();
        var vertices = ((string)volume.Descendants(ReportPage.Svg + "polyline").Single().Attribute("points")!).Split(' ');
        Assert.Equal(json.GetProperty("timeseries").GetProperty("points").GetArrayLength(), vertices.Length);
        Assert.Single(volume.Descendants(ReportPage.Svg + "path"));

        var competitors = json.GetProperty("competitors").EnumerateArray().ToList();
        var shareOfVoice = page.ById("competition").Descendants(ReportPage.Svg + "svg").Single();
        Assert.Equal(competitors.Count, shareOfVoice.Descendants(ReportPage.Svg + "rect").Count());
        Assert.Equal(
            competitors.Select(c => (c.GetProperty("name").GetString(), c.GetProperty("mentions").GetInt64())),
            page.Rows("competitors").Select(r => ((string?)r[0], ReportPage.Count(r[1]))));

        foreach (var s in json.GetProperty("segments").EnumerateArray())
        {
            var by = s.GetProperty("by").GetString()!;
            var values = s.GetProperty("values").EnumerateArray().ToList();
            if (values.Count == 0)
            {
                Assert.False(page.Has($"segments-{by}"), $"an empty {by} breakdown has a table");
                continue;
            }

            // The page's percentages come from the counts, not from the share rounded to four places.
            // Concepts and intents under their names ("Delivery"), other values as they are.
            var total = s.GetProperty("mentions").GetInt64();
            string? Label(JsonElement v) => by is "concept" or "intent" ? ModelNames[v.GetProperty("value").GetString()!] : v.GetProperty("value").GetString();
            Assert.Equal(
                values.Select(v => (Label(v), v.GetProperty("mentions").GetInt64(), Percent(v.GetProperty("mentions").GetInt64() / (double)total))),
                page.Rows($"segments-{by}").Select(r => ((string?)r[0], ReportPage.Count(r[1]), r[2])));
            var bars = page.ById($"segment-{by}").Descendants(ReportPage.Svg + "rect").Count();
            Assert.Equal(Math.Min(10, values.Count), bars);
        }

        Assert.Contains("No alerts", page.ById("alerts").Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_brand_name_with_markup_is_text_in_every_form()
    {
        var json = await Http.GetJsonAsync("/api/brands/markup/report?window=1h");
        Assert.Equal(ReportFixture.MarkupName, json.GetProperty("name").GetString());
        Assert.Equal(3, json.GetProperty("summary").GetProperty("mentions").GetInt64());

        var html = await Http.GetStringAsync(new Uri("/api/brands/markup/report?window=1h&format=html", UriKind.Relative));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        var page = ReportPage.Parse(html);
        Assert.Empty(page.Document.Descendants(ReportPage.Xhtml + "script"));
        Assert.Contains(ReportFixture.MarkupName, page.Document.Descendants(ReportPage.Xhtml + "title").Single().Value, StringComparison.Ordinal);
        Assert.Contains(ReportFixture.MarkupName, page.Document.Descendants(ReportPage.Xhtml + "h1").Single().Value, StringComparison.Ordinal);
        Assert.Equal(ReportFixture.MarkupName, page.Rows("competitors")[0][0]);
        var barLabels = page.ById("competition").Descendants(ReportPage.Svg + "title").Select(t => t.Value);
        Assert.Contains(barLabels, t => t.StartsWith(ReportFixture.MarkupName, StringComparison.Ordinal));

        var csv = Rfc4180.Parse((await Http.GetStringAsync(new Uri("/api/brands/markup/report?window=1h&format=csv", UriKind.Relative))).TrimStart('\uFEFF'));
        Assert.Contains(csv, r => r is ["report", "", "", "name", ReportFixture.MarkupName]);
        Assert.Contains(csv, r => r is ["competitor", "", "markup", "name", ReportFixture.MarkupName]);
    }

    [Theory]
    [InlineData("/api/brands/alpha/report?window=2d", 400, "'window'", "15m, 1h, 24h, 7d, 30d")]
    [InlineData("/api/brands/alpha/report?format=pdf", 400, "'format'", "json, csv, html")]
    [InlineData("/api/brands/alpha/report?window=1h&format=", 400, "'format'", "json, csv, html")]
    [InlineData("/api/brands/nope/report", 404, "'nope'", "not in the model")]
    [InlineData("/api/brands/nope/report?format=html", 404, "'nope'", "not in the model")]
    public async Task Bad_parameters_and_unknown_brands_are_named(string path, int status, string named, string detail)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative));
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.Contains(detail, error, StringComparison.Ordinal);
    }

    private static string Figures(JsonElement figures, params string[] leaveOut) =>
        JsonSerializer.Serialize(figures.EnumerateObject().Where(p => !leaveOut.Contains(p.Name)).ToDictionary(p => p.Name, p => p.Value));

    /// <summary>A series slides with the clock; the points that carry mentions do not.</summary>
    private static List<string> WithMentions(JsonElement points) =>
        points.EnumerateArray().Where(p => p.GetProperty("mentions").GetInt64() > 0).Select(p => p.GetRawText()).ToList();

    private static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>Each concept's name in the fixture's model, by id.</summary>
    private static readonly Dictionary<string, string> ModelNames =
        ModelLoader.Parse(ReportFixture.ModelYaml, "model.yaml").Concepts.ToDictionary(c => c.Id, c => c.Name, StringComparer.Ordinal);

    /// <summary>The JSON report laid out as the README documents the CSV columns: section, group, key, field → value.</summary>
    private static Dictionary<(string Section, string Group, string Key, string Field), string> Flatten(JsonElement report)
    {
        var rows = new Dictionary<(string, string, string, string), string>();
        void Add(string section, string group, string key, JsonElement obj, string prefix = "")
        {
            foreach (var p in obj.EnumerateObject())
            {
                switch (p.Value.ValueKind)
                {
                    case JsonValueKind.Object:
                        Add(section, group, key, p.Value, prefix + p.Name + ".");
                        break;
                    case JsonValueKind.Array:
                        break;
                    default:
                        rows[(section, group, key, prefix + p.Name)] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
                        break;
                }
            }
        }

        foreach (var field in new[] { "brand", "name", "window", "from", "generatedAt" })
        {
            rows[("report", "", "", field)] = report.GetProperty(field).GetString()!;
        }

        Add("summary", "", "", report.GetProperty("summary"));
        var series = report.GetProperty("timeseries");
        foreach (var point in series.GetProperty("points").EnumerateArray())
        {
            var t = point.GetProperty("t").GetString()!;
            Add("timeseries", series.GetProperty("step").GetString()!, Utc(t), point);
            rows.Remove(("timeseries", series.GetProperty("step").GetString()!, Utc(t), "t"));
        }

        foreach (var breakdown in report.GetProperty("segments").EnumerateArray())
        {
            var by = breakdown.GetProperty("by").GetString()!;
            rows[("segment", by, "", "mentions")] = breakdown.GetProperty("mentions").GetRawText();
            foreach (var value in breakdown.GetProperty("values").EnumerateArray())
            {
                var name = value.GetProperty("value").GetString()!;
                Add("segment", by, name, value);
                rows.Remove(("segment", by, name, "value"));
            }
        }

        foreach (var c in report.GetProperty("competitors").EnumerateArray())
        {
            var brand = c.GetProperty("brand").GetString()!;
            Add("competitor", "", brand, c);
            rows.Remove(("competitor", "", brand, "brand"));
            if (c.TryGetProperty("conceptGaps", out var gaps))
            {
                foreach (var gap in gaps.EnumerateArray())
                {
                    var concept = gap.GetProperty("concept").GetString()!;
                    Add("concept-gap", brand, concept, gap);
                    rows.Remove(("concept-gap", brand, concept, "concept"));
                }
            }
        }

        foreach (var influencer in report.GetProperty("influencers").EnumerateArray())
        {
            var network = influencer.GetProperty("network").GetString()!;
            var author = influencer.GetProperty("author").GetString()!;
            Add("influencer", network, author, influencer);
            rows.Remove(("influencer", network, author, "author"));
        }

        foreach (var alert in report.GetProperty("alerts").EnumerateArray())
        {
            var id = alert.GetProperty("id").GetString()!;
            Add("alert", "", id, alert);
            rows.Remove(("alert", "", id, "id"));
            rows.Remove(("alert", "", id, "brand"));
            var rank = 0;
            foreach (var driver in alert.GetProperty("drivers").EnumerateArray())
            {
                Add("alert-driver", id, (++rank).ToString(CultureInfo.InvariantCulture), driver);
            }
        }

        foreach (var concept in report.GetProperty("concepts").EnumerateObject())
        {
            rows[("concept", "", concept.Name, "name")] = concept.Value.GetString()!;
        }

        return rows;
    }

    private static string Utc(string time) =>
        DateTimeOffset.Parse(time, CultureInfo.InvariantCulture).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The same number, text or instant, whichever way each form writes it.</summary>
    private static bool Same(string json, string csv) =>
        json == csv
        || (double.TryParse(json, NumberStyles.Float, CultureInfo.InvariantCulture, out var a) && double.TryParse(csv, NumberStyles.Float, CultureInfo.InvariantCulture, out var b) && a == b)
        || (DateTimeOffset.TryParse(json, CultureInfo.InvariantCulture, out var t) && DateTimeOffset.TryParse(csv, CultureInfo.InvariantCulture, out var u) && t == u);
}
