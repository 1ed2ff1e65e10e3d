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
    [InlineData("acme\nhelp", "acme:29933203:impersonation:x/@acmehelp")] // would end the event's id line
    [InlineData("acme\r\nhelp\0", "acme:29933203:impersonation:x/@acmehelp")] // a NUL makes a browser drop the id
    [InlineData("acme_help\t", "acme:29933203:impersonation:x/@acme_help")] // HTTP trims a header's ends: the id sent back would name no alert
    [InlineData("acme_hq \t ", "acme:29933203:impersonation:x/@acme_hq")]
    [InlineData("acme hq", "acme:29933203:impersonation:x/@acme hq")]
    public void Is_the_alert_id_a_browser_can_send_back_unchanged(string handle, string expected)
    {
        Assert.Equal(expected, AlertStreamId.Of(Impersonation(handle)));
    }
}
