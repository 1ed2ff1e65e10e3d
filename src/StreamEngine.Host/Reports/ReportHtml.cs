using System.Globalization;
using System.Text;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Host.Api;
using static StreamEngine.Host.Reports.HtmlText;

namespace StreamEngine.Host.Reports;

/// <summary>
/// A report as one printable page: no script, no external asset, charts drawn as inline SVG. The
/// markup is also well-formed XML (every element closed, attributes quoted, only XML's entities),
/// so it can be checked, transformed or turned into PDF by XML tools.
/// </summary>
internal static class ReportHtml
{
    /// <summary>Bars per breakdown chart; the table below it lists every value.</summary>
    private const int BarsPerChart = 10;

    private static readonly Dictionary<string, string> Headings = new(StringComparer.Ordinal)
    {
        ["gender"] = "Gender",
        ["age"] = "Age",
        ["country"] = "Country",
        ["network"] = "Network",
        ["purchase"] = "Purchase month",
        ["language"] = "Language",
        ["concept"] = "Concepts",
        ["sentiment"] = "Sentiment",
        ["emotion"] = "Emotions",
        ["intent"] = "Intents",
    };

    public static string Write(BrandReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
            .Append("<title>").Append(Encode(report.Name)).Append(" \u2014 ").Append(Encode(report.Window)).Append(" report</title>\n")
            .Append("<style>").Append(ReportStyle.Css).Append("</style>\n</head>\n<body>\n");

        Header(html, report);
        Summary(html, report);
        Volume(html, report);
        Competitors(html, report);
        Segments(html, report);
        Influencers(html, report);
        Alerts(html, report);

        html.Append("<footer><p>Net sentiment is (positive \u2212 negative) / scored \u00d7 100; posts in a language without a lexicon are unscored. An influencer\u2019s net sentiment is over all of the author\u2019s mentions, unscored ones included. ")
            .Append("Share of voice is a brand\u2019s part of its competitor set\u2019s mentions. Times are UTC.</p></footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Header(StringBuilder html, BrandReport r) =>
        html.Append("<header>\n<h1>").Append(Encode(r.Name)).Append(" <span class=\"muted\">(").Append(Encode(r.Brand)).Append(")</span></h1>\n")
            .Append("<p>Window <strong>").Append(Encode(r.Window)).Append("</strong>: ")
            .Append(Time(r.From)).Append(" to ").Append(Time(r.GeneratedAt)).Append(" UTC. ")
            .Append("<span class=\"muted\">Generated <time datetime=\"").Append(r.GeneratedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)).Append("\">")
            .Append(Time(r.GeneratedAt)).Append(" UTC</time>.</span></p>\n</header>\n");

    private static void Summary(StringBuilder html, BrandReport r)
    {
        var s = r.Summary;
        html.Append("<section id=\"summary\">\n<h2>Summary</h2>\n<dl class=\"figures\">\n");
        Figure(html, "mentions", "Mentions", Count(s.Mentions));
        Figure(html, "reach", "Reach", Count(s.Reach));
        Figure(html, "engagement", "Engagement", Count(s.Engagement));
        Figure(html, "unique-authors", "Unique authors", Count(s.UniqueAuthors));
        Figure(html, "net-sentiment", "Net sentiment", Signed(s.Sentiment.NetSentiment));
        Figure(html, "mean-compound", "Mean compound", s.Sentiment.MeanCompound.ToString("+0.0000;-0.0000;0", CultureInfo.InvariantCulture));
        Figure(html, "positive", "Positive", Count(s.Sentiment.Positive));
        Figure(html, "neutral", "Neutral", Count(s.Sentiment.Neutral));
        Figure(html, "negative", "Negative", Count(s.Sentiment.Negative));
        Figure(html, "unscored", "Unscored", Count(s.Sentiment.Unscored));
        Figure(html, "reputation", "Reputation index", Signed(s.Reputation));
        html.Append("</dl>\n</section>\n");
    }

    private static void Figure(StringBuilder html, string id, string label, string value) =>
        html.Append("<div><dt>").Append(label).Append("</dt><dd id=\"summary-").Append(id).Append("\">").Append(value).Append("</dd></div>\n");

    private static void Volume(StringBuilder html, BrandReport r)
    {
        var minutes = r.Timeseries.Step == "1m";
        var per = minutes ? "minute" : "hour";
        // A day's hourly series has 25 points (it starts inside an hour): its labels are hours, not dates.
        var points = r.Timeseries.Points;
        var days = !minutes && points.Count > 0 && points[^1].T - points[0].T > TimeSpan.FromDays(1);
        html.Append("<section id=\"volume\">\n<h2>Mentions over time</h2>\n<figure>");
        SvgCharts.Area(
            html, $"Mentions per {per}, UTC", r.Timeseries.Points.Select(p => (p.T, p.Mentions)).ToList(),
            days ? "d MMM" : "HH:mm", days ? t => t.UtcDateTime.TimeOfDay == TimeSpan.Zero : points.Count < 2 ? null : RoundTimes(points[^1].T - points[0].T, minutes));
        html.Append("<figcaption>Mentions per ").Append(per).Append(", UTC.</figcaption></figure>\n</section>\n");
    }

    /// <summary>
    /// Which times of a minute or hour series to label: those on a round step (every 2, 5, 10, 15 or
    /// 30 minutes, or every 2, 3, 4, 6 or 12 hours) that leaves six labels or fewer, so they stand
    /// evenly under times a reader expects (13:15, 13:20, not 13:12, 13:14, 13:17).
    /// </summary>
    private static Func<DateTimeOffset, bool> RoundTimes(TimeSpan span, bool minutes)
    {
        int[] steps = minutes ? [1, 2, 5, 10, 15, 30, 60, 120] : [60, 120, 180, 240, 360, 720, 1440];
        var step = steps.FirstOrDefault(s => span.TotalMinutes / s <= 6, steps[^1]);
        return t => ((int)t.UtcDateTime.TimeOfDay.TotalMinutes % step) == 0;
    }

    private static void Competitors(StringBuilder html, BrandReport r)
    {
        html.Append("<section id=\"competition\">\n<h2>Competitors</h2>\n<figure class=\"chart\">");
        // Shares of voice and gaps as the endpoints give them, to two places: written to one, from a
        // figure already rounded to two, 23.9485 % read 24.0.
        SvgCharts.Bars(html, "Share of voice", r.Competitors.Select(c => new SvgCharts.Bar(c.Name, c.ShareOfVoice, PercentToHundredths(c.ShareOfVoice), c.Brand == r.Brand)).ToList());
        html.Append("<figcaption>Share of voice in the competitor set.</figcaption></figure>\n")
            .Append("<table id=\"competitors\">\n<thead><tr><th>Brand</th><th class=\"n\">Mentions</th><th class=\"n\">Share of voice</th>")
            .Append("<th class=\"n\">Reach</th><th class=\"n\">Engagement</th><th class=\"n\">Unique authors</th><th class=\"n\">Net sentiment</th></tr></thead>\n<tbody>\n");
        foreach (var c in r.Competitors)
        {
            html.Append("<tr data-brand=\"").Append(Encode(c.Brand)).Append("\"><td>").Append(Encode(c.Name)).Append("</td>");
            Cells(html, Count(c.Mentions), PercentToHundredths(c.ShareOfVoice), Count(c.Reach), Count(c.Engagement), Count(c.UniqueAuthors), Signed(c.NetSentiment));
            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        var gaps = r.Competitors.SelectMany(c => (c.ConceptGaps ?? []).Select(g => (Competitor: c, Gap: g))).ToList();
        if (gaps.Count > 0)
        {
            html.Append("<h3>Concept gaps</h3>\n<p class=\"muted\">The concepts whose share of each brand\u2019s mentions differs most; a positive difference weighs more for ")
                .Append(Encode(r.Name)).Append(".</p>\n<table id=\"concept-gaps\">\n<thead><tr><th>Competitor</th><th>Concept</th><th class=\"n\">")
                .Append(Encode(r.Name)).Append("</th><th class=\"n\">Competitor</th><th class=\"n\">Difference</th></tr></thead>\n<tbody>\n");
            foreach (var (c, g) in gaps)
            {
                html.Append("<tr><td>").Append(Encode(c.Name)).Append("</td><td>").Append(Encode(r.ConceptName(g.Concept))).Append("</td>");
                Cells(html, PercentToHundredths(g.BrandShare * 100), PercentToHundredths(g.CompetitorShare * 100), PointsToHundredths(g.Difference * 100));
                html.Append("</tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        html.Append("</section>\n");
    }

    private static void Segments(StringBuilder html, BrandReport r)
    {
        html.Append("<section id=\"segments\">\n<h2>Segments</h2>\n<p class=\"muted\">Shares are of the brand\u2019s mentions; concepts, emotions and intents can overlap, so theirs need not add up to 100%.</p>\n");
        foreach (var s in r.Segments)
        {
            var heading = Headings.GetValueOrDefault(s.By, s.By);
            html.Append("<section class=\"segment\" id=\"segment-").Append(Encode(s.By)).Append("\">\n<h3>").Append(Encode(heading)).Append("</h3>\n");
            if (s.Values.Count == 0)
            {
                html.Append("<p class=\"muted\">No mentions in this window.</p>\n</section>\n");
                continue;
            }

            html.Append("<figure class=\"chart\">");
            // Percentages from the counts, not from the share already rounded to four places: 8 of 42 is 19.0 %, not 19.1.
            string ShareOf(BrandEndpoints.SegmentResponse v) => s.Mentions > 0 ? Share(v.Mentions / (double)s.Mentions) : Share(v.Share);
            string Label(BrandEndpoints.SegmentResponse v) => r.ValueName(s.By, v.Value);
            SvgCharts.Bars(html, heading, s.Values.Take(BarsPerChart).Select(v => new SvgCharts.Bar(Label(v), v.Share, ShareOf(v))).ToList());
            html.Append("</figure>\n");
            var aspects = s.Values.Any(v => v.Sentiment is not null);
            html.Append("<table id=\"segments-").Append(Encode(s.By)).Append("\">\n<thead><tr><th>").Append(Encode(heading)).Append("</th><th class=\"n\">Mentions</th><th class=\"n\">Share</th>");
            if (aspects)
            {
                html.Append("<th class=\"n\">Positive</th><th class=\"n\">Neutral</th><th class=\"n\">Negative</th><th class=\"n\">Net sentiment</th>");
            }

            html.Append("</tr></thead>\n<tbody>\n");
            foreach (var v in s.Values)
            {
                html.Append("<tr><td>").Append(Encode(Label(v))).Append("</td>");
                Cells(html, Count(v.Mentions), ShareOf(v));
                if (aspects)
                {
                    var a = v.Sentiment;
                    Cells(html, a is null ? "" : Count(a.Positive), a is null ? "" : Count(a.Neutral), a is null ? "" : Count(a.Negative), a is null ? "" : Signed(a.NetSentiment));
                }

                html.Append("</tr>\n");
            }

            html.Append("</tbody>\n</table>\n</section>\n");
        }

        html.Append("</section>\n");
    }

    private static void Influencers(StringBuilder html, BrandReport r)
    {
        html.Append("<section id=\"influencers\">\n<h2>Influencers</h2>\n");
        if (r.Influencers.Count == 0)
        {
            html.Append("<p class=\"muted\">No authors in this window.</p>\n</section>\n");
            return;
        }

        html.Append("<table id=\"influencers-table\">\n<thead><tr><th>Author</th><th>Network</th><th class=\"n\">Reach</th><th class=\"n\">Mentions</th>")
            .Append("<th class=\"n\">Engagement</th><th class=\"n\">Net sentiment</th></tr></thead>\n<tbody>\n");
        foreach (var i in r.Influencers)
        {
            html.Append("<tr><td>").Append(Encode(i.Author)).Append("</td><td>").Append(Encode(i.Network)).Append("</td>");
            Cells(html, Count(i.Reach), Count(i.Mentions), Count(i.Engagement), Signed(i.NetSentiment));
            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n<p class=\"muted\">The leading authors by reach (followers summed over their mentions).</p>\n</section>\n");
    }

    private static void Alerts(StringBuilder html, BrandReport r)
    {
        html.Append("<section id=\"alerts\">\n<h2>Alerts</h2>\n");
        if (r.Alerts.Count == 0)
        {
            html.Append("<p class=\"muted\">No alerts in this window.</p>\n</section>\n");
            return;
        }

        html.Append("<table id=\"alerts-table\">\n<thead><tr><th>Minute (UTC)</th><th>Metric</th><th>Direction</th><th>Severity</th>")
            .Append("<th class=\"n\">Observed</th><th class=\"n\">Expected</th><th class=\"n\">z</th><th>Drivers</th></tr></thead>\n<tbody>\n");
        foreach (var a in r.Alerts)
        {
            html.Append("<tr id=\"").Append(AlertRowId(a.Id)).Append("\" class=\"").Append(Encode(a.Severity)).Append("\"><td>").Append(Time(a.Minute))
                .Append("</td><td>").Append(Encode(a.Metric)).Append("</td><td>").Append(Encode(a.Direction)).Append("</td><td>").Append(Encode(a.Severity)).Append("</td>");
            Cells(html, Decimal(a.Observed), Decimal(a.Expected), Decimal(a.ZScore));
            Drivers(html, r, a.Drivers);
            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    /// <summary>The drivers one line per breakdown, strongest first, as the alert lists them.</summary>
    private static void Drivers(StringBuilder html, BrandReport r, IReadOnlyList<AlertResponses.DriverResponse> drivers)
    {
        html.Append("<td><ul class=\"drivers\">");
        foreach (var dimension in drivers.GroupBy(d => d.Dimension))
        {
            html.Append("<li><span class=\"muted\">").Append(Encode(dimension.Key)).Append("</span> ")
                .Append(string.Join(", ", dimension.Select(d => Encode(r.ValueName(d.Dimension, d.Value)) + " " + Share(d.Share))))
                .Append("</li>");
        }

        html.Append("</ul></td>");
    }

    private static void Cells(StringBuilder html, params ReadOnlySpan<string> numbers)
    {
        foreach (var n in numbers)
        {
            html.Append("<td class=\"n\">").Append(n).Append("</td>");
        }
    }

    /// <summary>
    /// The id of an alert's row: <c>alert-acme.29933203.mentions.spike</c>. A security alert's id
    /// ends with an author's handle, which may hold anything, and an HTML id may hold no white space
    /// and must be unique: every unit but an ASCII letter, digit or '-' is written as '_' and its
    /// four hex digits, the ':' between the id's parts as '.', so two ids never give one row id.
    /// </summary>
    internal static string AlertRowId(string alertId)
    {
        var id = new StringBuilder("alert-", alertId.Length + 6);
        foreach (var c in alertId)
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '-')
            {
                id.Append(c);
            }
            else if (c == ':')
            {
                id.Append('.');
            }
            else
            {
                id.Append('_').Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
        }

        return id.ToString();
    }
}
