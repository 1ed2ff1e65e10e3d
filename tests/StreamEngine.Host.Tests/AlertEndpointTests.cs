using System.Text.Json;

namespace StreamEngine.Host.Tests;

/// <summary>
/// A competitor's crisis planted in a synthetic firehose, posted to a running engine: it must
/// surface in /api/alerts with the planted concept and country as top drivers, on the stream as
/// it is raised, and again after a hard restart.
/// </summary>
public sealed class AlertEndpointTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_planted_crisis_is_alerted_with_its_drivers_streamed_and_kept_across_a_restart()
    {
        var firehose = new CrisisFirehose(DateTimeOffset.UtcNow);
        string streamedId;
        await using (var engine = await CrisisFirehose.StartEngineAsync(_dir.Path))
        {
            using var stream = await engine.Http.GetStreamAsync(new Uri("/api/alerts/stream?brand=beta", UriKind.Relative));
            using var events = new StreamReader(stream);
            Assert.Equal(": subscribed", await events.ReadLineAsync());

            await firehose.PostToAsync(engine);

            var streamed = await NextAlertAsync(events);
            Assert.Equal("beta", streamed.GetProperty("brand").GetString());
            streamedId = streamed.GetProperty("id").GetString()!;

            await CrisisAlertAsync(engine, firehose);
            var listed = (await engine.Http.GetJsonAsync("/api/alerts?brand=beta")).GetProperty("alerts").EnumerateArray().Select(a => a.GetRawText());
            Assert.Contains(streamed.GetRawText(), listed);

            // A dashboard that lost its connection after the first alert reconnects naming it: it is
            // sent every alert raised since, each once.
            var raisedSince = (await BetaAlertIdsAsync(engine)).Where(id => id != streamedId).ToHashSet();
            var (replayed, note) = await ReconnectAsync(engine, streamedId);
            Assert.Contains("as this node heard them", note, StringComparison.Ordinal);
            Assert.Equal(replayed.Distinct(), replayed);
            Assert.Superset(raisedSince, replayed.ToHashSet());
            Assert.Subset((await BetaAlertIdsAsync(engine)).ToHashSet(), replayed.ToHashSet());
            Assert.DoesNotContain(streamedId, replayed);
            engine.KillHard();
        }

        await using var restarted = await EngineProcess.StartAsync(Path.Combine(_dir.Path, "data"), Path.Combine(_dir.Path, "model.yaml"));
        await CrisisAlertAsync(restarted, firehose);

        // The restarted node heard none of them: a reconnect is sent the brand's alerts of the last
        // one's minute but it, and after, in the order GET /api/alerts lists them.
        var betaAlerts = (await restarted.Http.GetJsonAsync("/api/alerts?brand=beta&limit=1000")).GetProperty("alerts").EnumerateArray()
            .Select(a => (Id: a.GetProperty("id").GetString()!, Minute: a.GetProperty("minute").GetDateTimeOffset()))
            .ToList();
        var streamedMinute = betaAlerts.Single(a => a.Id == streamedId).Minute;
        var (fromStore, storeNote) = await ReconnectAsync(restarted, streamedId);
        Assert.Contains("from the brands' alerts", storeNote, StringComparison.Ordinal);
        Assert.Equal(betaAlerts.Where(a => a.Minute >= streamedMinute && a.Id != streamedId).Select(a => a.Id), fromStore);
        Assert.NotEmpty(fromStore);

        var (none, refused) = await ReconnectAsync(restarted, "bogus");
        Assert.Empty(none);
        Assert.Contains("'bogus' is not an alert's id", refused, StringComparison.Ordinal);
        var (noneRaised, unknown) = await ReconnectAsync(restarted, "beta:1:mentions:spike");
        Assert.Empty(noneRaised);
        Assert.Contains("names no alert the brands keep", unknown, StringComparison.Ordinal);

        var all = await restarted.Http.GetJsonAsync("/api/alerts");
        // Alpha's own traffic stayed flat; beta's crisis can only have cost it share of voice.
        Assert.All(
            all.GetProperty("alerts").EnumerateArray().Where(a => a.GetProperty("brand").GetString() == "alpha"),
            a => Assert.Equal(("share-of-voice", "dip"), (a.GetProperty("metric").GetString(), a.GetProperty("direction").GetString())));

        // One alert a page, following the cursor, gives the same list.
        var paged = new List<string>();
        var path = "/api/alerts?limit=1";
        while (true)
        {
            var page = await restarted.Http.GetJsonAsync(path);
            paged.AddRange(page.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("id").GetString()!));
            if (!page.TryGetProperty("next", out var cursor) || cursor.GetString() is not { } next)
            {
                break;
            }

            path = "/api/alerts?limit=1&cursor=" + next;
        }

        Assert.Equal(all.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("id").GetString()), paged);
        Assert.True(paged.Count >= 2);
    }

    [Theory]
    [InlineData("/api/alerts?severity=urgent", 400, "severity")]
    [InlineData("/api/alerts?brand=nope", 404, "nope")]
    [InlineData("/api/alerts?brand=", 400, "brand is empty")]
    [InlineData("/api/alerts?brand=acme&brand=globex", 400, "brand 'acme,globex' names several brands")]
    [InlineData("/api/alerts/stream?brand=", 400, "brand is empty")]
    [InlineData("/api/alerts?since=yesterday", 400, "since")]
    [InlineData("/api/alerts?since=2026-11-26", 400, "since")]
    [InlineData("/api/alerts?since=11/26/2026%2008:00", 400, "since")]
    [InlineData("/api/alerts?limit=0", 400, "limit")]
    [InlineData("/api/alerts?cursor=%%%", 400, "cursor")]
    public async Task Bad_parameters_are_named(string path, int status, string named)
    {
        await using var engine = await CrisisFirehose.StartEngineAsync(_dir.Path);
        await engine.Http.AssertRefusedAsync(path, status, named);
    }

    private static async Task CrisisAlertAsync(EngineProcess engine, CrisisFirehose firehose)
    {
        var alerts = await CrisisFirehose.CrisisAlertsAsync(engine);
        var volume = Assert.Single(alerts, a => a.GetProperty("metric").GetString() == "mentions");
        Assert.Equal("spike", volume.GetProperty("direction").GetString());
        Assert.Equal(firehose.CrisisStart, volume.GetProperty("minute").GetDateTimeOffset());
        Assert.Equal("delivery", TopDriver(volume, "concept"));
        Assert.Equal("DE", TopDriver(volume, "country"));

        var negative = Assert.Single(alerts, a => a.GetProperty("metric").GetString() == "negative-mentions");
        Assert.Equal("sentiment", negative.GetProperty("category").GetString());
        Assert.Equal("delivery", TopDriver(negative, "concept"));
    }

    private static string? TopDriver(JsonElement alert, string dimension) =>
        alert.GetProperty("drivers").EnumerateArray()
            .Where(d => d.GetProperty("dimension").GetString() == dimension)
            .MaxBy(d => d.GetProperty("share").GetDouble())
            .GetProperty("value").GetString();

    private static async Task<List<string>> BetaAlertIdsAsync(EngineProcess engine) =>
        (await engine.Http.GetJsonAsync("/api/alerts?brand=beta&limit=1000")).GetProperty("alerts").EnumerateArray()
            .Select(a => a.GetProperty("id").GetString()!)
            .ToList();

    /// <summary>Opens beta's alert stream as a reconnecting browser does; answers the ids sent before the note that ends what was missed.</summary>
    private static async Task<(List<string> Ids, string Note)> ReconnectAsync(EngineProcess engine, string lastEventId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/alerts/stream?brand=beta", UriKind.Relative));
        request.Headers.Add("Last-Event-ID", lastEventId);
        using var response = await engine.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var events = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        Assert.Equal(": subscribed", await events.ReadLineAsync(timeout.Token));
        var ids = new List<string>();
        while (await events.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                ids.Add(line["id: ".Length..]);
            }
            else if (line.StartsWith(": ", StringComparison.Ordinal))
            {
                return (ids, line);
            }
        }

        throw new InvalidOperationException("the alert stream ended before saying what was missed");
    }

    private static async Task<JsonElement> NextAlertAsync(StreamReader events)
    {
        while (await events.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
            }
        }

        throw new InvalidOperationException("the alert stream ended without an alert");
    }

    public void Dispose() => _dir.Dispose();
}
