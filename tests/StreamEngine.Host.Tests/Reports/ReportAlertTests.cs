using System.Text.Json;

namespace StreamEngine.Host.Tests.Reports;

/// <summary>A competitor's crisis, planted as in the alert tests, must be in the report's alerts, with its drivers, in every form.</summary>
public sealed class ReportAlertTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_crisis_is_in_the_report_with_its_drivers_in_every_form()
    {
        var firehose = new CrisisFirehose(DateTimeOffset.UtcNow);
        await using var engine = await CrisisFirehose.StartEngineAsync(_dir.Path);
        await firehose.PostToAsync(engine);

        // An alert is kept once its own journal write lands, just after the batch that raised it:
        // wait until the report and the alerts endpoint agree on a list holding the crisis.
        var report = default(JsonElement);
        await Eventually.HoldsAsync(async () =>
        {
            report = await engine.Http.GetJsonAsync("/api/brands/beta/report?window=24h");
            var since = Uri.EscapeDataString(report.GetProperty("from").GetDateTimeOffset().ToString("O"));
            var listed = await engine.Http.GetJsonAsync($"/api/alerts?brand=beta&since={since}");
            return listed.GetProperty("alerts").GetRawText() == report.GetProperty("alerts").GetRawText()
                && report.GetProperty("alerts").EnumerateArray().Any(a => a.GetProperty("metric").GetString() == "mentions");
        }, "the crisis alert in the report as in /api/alerts");

        var alerts = report.GetProperty("alerts").EnumerateArray().ToList();
        var spike = alerts.Single(a => a.GetProperty("metric").GetString() == "mentions");
        var id = spike.GetProperty("id").GetString()!;
        Assert.Equal(firehose.CrisisStart, spike.GetProperty("minute").GetDateTimeOffset());

        var page = ReportPage.Parse(await engine.Http.GetStringAsync(new Uri("/api/brands/beta/report?window=24h&format=html", UriKind.Relative)));
        Assert.Equal(alerts.Count, page.Rows("alerts-table").Count);
        var row = page.ById("alert-" + id.Replace(':', '.')).Elements(ReportPage.Xhtml + "td").Select(td => td.Value).ToList();
        Assert.Equal(["mentions", "spike"], row[1..3]);
        Assert.Contains("concept Delivery", row[^1], StringComparison.Ordinal);
        Assert.Contains("country DE", row[^1], StringComparison.Ordinal);

        var csv = Rfc4180.Parse((await engine.Http.GetStringAsync(new Uri("/api/brands/beta/report?window=24h&format=csv", UriKind.Relative))).TrimStart('\uFEFF'));
        Assert.Equal(alerts.Count, csv.Count(r => r is ["alert", "", _, "metric", _]));
        Assert.Contains(csv, r => r is ["alert", "", _, "metric", "mentions"] && r[2] == id);
        var drivers = csv.Where(r => r[0] == "alert-driver" && r[1] == id).GroupBy(r => r[2]).Select(g => g.ToDictionary(r => r[3], r => r[4])).ToList();
        Assert.Equal(spike.GetProperty("drivers").GetArrayLength(), drivers.Count);
        Assert.Contains(drivers, d => d["dimension"] == "concept" && d["value"] == "delivery");
        Assert.Contains(drivers, d => d["dimension"] == "country" && d["value"] == "DE");
        Assert.Contains(csv, r => r is ["concept", "", "delivery", "name", "Delivery"]);
    }

    public void Dispose() => _dir.Dispose();
}
