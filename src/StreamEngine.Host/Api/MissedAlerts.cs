using System.Globalization;
using Akka.Actor;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Alerts;
using StreamEngine.Engine.Brands;
using StreamEngine.Engine.Ingest;
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
    /// started since, or the alert is older than those it keeps), the brands' alerts of its minute
    /// and after, in the order of GET /api/alerts: the order they were raised in is not kept, so
    /// those of its own minute are sent but for it, and an alert of an earlier minute raised later
    /// (a threat found in a late post) is left out. An id that names no alert the brands keep starts
    /// the stream from now.
    /// </summary>
    public static async Task<MissedAlerts> SinceAsync(string lastEventId, AlertFilter filter, CurrentModel current, IActorRef recent, BrandQueries brands)
    {
        if (!TryReadAlertId(lastEventId, out var brandId, out var lastMinute))
        {
            return new MissedAlerts([], $"Last-Event-ID '{lastEventId}' is not an alert's id: the stream starts from now");
        }

        var heard = await recent.Ask<HeardAlerts>(new AlertsHeardAfter(lastEventId), AskTimeout);
        if (heard.Heard)
        {
            var missed = heard.Alerts.Where(filter.Admits).ToList();
            return new MissedAlerts(missed, $"{Count(missed.Count)} raised after {lastEventId}, as this node heard them");
        }

        // The named alert's brand is asked too, filtered out or not: the alert must be one it keeps.
        var from = EventTime.StartOfMinute(lastMinute);
        var asked = current.Model.TryGetBrand(brandId, out _) ? filter.Brands.Append(brandId).Distinct(StringComparer.Ordinal) : filter.Brands;
        var kept = (await Task.WhenAll(asked.Select(b => brands.AskAsync<BrandAlerts>(new GetBrandAlerts(b, from), AskTimeout))))
            .SelectMany(a => a.Alerts)
            .ToList();
        if (!kept.Exists(a => AlertStreamId.Of(a) == lastEventId))
        {
            return new MissedAlerts([], $"Last-Event-ID '{lastEventId}' names no alert the brands keep: the stream starts from now (GET /api/alerts?since= reads the alerts raised before)");
        }

        var stored = kept
            .Where(a => filter.Admits(a) && a.Minute >= from && AlertStreamId.Of(a) != lastEventId)
            .OrderBy(a => a.Minute)
            .ThenBy(a => a.Id, StringComparer.Ordinal)
            .Take(MostFromBrands + 1)
            .ToList();
        if (stored.Count > MostFromBrands)
        {
            stored.RemoveAt(MostFromBrands);
            return new MissedAlerts(stored, $"the first {Count(MostFromBrands)} of the minute of {lastEventId} and after, from the brands' alerts; the rest from GET /api/alerts?cursor={AlertCursor.After(stored[^1])}");
        }

        return new MissedAlerts(stored, $"{Count(stored.Count)} of the minute of {lastEventId} and after, from the brands' alerts (this node did not hear it; those of its minute may be sent again)");
    }

    private static string Count(int alerts) =>
        string.Create(CultureInfo.InvariantCulture, $"{alerts:N0} {(alerts == 1 ? "alert" : "alerts")}");

    /// <summary>An alert's id is its brand, its minute (since the Unix epoch), its metric, then what it is about, parted by colons.</summary>
    private static bool TryReadAlertId(string id, out string brand, out long minute)
    {
        minute = 0;
        var parts = id.Split(':', 4);
        brand = parts[0];
        return parts.Length == 4 && parts[0].Length > 0 && parts[2].Length > 0 && parts[3].Length > 0
            && long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out minute)
            && minute is > -1_000_000_000 and < 1_000_000_000;
    }
}
