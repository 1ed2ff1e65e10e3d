using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace StreamEngine.Host.Tests.Reports;

/// <summary>The HTML report read as XML, as a checker of well-formedness and a way to find its tables and charts.</summary>
public sealed class ReportPage
{
    public static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private ReportPage(XDocument document) => Document = document;

    public XDocument Document { get; }

    /// <summary>Fails unless the page is well-formed XML; the HTML5 doctype is skipped, not resolved.</summary>
    public static ReportPage Parse(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return new ReportPage(XDocument.Load(reader));
    }

    public XElement ById(string id) =>
        Document.Descendants().SingleOrDefault(e => (string?)e.Attribute("id") == id)
        ?? throw new InvalidOperationException($"the page has no element with id '{id}'");

    public bool Has(string id) => Document.Descendants().Any(e => (string?)e.Attribute("id") == id);

    /// <summary>The body rows of a table, each as its cells' text.</summary>
    public List<string[]> Rows(string tableId) =>
        ById(tableId).Element(Xhtml + "tbody")!.Elements(Xhtml + "tr")
            .Select(tr => tr.Elements(Xhtml + "td").Select(td => td.Value).ToArray())
            .ToList();

    public static long Count(string text) => long.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    public static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
