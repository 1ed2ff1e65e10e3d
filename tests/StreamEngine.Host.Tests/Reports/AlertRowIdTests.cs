using StreamEngine.Host.Reports;

namespace StreamEngine.Host.Tests.Reports;

public sealed class AlertRowIdTests
{
    [Fact]
    public void Reads_as_the_alert_id_with_its_parts_between_dots()
    {
        Assert.Equal("alert-acme.29933203.mentions.spike", ReportHtml.AlertRowId("acme:29933203:mentions:spike"));
    }

    [Fact]
    public void Holds_no_white_space_and_gives_distinct_alerts_distinct_rows()
    {
        // Subjects a security alert may name: handles hold anything a producer wrote.
        string[] subjects = ["x/@acme_help", "x/@acme_help\t", "x/@acme help", "x/@acme-help", "x/@acme:help", "x/@acme.help",
            "x/@acme_0009help", "x/@=acme<b>,\"\n", "x/@acme\u202Ehelp", "x/@acme\u00A0help", "acme.com"];
        var ids = subjects.Select(s => ReportHtml.AlertRowId($"acme:29933203:impersonation:{s}")).ToList();

        Assert.All(ids, id => Assert.DoesNotContain(id, c => char.IsWhiteSpace(c) || c is '"' or '<' or '&' || char.IsControl(c)));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }
}
