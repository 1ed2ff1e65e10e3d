using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Alerts;
using StreamEngine.Domain.Threats;

namespace StreamEngine.Domain.Tests.Alerts;

/// <summary>One security alert per kind and subject an hour, unless the threat escalates.</summary>
public sealed class ThreatAlertsTests
{
    private static readonly DateTimeOffset Minute = new(2026, 11, 29, 13, 0, 0, TimeSpan.Zero);

    private static ThreatSighting Sighting(int minutes, ThreatKind kind, string author, ThreatSeverity severity, string post = "x/1") =>
        new(Minute.AddMinutes(minutes), new ThreatFinding(kind, "acme", post, author, "evidence", severity));

    [Fact]
    public void A_repeat_within_the_hour_raises_nothing_more()
    {
        var alerts = new ThreatAlerts("acme");

        var first = alerts.Raise([Sighting(0, ThreatKind.Violence, "x/@sam", ThreatSeverity.Medium)]);
        var again = alerts.Raise([Sighting(5, ThreatKind.Violence, "x/@sam", ThreatSeverity.Medium), Sighting(7, ThreatKind.Violence, "x/@sam", ThreatSeverity.Low)]);
        var later = alerts.Raise([Sighting(61, ThreatKind.Violence, "x/@sam", ThreatSeverity.Medium)]);

        Assert.Single(first);
        Assert.Empty(again);
        Assert.Single(later);
    }

    [Fact]
    public void A_high_finding_after_a_medium_alert_of_the_same_author_and_kind_raises_again_once()
    {
        // "let's raid acme tonight" (medium) hid "I will kill Jane Doe tomorrow" (high) for an hour.
        var alerts = new ThreatAlerts("acme");

        var medium = Assert.Single(alerts.Raise([Sighting(0, ThreatKind.Violence, "x/@escalator", ThreatSeverity.Medium)]));
        var high = Assert.Single(alerts.Raise([Sighting(0, ThreatKind.Violence, "x/@escalator", ThreatSeverity.High, "x/2")]));
        var highAgain = alerts.Raise([Sighting(3, ThreatKind.Violence, "x/@escalator", ThreatSeverity.High, "x/3")]);

        Assert.Equal((AlertSeverity.Medium, AlertSeverity.High), (medium.Severity, high.Severity));
        Assert.NotEqual(medium.Id, high.Id);
        Assert.Equal("x/2", high.Drivers.Single(d => d.Dimension == "post").Value);
        Assert.Empty(highAgain);
    }

    [Fact]
    public void Findings_are_read_in_the_order_their_posts_were_written_whatever_the_order_of_the_batch()
    {
        // A batch lists the findings of posts that name no brand first: the later high finding
        // came first and the earlier medium one was dropped as its repeat, no escalation said.
        var alerts = new ThreatAlerts("acme");

        var raised = alerts.Raise([Sighting(1, ThreatKind.Violence, "x/@esca", ThreatSeverity.High, "x/2"), Sighting(0, ThreatKind.Violence, "x/@esca", ThreatSeverity.Medium, "x/1")]);

        Assert.Equal([AlertSeverity.Medium, AlertSeverity.High], raised.Select(a => a.Severity));
        Assert.EndsWith(":high", raised[1].Id, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_handle_on_two_networks_is_two_subjects()
    {
        // x's @sam and reddit's @sam: only the first was alerted.
        var alerts = new ThreatAlerts("acme");

        var raised = alerts.Raise([
            Sighting(0, ThreatKind.Violence, "x/@sam", ThreatSeverity.High),
            Sighting(0, ThreatKind.Violence, "reddit/@sam", ThreatSeverity.High, "reddit/t2")]);

        Assert.Equal(["x/@sam", "reddit/@sam"], raised.Select(a => a.Drivers.Single(d => d.Dimension == "author").Value));
    }

    [Fact]
    public void An_escalation_is_remembered_across_a_restart()
    {
        var before = new ThreatAlerts("acme");
        var raised = before.Raise([Sighting(0, ThreatKind.Doxxing, "x/@d", ThreatSeverity.Medium), Sighting(1, ThreatKind.Doxxing, "x/@d", ThreatSeverity.High)]);

        var after = new ThreatAlerts("acme");
        foreach (var alert in raised)
        {
            after.Remember(alert);
        }

        Assert.Equal(2, raised.Count);
        Assert.Empty(after.Raise([Sighting(2, ThreatKind.Doxxing, "x/@d", ThreatSeverity.High)]));
    }

    [Fact]
    public void Many_subjects_in_their_cool_down_are_swept_a_few_times_not_at_every_alert()
    {
        // 40,000 look-alike handles in one minute: a sweep on every alert past 10,000 read every
        // subject 30,000 times over (23 s for the brand), each sweep freeing nothing.
        var alerts = new ThreatAlerts("acme");
        var raised = 0;
        for (var batch = 0; batch < 80; batch++)
        {
            raised += alerts.Raise([.. Enumerable.Range(batch * 500, 500).Select(i => Sighting(0, ThreatKind.Impersonation, $"x/@acme_{i}", ThreatSeverity.Medium))]).Count;
        }

        Assert.Equal(40_000, raised);
        Assert.InRange(alerts.Sweeps, 1, 2);

        // Still remembered: a repeat inside the hour raises nothing; an hour on, the sweep frees them.
        Assert.Empty(alerts.Raise([Sighting(30, ThreatKind.Impersonation, "x/@acme_7", ThreatSeverity.Medium)]));
        Assert.Single(alerts.Raise([Sighting(61, ThreatKind.Impersonation, "x/@acme_new", ThreatSeverity.Medium)]));
        Assert.Single(alerts.Raise([Sighting(62, ThreatKind.Impersonation, "x/@acme_7", ThreatSeverity.Medium)]));
    }
}
