using System.Globalization;
using System.Xml.Linq;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Host.Api;
using StreamEngine.Host.Reports;
using static StreamEngine.Host.Api.BrandEndpoints;

namespace StreamEngine.Host.Tests.Reports;

/// <summary>The CSV and HTML writers on reports made up to hold what an engine would rarely produce.</summary>
public sealed class ReportFormTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 30, 0, TimeSpan.Zero);

    private static BrandReport Report(string name, string text, bool empty = false)
    {
        var sentiment = new SentimentResponse(3, 1, 4, 2, -0.12, -12.5);
        var points = Enumerable.Range(0, 60).Select(i => new PointResponse(Now.AddMinutes(i - 59), empty ? 0 : i % 7, 0, 0, 0, sentiment, 12.5)).ToList();
        var segments = BrandReport.Dimensions.Select(d => new ReportSegments(
            d.ToName(),
            empty ? 0 : 10,
            empty ? [] : [new SegmentResponse(text, 6, 0.6, new AspectResponse(1, 2, 3, -33.33)), new SegmentResponse("unknown", 4, 0.4)])).ToList();
        IReadOnlyList<CompetitorStandings.StandingResponse> competitors =
        [
            new("acme", name, 10, 62.5, 100, 20, 9, -12.5, null),
            new("globex", text, 6, 37.5, 50, 10, 6, 20, [new CompetitorStandings.GapResponse(text, 0.5, 0.1, 0.4)]),
        ];
        IReadOnlyList<AlertResponses.AlertResponse> alerts = empty ? [] :
        [
            new("acme:29400000:mentions:spike", "acme", Now.AddMinutes(-20), "volume", "mentions", "spike", "high", 300, 25, 11.2,
                [new AlertResponses.DriverResponse("concept", text, 290, 3, 0.95), new AlertResponses.DriverResponse("country", "DE", 280, 1, 0.9)]),
        ];
        return new BrandReport("acme", name, "1h", Now.AddMinutes(-59), Now,
            new ReportSummary(10, 100, 20, 9, sentiment, -40.5), new ReportTimeseries("1m", points), segments, competitors,
            empty ? [] : [new InfluenceEndpoints.InfluencerResponse(text, "x", 3, 1000, 5, -33.33)], alerts,
            new SortedDictionary<string, string>(StringComparer.Ordinal) { [text] = text });
    }

    [Fact]
    public void Csv_quotes_what_needs_quoting_and_keeps_a_formula_in_a_name_as_text()
    {
        const string formula = "=HYPERLINK(\"http://example.com\",\"a, b\")";
        const string awkward = "say \"hi\",\r\ntwice";

        var report = Report(formula, awkward) with { Concepts = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["delivery"] = formula } };
        var rows = Rfc4180.Parse(ReportCsv.Write(report));

        Assert.All(rows, r => Assert.Equal(5, r.Length));
        Assert.Contains(rows, r => r is ["report", "", "", "name", _] && r[4] == "'" + formula);
        Assert.Contains(rows, r => r is ["segment", "gender", _, "mentions", "6"] && r[2] == awkward);
        Assert.Contains(rows, r => r is ["concept-gap", "globex", _, "difference", "0.4"] && r[2] == awkward);
        Assert.Contains(rows, r => r is ["alert-driver", "acme:29400000:mentions:spike", "1", "value", _] && r[4] == awkward);
        Assert.Contains(rows, r => r is ["concept", "", "delivery", "name", _] && r[4] == "'" + formula);

        // Figures are never guarded: a negative one stays a number.
        Assert.Contains(rows, r => r is ["summary", "", "", "sentiment.netSentiment", "-12.5"]);
        Assert.Contains(rows, r => r is ["segment", "gender", _, "sentiment.netSentiment", "-33.33"]);
    }

    [Fact]
    public void Concepts_that_share_a_name_are_told_apart_by_their_ids_on_the_page()
    {
        var report = Report("Acme", "shipping") with
        {
            Concepts = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["delivery"] = "Delivery", ["shipping"] = "delivery", ["price"] = "Price" },
        };

        var page = ReportPage.Parse(ReportHtml.Write(report));

        Assert.Equal("delivery (shipping)", page.Rows("segments-concept")[0][0]);
        Assert.Equal("Delivery (delivery)", report.ConceptName("delivery"));
        Assert.Equal("Price", report.ConceptName("price"));
        Assert.Equal("gone", report.ConceptName("gone"));
    }

    [Fact]
    public void Concepts_read_under_their_names_where_the_page_names_them_and_other_values_as_they_are()
    {
        var report = Report("Acme", "customer-service") with
        {
            Concepts = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["customer-service"] = "Customer service" },
        };

        var page = ReportPage.Parse(ReportHtml.Write(report));
        var rows = Rfc4180.Parse(ReportCsv.Write(report));

        Assert.Equal("Customer service", page.Rows("segments-concept")[0][0]);
        Assert.Equal("Customer service", page.Rows("segments-intent")[0][0]);
        Assert.Equal("Customer service", page.Rows("concept-gaps").Single()[1]);
        Assert.StartsWith("concept Customer service", page.Rows("alerts-table").Single()[^1], StringComparison.Ordinal);
        Assert.Equal("customer-service", page.Rows("segments-country")[0][0]);
        Assert.Contains(page.Document.Descendants(ReportPage.Svg + "title"), t => t.Value.StartsWith("Customer service:", StringComparison.Ordinal));
        Assert.Contains(rows, r => r is ["concept", "", "customer-service", "name", "Customer service"]);
        Assert.Contains(rows, r => r is ["segment", "concept", "customer-service", "mentions", "6"]);
    }

    [Fact]
    public void Html_gives_shares_of_voice_and_gaps_as_the_endpoints_round_them()
    {
        // 23.95 is 23.9485 % rounded: to one place from there it read 24.0, and 0.0535 read 5.4 %.
        var report = Report("Acme", "delivery") with
        {
            Competitors =
            [
                new("acme", "Acme", 9_270, 23.95, 100, 20, 9, -12.5, null),
                new("globex", "Globex", 29_438, 76.05, 50, 10, 6, 20, [new CompetitorStandings.GapResponse("delivery", 0.0535, 0.0626, -0.0091)]),
            ],
        };

        var page = ReportPage.Parse(ReportHtml.Write(report));

        Assert.Equal(["23.95%", "76.05%"], page.Rows("competitors").Select(r => r[2]));
        Assert.Equal(["5.35%", "6.26%", "-0.91 pt"], page.Rows("concept-gaps").Single()[2..]);
        Assert.Contains(page.Document.Descendants(ReportPage.Svg + "title"), t => t.Value == "Acme: 23.95%");
    }

    [Fact]
    public void Html_encodes_every_text_that_comes_from_the_model_or_the_posts()
    {
        const string name = "</title><b>Acme</b> & \"Co\" 'Ltd' 🚀";
        const string text = "<i onclick=\"x()\">delivery</i> & Ünïcode";

        var html = ReportHtml.Write(Report(name, text));
        var page = ReportPage.Parse(html);

        Assert.Empty(page.Document.Descendants(ReportPage.Xhtml + "b"));
        Assert.Empty(page.Document.Descendants(ReportPage.Xhtml + "i"));
        Assert.DoesNotContain(page.Document.Descendants().Attributes(), a => a.Name.LocalName == "onclick");
        Assert.Contains(name, page.Document.Descendants(ReportPage.Xhtml + "title").Single().Value, StringComparison.Ordinal);
        Assert.Equal([name, text], page.Rows("competitors").Select(r => r[0]));
        Assert.Equal(text, page.Rows("concept-gaps").Single()[1]);
        Assert.Equal(text, page.Rows("segments-concept")[0][0]);
        Assert.Contains(text, page.Rows("alerts-table").Single()[^1], StringComparison.Ordinal);
        Assert.Equal(text, page.Rows("influencers-table").Single()[0]);
        Assert.Contains(page.Document.Descendants(ReportPage.Svg + "title"), t => t.Value.StartsWith(text + ":", StringComparison.Ordinal));
        Assert.Contains(page.Document.Descendants(ReportPage.Svg + "text"), t => t.Value == text[..23] + "…");
    }

    [Fact]
    public void Html_stays_well_formed_when_a_text_holds_control_characters()
    {
        const string text = "x/@a\u0001b\u001Fc\tend\uFFFF";

        var page = ReportPage.Parse(ReportHtml.Write(Report("Acme", text)));

        Assert.Equal("x/@a\uFFFDb\uFFFDc\tend\uFFFD", page.Rows("influencers-table").Single()[0]);
    }

    [Theory]
    [InlineData(25, "HH:mm")]
    [InlineData(24 * 7 + 1, "d MMM")]
    public void A_day_of_hours_is_labelled_with_hours_and_a_week_with_dates(int hours, string format)
    {
        // Hourly points start on the hour, as the timeseries gives them.
        var day = Report("Acme", "x") with
        {
            Window = "24h",
            Timeseries = new ReportTimeseries("1h", Enumerable.Range(0, hours)
                .Select(i => new PointResponse(Now.AddMinutes(-30).AddHours(i - hours + 1), i, 0, 0, 0, new SentimentResponse(0, 0, 0, 0, 0, 0), 0)).ToList()),
        };

        var labels = ReportPage.Parse(ReportHtml.Write(day)).ById("volume").Descendants(ReportPage.Svg + "text")
            .Select(t => t.Value).Where(v => !v.All(char.IsAsciiDigit)).ToList();

        Assert.NotEmpty(labels);
        Assert.All(labels, l => Assert.True(
            DateTime.TryParseExact(l, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out _), $"'{l}' is not {format}"));
    }

    [Theory]
    [InlineData(24 * 7 + 1)]
    [InlineData(24 * 30 + 1)]
    public void A_date_stands_under_its_midnight_when_the_series_starts_within_a_day(int hours)
    {
        var start = new DateTimeOffset(2026, 10, 22, 13, 0, 0, TimeSpan.Zero);
        var points = Enumerable.Range(0, hours)
            .Select(i => new PointResponse(start.AddHours(i), i, 0, 0, 0, new SentimentResponse(0, 0, 0, 0, 0, 0), 0)).ToList();
        var report = Report("Acme", "x") with { Window = "7d", Timeseries = new ReportTimeseries("1h", points) };

        var chart = ReportPage.Parse(ReportHtml.Write(report)).ById("volume");
        var vertices = ((string)chart.Descendants(ReportPage.Svg + "polyline").Single().Attribute("points")!)
            .Split(' ').Select(v => v.Split(',')[0]).ToList();
        var dates = chart.Descendants(ReportPage.Svg + "text").Where(t => !t.Value.All(char.IsAsciiDigit)).ToList();

        Assert.InRange(dates.Count, 5, 8);
        Assert.All(dates, label =>
        {
            var day = DateTime.ParseExact(label.Value + " 2026", "d MMM yyyy", CultureInfo.InvariantCulture);
            var midnight = points.FindIndex(p => p.T.UtcDateTime == day);
            Assert.True(midnight >= 0, $"'{label.Value}' names no midnight of the series");
            Assert.Equal(vertices[midnight], (string)label.Attribute("x")!);
        });
    }

    [Theory]
    [InlineData("1m", 16, 1, "5", 3)]        // 15 minutes: labelled 13:12, 13:14, 13:17, 13:19 ... before
    [InlineData("1m", 61, 1, "10", 5)]
    [InlineData("1h", 25, 60, "240", 5)]
    public void Times_are_labelled_on_round_steps_evenly(string stepName, int count, int minutesApart, string everyMinutes, int atLeast)
    {
        // Minute series start at any minute; hour series on the hour, as their buckets do.
        var start = new DateTimeOffset(2026, 11, 29, 13, minutesApart == 60 ? 0 : 11, 0, TimeSpan.Zero);
        var points = Enumerable.Range(0, count)
            .Select(i => new PointResponse(start.AddMinutes(i * minutesApart), i, 0, 0, 0, new SentimentResponse(0, 0, 0, 0, 0, 0), 0)).ToList();
        var report = Report("Acme", "x") with { Timeseries = new ReportTimeseries(stepName, points) };

        var labels = ReportPage.Parse(ReportHtml.Write(report)).ById("volume").Descendants(ReportPage.Svg + "text")
            .Select(t => t.Value).Where(v => v.Contains(':', StringComparison.Ordinal))
            .Select(v => TimeSpan.ParseExact(v, @"hh\:mm", CultureInfo.InvariantCulture)).ToList();

        var every = int.Parse(everyMinutes, CultureInfo.InvariantCulture);
        Assert.InRange(labels.Count, atLeast, 7);
        Assert.All(labels, l => Assert.Equal(0, (int)l.TotalMinutes % every));
        // Evenly: the same gap between neighbours, across midnight too.
        Assert.Single(labels.Zip(labels.Skip(1), (a, b) => (b - a + TimeSpan.FromDays(1)).Ticks % TimeSpan.TicksPerDay).Distinct());
    }

    [Fact]
    public void A_report_without_mentions_still_draws_its_axes_and_says_what_is_empty()
    {
        var page = ReportPage.Parse(ReportHtml.Write(Report("Acme", "x", empty: true)));

        Assert.Equal(60, ((string)page.ById("volume").Descendants(ReportPage.Svg + "polyline").Single().Attribute("points")!).Split(' ').Length);
        Assert.Contains("No mentions", page.ById("segment-gender").Value, StringComparison.Ordinal);
        Assert.False(page.Has("segments-gender"));
        Assert.Contains("No alerts", page.ById("alerts").Value, StringComparison.Ordinal);
        Assert.Contains("No authors", page.ById("influencers").Value, StringComparison.Ordinal);
    }
}
