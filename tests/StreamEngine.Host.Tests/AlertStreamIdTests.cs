using StreamEngine.Domain.Alerts;
using StreamEngine.Host.Alerts;

namespace StreamEngine.Host.Tests;

public sealed class AlertStreamIdTests
{
    private static Alert Impersonation(string handle) => new(
        Alert.IdOf("acme", 29_933_203, AlertMetric.Impersonation, $"x/@{handle}"), "acme", DateTimeOffset.UnixEpoch,
        AlertMetric.Impersonation, AlertDirection.Spike, AlertSeverity.High, 1, 0, 0, []);

    [Theory]
    [InlineData("acme_help", "acme:29933203:impersonation:x/@acme_help")]
    [InlineData("acme hq", "acme:29933203:impersonation:x/@acme hq")]
    [InlineData("acme\nhelp", "acme:29933203:impersonation:x/@acme%0Ahelp")] // would end the event's id line
    [InlineData("acme\r\nhelp\0", "acme:29933203:impersonation:x/@acme%0D%0Ahelp%00")] // a NUL makes a browser drop the id
    [InlineData("acme_help\t", "acme:29933203:impersonation:x/@acme_help%09")] // HTTP trims a header's ends
    [InlineData("acme hq \t ", "acme:29933203:impersonation:x/@acme hq %09%20")]
    [InlineData("\u0430cme", "acme:29933203:impersonation:x/@%D0%B0cme")] // as the webhook's header writes it: ASCII throughout
    [InlineData("100%", "acme:29933203:impersonation:x/@100%25")]
    public void Is_the_alert_id_a_browser_can_send_back_unchanged(string handle, string expected)
    {
        var id = AlertStreamId.Of(Impersonation(handle));

        Assert.Equal(expected, id);
        Assert.Equal(id.Trim(' ', '\t'), id);
        Assert.DoesNotContain(id, c => c is '\r' or '\n' or '\0');
    }

    [Fact]
    public void Gives_distinct_alerts_distinct_ids()
    {
        // Left out rather than escaped, the ends and line breaks made these one id, and a reconnect
        // after the first alert took the second for it and never sent it.
        string[] handles = ["acme_hq", "acme_hq ", "acme_hq\t", "acme_hq\0", "acme_hq\n", "acme_hq%20", "acme_hq%0A", "acme\nhq", "acmehq"];

        var ids = handles.Select(h => AlertStreamId.Of(Impersonation(h))).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }
}
