using StreamEngine.Domain.Alerts;
using StreamEngine.Host.Alerts;

namespace StreamEngine.Host.Tests;

/// <summary>What a node sends a dashboard that reconnects to the alert stream, from the alerts it heard.</summary>
public sealed class RecentAlertsTests
{
    private static readonly (Alert Alert, long HeardAt)[] Heard =
    [
        (Raised("a:1:mentions:spike"), 100),
        (Raised("b:1:mentions:spike"), 150),
        (Raised("c:1:mentions:spike"), 190),
        (Raised("a:2:mentions:spike"), 200),
        (Raised("b:2:mentions:dip"), 260),
    ];

    [Fact]
    public void Sends_what_was_heard_after_the_last_alert_read_in_the_order_heard()
    {
        var missed = RecentAlerts.After(Heard, "b:1:mentions:spike", overlap: 0);

        Assert.True(missed.Heard);
        Assert.Equal(["c:1:mentions:spike", "a:2:mentions:spike", "b:2:mentions:dip"], missed.Alerts.Select(a => a.Id));
    }

    [Fact]
    public void In_a_cluster_also_sends_again_what_was_heard_just_before_it()
    {
        // Heard 10 and 50 ticks before a:2; 100 ticks before it is beyond the overlap.
        var missed = RecentAlerts.After(Heard, "a:2:mentions:spike", overlap: 50);

        Assert.Equal(["b:1:mentions:spike", "c:1:mentions:spike", "b:2:mentions:dip"], missed.Alerts.Select(a => a.Id));
    }

    [Fact]
    public void The_last_alert_read_sends_nothing_and_one_never_heard_says_so()
    {
        var latest = RecentAlerts.After(Heard, "b:2:mentions:dip", overlap: 0);
        Assert.True(latest.Heard);
        Assert.Empty(latest.Alerts);

        var unknown = RecentAlerts.After(Heard, "z:1:mentions:spike", overlap: 50);
        Assert.False(unknown.Heard);
        Assert.Empty(unknown.Alerts);
    }

    private static Alert Raised(string id) =>
        new(id, id[..id.IndexOf(':', StringComparison.Ordinal)], DateTimeOffset.UnixEpoch, AlertMetric.Mentions, AlertDirection.Spike, AlertSeverity.High, 10, 1, 5, []);
}
