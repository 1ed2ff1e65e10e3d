using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using StreamEngine.Domain.Alerts;
using StreamEngine.Domain.Posts;
using StreamEngine.Engine.Brands;
using StreamEngine.Engine.Ingest;
using StreamEngine.Engine.Telemetry;
using StreamEngine.Host.Alerts;
using StreamEngine.Host.Hosting;

namespace StreamEngine.Host.Api;

/// <summary>
/// GET /api/alerts (pages of alerts, oldest first, from every brand or one) and
/// GET /api/alerts/stream (Server-Sent Events as alerts are raised anywhere in the cluster).
/// </summary>
internal static class AlertEndpoints
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1_000;
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static void MapAlertEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapRead("/api/alerts", async (string? brand, string? since, string? severity, string? limit, string? cursor, CurrentModel current, BrandQueries brands) =>
        {
            if (AlertFilter.Parse(current, brand, severity) is not { } filter)
            {
                return AlertFilter.Error(current, brand, severity);
            }

            var from = DateTimeOffset.MinValue;
            // A date alone would silently mean its midnight in UTC, and other forms (11/26/2026) are
            // ambiguous: only an ISO 8601 date and time is taken.
            if (since is not null && (since.Length <= 10 || since[10] is not ('T' or 't') || !IsoDate.TryParse(since.AsSpan(0, 10), out _)
                || !DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out from)))
            {
                return ApiErrors.BadRequest($"parameter 'since' is '{since}'; expected an ISO 8601 date and time such as 2026-11-25T08:00:00Z");
            }

            var pageSize = DefaultLimit;
            if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxLimit))
            {
                return ApiErrors.BadRequest($"parameter 'limit' is '{limit}'; expected a whole number from 1 to {MaxLimit}");
            }

            AlertCursor? after = null;
            if (cursor is not null)
            {
                if (!AlertCursor.TryParse(cursor, out var parsed))
                {
                    return ApiErrors.BadRequest($"parameter 'cursor' is '{cursor}': not a cursor this endpoint gave; pass the 'next' of the previous page");
                }

                after = parsed;
            }

            var started = Stopwatch.GetTimestamp();
            var answers = await Task.WhenAll(filter.Brands.Select(b => brands.AskAsync<BrandAlerts>(new GetBrandAlerts(b, from), AskTimeout)));
            var matching = answers
                .SelectMany(a => a.Alerts)
                .Where(a => filter.Admits(a) && (after is not { } c || c.IsBefore(a)))
                .OrderBy(a => a.Minute)
                .ThenBy(a => a.Id, StringComparer.Ordinal)
                .Take(pageSize + 1)
                .ToList();
            EngineMetrics.QuerySeconds.WithLabels("alerts").Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);

            var page = matching.Take(pageSize).ToList();
            var next = matching.Count > pageSize ? AlertCursor.After(page[^1]).ToString() : null;
            return Results.Ok(new AlertResponses.AlertPage(page.Select(AlertResponses.From).ToList(), next));
        })
            .Reading("brand", "since", "severity", "limit", "cursor");

        app.MapGet("/api/alerts/stream", async (string? brand, string? severity, HttpContext http, CurrentModel current, ActorSystem system, IRequiredActor<RecentAlerts> recent, BrandQueries brands, IOptions<JsonOptions> json, IHostApplicationLifetime lifetime) =>
        {
            if (AlertFilter.Parse(current, brand, severity) is not { } filter)
            {
                await AlertFilter.Error(current, brand, severity).ExecuteAsync(http);
                return;
            }

            // A stream never ends by itself: it ends with the client, or when the node stops (the
            // server would otherwise wait out its shutdown timeout for it).
            using var ends = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
            var aborted = ends.Token;
            using var subscription = await AlertSubscription.StartAsync(system, aborted);
            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache";
            await http.Response.WriteAsync(": subscribed\n\n", aborted);
            await http.Response.Body.FlushAsync(aborted);
            try
            {
                // A browser's EventSource reconnects by itself, naming the last alert it read: what
                // was raised since is sent first, and not again when the subscription brings it too.
                var replayed = new HashSet<string>(StringComparer.Ordinal);
                if (http.Request.Headers["Last-Event-ID"] is [{ Length: > 0 } lastEventId])
                {
                    var missed = await CatchUpAsync(lastEventId, filter, current, await recent.GetAsync(aborted), brands);
                    foreach (var alert in missed.Alerts)
                    {
                        await WriteAsync(http, alert, json.Value, aborted);
                        replayed.Add(alert.Id);
                    }

                    await http.Response.WriteAsync($": {missed.Note}\n\n", aborted);
                    await http.Response.Body.FlushAsync(aborted);
                }

                var silence = new StreamSilence(KeepAlive, TimeProvider.System);
                while (!aborted.IsCancellationRequested)
                {
                    var left = silence.Left;
                    var alert = left > TimeSpan.Zero ? await subscription.NextAsync(left, aborted) : null;
                    if (alert is null)
                    {
                        // Proxies close connections that stay silent; a comment line keeps this one open.
                        await http.Response.WriteAsync(": keep-alive\n\n", aborted);
                    }
                    else if (filter.Admits(alert) && !replayed.Remove(alert.Id))
                    {
                        await WriteAsync(http, alert, json.Value, aborted);
                    }
                    else
                    {
                        continue;
                    }

                    await http.Response.Body.FlushAsync(aborted);
                    silence.Broken();
                }
            }
            catch (OperationCanceledException) when (aborted.IsCancellationRequested)
            {
                // The client went away or the node is stopping: the subscription ends with the request.
            }
        })
            .Reading("brand", "severity");
    }

    /// <summary>What the reconnecting client missed; or, when a brand cannot say (its store down), none, and where to read them later.</summary>
    private static async Task<MissedAlerts> CatchUpAsync(string lastEventId, AlertFilter filter, CurrentModel current, IActorRef recent, BrandQueries brands)
    {
        try
        {
            return await MissedAlerts.SinceAsync(lastEventId, filter, current, recent, brands);
        }
        catch (Exception ex) when (ex is BrandUnavailableException or AskTimeoutException)
        {
            return new MissedAlerts([], $"the alerts raised since {lastEventId} could not be read ({ex.Message.ReplaceLineEndings(" ")}): the stream goes on from now; read them with GET /api/alerts?since=");
        }
    }

    private static async Task WriteAsync(HttpContext http, Alert alert, JsonOptions json, CancellationToken aborted)
    {
        var data = JsonSerializer.Serialize(AlertResponses.From(alert), json.SerializerOptions);
        await http.Response.WriteAsync($"id: {AlertStreamId.Of(alert)}\nevent: alert\ndata: {data}\n\n", aborted);
    }
}
