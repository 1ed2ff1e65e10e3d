using System.Globalization;
using Akka.Actor;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Alerts;
using StreamEngine.Engine.Brands;
using StreamEngine.Host.Alerts;
using StreamEngine.Host.Hosting;

namespace StreamEngine.Host.Api;

/// <summary>
/// What a dashboard reconnecting to the alert stream missed since the last alert it read (the
/// Last-Event-ID its browser sends), and a line saying where they came from.
/// </summary>
internal sealed record MissedAlerts(IReadOnlyList<Alert> Alerts, string Note)
{
    /// <summary>The most alerts a reconnect is sent from the brands' own; the rest are paged with GET /api/alerts.</summary>
    public const int MostFromBrands = 1_000;

    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The alerts after <paramref name="lastEventId"/> that <paramref name="filter"/> admits: those
    /// this node heard after it, in the order it heard them; or, when it did not hear that alert (it
    /// started since, or the alert is older than those it keeps), the brands' alerts after it in the
    /// order of GET /api/alerts, which leaves out an alert of an earlier minute raised later (a
    /// threat found in a late post).
    /// </summary>
    public static async Task<MissedAlerts> SinceAsync(string lastEventId, AlertFilter filter, IActorRef recent, BrandQueries brands)
    {
        if (!TryReadAlertId(lastEventId, out var lastMinute))
        {
            return new MissedAlerts([], $"Last-Event-ID '{lastEventId}' is not an alert's id: the stream starts from now");
        }

        var heard = await recent.Ask<HeardAlerts>(new AlertsHeardAfter(lastEventId), AskTimeout);
        if (heard.Heard)
        {
            var missed = heard.Alerts.Where(filter.Admits).ToList();
            return new MissedAlerts(missed, $"{Count(missed.Count)} raised after {lastEventId}, as this node heard them");
        }

        var after = new AlertCursor(EventTime.StartOfMinute(lastMinute), lastEventId);
        var answers = await Task.WhenAll(filter.Brands.Select(b => brands.AskAsync<BrandAlerts>(new GetBrandAlerts(b, after.Minute), AskTimeout)));
        var stored = answers
            .SelectMany(a => a.Alerts)
            .Where(a => filter.Admits(a) && after.IsBefore(a))
            .OrderBy(a => a.Minute)
            .ThenBy(a => a.Id, StringComparer.Ordinal)
            .Take(MostFromBrands + 1)
            .ToList();
        if (stored.Count > MostFromBrands)
        {
            stored.RemoveAt(MostFromBrands);
            return new MissedAlerts(stored, $"the first {Count(MostFromBrands)} after {lastEventId} from the brands' alerts; the rest from GET /api/alerts?cursor={AlertCursor.After(stored[^1])}");
        }

        return new MissedAlerts(stored, $"{Count(stored.Count)} after {lastEventId} from the brands' alerts (this node did not hear it)");
    }

    private static string Count(int alerts) =>
        string.Create(CultureInfo.InvariantCulture, $"{alerts:N0} {(alerts == 1 ? "alert" : "alerts")}");

    /// <summary>An alert's id is its brand, its minute (since the Unix epoch), then what it is about, parted by colons.</summary>
    private static bool TryReadAlertId(string id, out long minute)
    {
        minute = 0;
        var parts = id.Split(':', 3);
        return parts.Length == 3 && parts[0].Length > 0
            && long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out minute)
            && minute is > -1_000_000_000 and < 1_000_000_000;
    }
}
