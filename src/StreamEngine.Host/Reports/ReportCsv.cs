using System.Globalization;
using System.Text;
using StreamEngine.Host.Api;

namespace StreamEngine.Host.Reports;

/// <summary>
/// A report as one long table a spreadsheet can filter and pivot: every figure is a row
/// <c>section,group,key,field,value</c>, where <c>field</c> is the figure's name in the JSON form
/// (a dot for a nested object, e.g. <c>sentiment.negative</c>).
/// <list type="table">
/// <item><c>report</c>: brand, name, window, from, generatedAt.</item>
/// <item><c>summary</c>: the headline figures.</item>
/// <item><c>timeseries</c>: group = step, key = the point's start; the summary's figures per point.</item>
/// <item><c>segment</c>: group = breakdown, key = value (empty for the breakdown's total mentions); mentions, share, and for concepts their aspect sentiment.</item>
/// <item><c>competitor</c>: key = brand id, the report's brand first; name and figures.</item>
/// <item><c>concept-gap</c>: group = competitor, key = concept; brandShare, competitorShare, difference.</item>
/// <item><c>alert</c>: key = alert id; minute, category, metric, direction, severity, observed, expected, zScore.</item>
/// <item><c>alert-driver</c>: group = alert id, key = the driver's rank (1, 2, …); dimension, value, observed, expected, share.</item>
/// <item><c>concept</c>: key = concept id; name, for each concept the rows above name by id.</item>
/// </list>
/// Times are UTC ISO 8601 to the second; numbers are invariant (a dot for decimals, no grouping).
/// </summary>
internal static class ReportCsv
{
    /// <summary>UTF-8 with a byte-order mark: without one, Excel reads a CSV in the machine's legacy code page and garbles accented names.</summary>
    public static byte[] Encode(BrandReport report) => [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(Write(report))];

    public static string Write(BrandReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new CsvWriter();
        csv.Row("section", "group", "key", "field", "value");

        Text(csv, "report", "", "", "brand", report.Brand);
        Text(csv, "report", "", "", "name", report.Name);
        Text(csv, "report", "", "", "window", report.Window);
        Text(csv, "report", "", "", "from", Time(report.From));
        Text(csv, "report", "", "", "generatedAt", Time(report.GeneratedAt));

        var s = report.Summary;
        Figures(csv, "summary", "", "", s.Mentions, s.Reach, s.Engagement, s.UniqueAuthors, s.Sentiment);
        Figure(csv, "summary", "", "", "reputation", s.Reputation);

        foreach (var p in report.Timeseries.Points)
        {
            Figures(csv, "timeseries", report.Timeseries.Step, Time(p.T), p.Mentions, p.Reach, p.Engagement, p.UniqueAuthors, p.Sentiment);
            Figure(csv, "timeseries", report.Timeseries.Step, Time(p.T), "reputation", p.Reputation);
        }

        foreach (var breakdown in report.Segments)
        {
            Figure(csv, "segment", breakdown.By, "", "mentions", breakdown.Mentions);
            foreach (var v in breakdown.Values)
            {
                Figure(csv, "segment", breakdown.By, v.Value, "mentions", v.Mentions);
                Figure(csv, "segment", breakdown.By, v.Value, "share", v.Share);
                if (v.Sentiment is { } a)
                {
                    Figure(csv, "segment", breakdown.By, v.Value, "sentiment.positive", a.Positive);
                    Figure(csv, "segment", breakdown.By, v.Value, "sentiment.neutral", a.Neutral);
                    Figure(csv, "segment", breakdown.By, v.Value, "sentiment.negative", a.Negative);
                    Figure(csv, "segment", breakdown.By, v.Value, "sentiment.netSentiment", a.NetSentiment);
                }
            }
        }

        foreach (var c in report.Competitors)
        {
            Text(csv, "competitor", "", c.Brand, "name", c.Name);
            Figure(csv, "competitor", "", c.Brand, "mentions", c.Mentions);
            Figure(csv, "competitor", "", c.Brand, "shareOfVoice", c.ShareOfVoice);
            Figure(csv, "competitor", "", c.Brand, "reach", c.Reach);
            Figure(csv, "competitor", "", c.Brand, "engagement", c.Engagement);
            Figure(csv, "competitor", "", c.Brand, "uniqueAuthors", c.UniqueAuthors);
            Figure(csv, "competitor", "", c.Brand, "netSentiment", c.NetSentiment);
            foreach (var g in c.ConceptGaps ?? [])
            {
                Figure(csv, "concept-gap", c.Brand, g.Concept, "brandShare", g.BrandShare);
                Figure(csv, "concept-gap", c.Brand, g.Concept, "competitorShare", g.CompetitorShare);
                Figure(csv, "concept-gap", c.Brand, g.Concept, "difference", g.Difference);
            }
        }

        foreach (var i in report.Influencers)
        {
            Text(csv, "influencer", i.Network, i.Author, "network", i.Network);
            Figure(csv, "influencer", i.Network, i.Author, "mentions", i.Mentions);
            Figure(csv, "influencer", i.Network, i.Author, "reach", i.Reach);
            Figure(csv, "influencer", i.Network, i.Author, "engagement", i.Engagement);
            Figure(csv, "influencer", i.Network, i.Author, "netSentiment", i.NetSentiment);
        }

        foreach (var a in report.Alerts)
        {
            Alert(csv, a);
        }

        foreach (var (id, name) in report.Concepts)
        {
            Text(csv, "concept", "", id, "name", name);
        }

        return csv.ToString();
    }

    private static void Alert(CsvWriter csv, AlertResponses.AlertResponse a)
    {
        Text(csv, "alert", "", a.Id, "minute", Time(a.Minute));
        Text(csv, "alert", "", a.Id, "category", a.Category);
        Text(csv, "alert", "", a.Id, "metric", a.Metric);
        Text(csv, "alert", "", a.Id, "direction", a.Direction);
        Text(csv, "alert", "", a.Id, "severity", a.Severity);
        Figure(csv, "alert", "", a.Id, "observed", a.Observed);
        Figure(csv, "alert", "", a.Id, "expected", a.Expected);
        Figure(csv, "alert", "", a.Id, "zScore", a.ZScore);
        for (var i = 0; i < a.Drivers.Count; i++)
        {
            var d = a.Drivers[i];
            var rank = (i + 1).ToString(CultureInfo.InvariantCulture);
            Text(csv, "alert-driver", a.Id, rank, "dimension", d.Dimension);
            Text(csv, "alert-driver", a.Id, rank, "value", d.Value);
            Figure(csv, "alert-driver", a.Id, rank, "observed", d.Observed);
            Figure(csv, "alert-driver", a.Id, rank, "expected", d.Expected);
            Figure(csv, "alert-driver", a.Id, rank, "share", d.Share);
        }
    }

    private static void Figures(CsvWriter csv, string section, string group, string key, long mentions, long reach, long engagement, long authors, SentimentResponse sentiment)
    {
        Figure(csv, section, group, key, "mentions", mentions);
        Figure(csv, section, group, key, "reach", reach);
        Figure(csv, section, group, key, "engagement", engagement);
        Figure(csv, section, group, key, "uniqueAuthors", authors);
        Figure(csv, section, group, key, "sentiment.positive", sentiment.Positive);
        Figure(csv, section, group, key, "sentiment.neutral", sentiment.Neutral);
        Figure(csv, section, group, key, "sentiment.negative", sentiment.Negative);
        Figure(csv, section, group, key, "sentiment.unscored", sentiment.Unscored);
        Figure(csv, section, group, key, "sentiment.meanCompound", sentiment.MeanCompound);
        Figure(csv, section, group, key, "sentiment.netSentiment", sentiment.NetSentiment);
    }

    private static void Figure(CsvWriter csv, string section, string group, string key, string field, long value) =>
        csv.Row(section, Guard(group), Guard(key), field, value.ToString(CultureInfo.InvariantCulture));

    private static void Figure(CsvWriter csv, string section, string group, string key, string field, double value) =>
        csv.Row(section, Guard(group), Guard(key), field, value.ToString(CultureInfo.InvariantCulture));

    private static void Text(CsvWriter csv, string section, string group, string key, string field, string value) =>
        csv.Row(section, Guard(group), Guard(key), field, Guard(value));

    /// <summary>
    /// Brand names are free text from the model, and a spreadsheet runs a cell that starts like a
    /// formula; a leading apostrophe makes it text (OWASP's advice for CSV injection). Numbers are
    /// written by this class and never guarded, so negative figures stay numbers.
    /// </summary>
    private static string Guard(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
