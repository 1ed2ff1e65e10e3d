using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace StreamEngine.Host.Tests;

/// <summary>
/// A webhook configured in the model file receives the planted crisis's alerts, signed, and a
/// delivery that failed is tried again.
/// </summary>
public sealed class WebhookEndpointTests : IDisposable
{
    private const string Secret = "s3cret-for-tests";
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Alerts_are_posted_signed_and_retried_after_a_failure()
    {
        using var receiver = new Receiver(failFirst: 1);
        var webhooks = $"""

            webhooks:
              - url: {receiver.Url}
                secret: {Secret}
                brands: [beta]
            """;
        var (engine, listed) = await PostCrisisAsync(webhooks, retryMs: 20);
        await using var running = engine;

        await AllDeliveredAsync(receiver, listed, "every alert of the crisis delivered");

        Assert.True(receiver.Requests > receiver.Delivered.Count, "the first delivery was refused with 503 and tried again");
        foreach (var delivery in receiver.Delivered)
        {
            var (t, v1) = ParseSignature(delivery.Signature);
            var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{t}.{delivery.Body}")));
            Assert.Equal(expected, v1);
            Assert.InRange(long.Parse(t, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            using var json = JsonDocument.Parse(delivery.Body);
            Assert.Equal(delivery.AlertId, json.RootElement.GetProperty("id").GetString());
            Assert.Equal("beta", json.RootElement.GetProperty("brand").GetString());
            Assert.NotEqual(0, json.RootElement.GetProperty("drivers").GetArrayLength());
        }
    }

    [Fact]
    public async Task A_receiver_that_keeps_failing_delays_no_other_receivers_deliveries()
    {
        // Retries wait ten minutes: if a failed delivery held a worker while it waited, the healthy
        // receiver's deliveries would queue behind the dead one's.
        using var dead = new Receiver(failFirst: int.MaxValue);
        using var healthy = new Receiver(failFirst: 0);
        var webhooks = $"""

            webhooks:
              - url: {dead.Url}
                secret: {Secret}
              - url: {healthy.Url}
                secret: {Secret}
            """;
        await using var engine = await CrisisFirehose.StartEngineAsync(_dir.Path, webhooks, "--webhook-retry-ms", "600000");

        await new CrisisFirehose(DateTimeOffset.UtcNow).PostToAsync(engine);
        await CrisisFirehose.CrisisAlertsAsync(engine);

        // Four alerts are enough: a pool of four workers would hold the four dead deliveries, and
        // the last healthy one, queued after them, would wait out the ten minutes. The crisis's
        // alerts are journaled batch by batch, so the fourth may follow the first ones.
        var listed = new HashSet<string>();
        await Eventually.HoldsAsync(
            async () => (listed = (await engine.Http.GetJsonAsync("/api/alerts")).GetProperty("alerts").EnumerateArray()
                .Select(a => a.GetProperty("id").GetString()!).ToHashSet()).Count >= 4,
            "four alerts raised");
        await Eventually.HoldsAsync(
            () => Task.FromResult(listed.IsSubsetOf(healthy.Delivered.Select(d => d.AlertId))),
            "every alert delivered to the healthy receiver while the dead one's deliveries wait to be tried again");
        await Eventually.HoldsAsync(() => Task.FromResult(dead.Requests >= listed.Count), "each alert tried once at the dead receiver");
    }

    [Fact]
    public async Task A_redirect_is_a_final_answer_and_not_followed()
    {
        // Followed, it sent the signed alert wherever the receiver pointed, an internal address included.
        using var elsewhere = new Receiver(failFirst: 0);
        using var redirecting = new Receiver(failFirst: 0, redirectTo: elsewhere.Url);
        var webhooks = $"""

            webhooks:
              - url: {redirecting.Url}
                secret: {Secret}
            """;
        await using var engine = await CrisisFirehose.StartEngineAsync(_dir.Path, webhooks, "--webhook-retry-ms", "20");

        await new CrisisFirehose(DateTimeOffset.UtcNow).PostToAsync(engine);
        var listed = (await CrisisFirehose.CrisisAlertsAsync(engine)).Count;

        await Eventually.HoldsAsync(
            async () => PrometheusText.Parse(await engine.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative)))
                .GetValueOrDefault("streamengine_webhook_deliveries_total{outcome=\"refused\"}") >= listed,
            "every alert's delivery refused by the redirect");
        Assert.Equal(0, elsewhere.Requests);
    }

    [Fact]
    public async Task A_webhook_taken_out_of_the_model_drops_its_waiting_deliveries()
    {
        // Retries wait ten minutes: within a test's time only the withdrawal can end them.
        using var dead = new Receiver(failFirst: int.MaxValue);
        await using var engine = await StartCrisisWithWebhookAsync(dead);
        var raised = (await CrisisFirehose.CrisisAlertsAsync(engine)).Count;
        await Eventually.HoldsAsync(() => Task.FromResult(dead.Requests >= raised), "each alert tried once at the receiver");
        var waiting = dead.Requests;

        await WithdrawEveryWebhookAsync(engine);

        await Eventually.HoldsAsync(
            async () => await WithdrawnAsync(engine) >= waiting,
            $"the {waiting} deliveries waiting to be tried again withdrawn");
    }

    [Fact]
    public async Task A_delivery_in_flight_to_a_withdrawn_webhook_is_cut_short()
    {
        // The receiver never answers: without the withdrawal, both workers' deliveries would wait out
        // the 10 s HTTP timeout before they were counted.
        using var hung = new Receiver(failFirst: 0, hang: true);
        await using var engine = await StartCrisisWithWebhookAsync(hung);
        var raised = (await CrisisFirehose.CrisisAlertsAsync(engine)).Count;
        await Eventually.HoldsAsync(() => Task.FromResult(hung.Requests >= 2), "both workers holding a delivery");

        await WithdrawEveryWebhookAsync(engine);

        await Eventually.HoldsAsync(
            async () => await WithdrawnAsync(engine) >= raised,
            $"the {raised} deliveries, the two in flight among them, withdrawn",
            TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Retries_after_a_secret_is_rotated_are_signed_with_the_new_one()
    {
        // The receiver takes only the rotated secret: the retries of the deliveries first signed with
        // the old one were signed with it again, refused, and lost once out of tries.
        const string Rotated = "rotated-s3cret";
        using var receiver = new Receiver(failFirst: 0, accepts: d => SignedWith(d, Rotated));
        var webhooks = $"""

            webhooks:
              - url: {receiver.Url}
                secret: {Secret}
            """;
        var (engine, raised) = await PostCrisisAsync(webhooks, retryMs: 1000);
        await using var running = engine;
        await Eventually.HoldsAsync(() => Task.FromResult(receiver.Requests >= raised.Count), "each alert tried once, under the old secret");

        using var rotated = new StringContent(SampleFirehose.ModelYaml + webhooks.Replace(Secret, Rotated, StringComparison.Ordinal), Encoding.UTF8, "application/yaml");
        using var swapped = await engine.Http.PutAsync(new Uri("/api/model", UriKind.Relative), rotated);
        Assert.Equal(HttpStatusCode.OK, swapped.StatusCode);

        await AllDeliveredAsync(receiver, raised, "every alert delivered under the rotated secret");
    }

    [Fact]
    public async Task A_url_listed_in_two_entries_is_posted_each_alert_once()
    {
        // Listed twice, each alert was posted twice.
        using var receiver = new Receiver(failFirst: 0);
        var webhooks = $"""

            webhooks:
              - url: {receiver.Url}
                secret: {Secret}
                brands: [beta]
              - url: {receiver.Url}
                secret: {Secret}
                minSeverity: medium
            """;
        var (engine, raised) = await PostCrisisAsync(webhooks, retryMs: 20);
        await using var running = engine;

        await AllDeliveredAsync(receiver, raised, "every alert delivered");
        var delivered = receiver.Delivered.Select(d => d.AlertId).ToList();
        Assert.Equal(delivered.Distinct().Count(), delivered.Count);
    }

    [Fact]
    public async Task Deliveries_left_waiting_when_the_node_stops_are_named_in_its_log()
    {
        using var dead = new Receiver(failFirst: int.MaxValue);
        await using var engine = await StartCrisisWithWebhookAsync(dead);
        var raised = (await CrisisFirehose.CrisisAlertsAsync(engine)).Select(a => a.GetProperty("id").GetString()!).ToList();
        await Eventually.HoldsAsync(() => Task.FromResult(dead.Requests >= raised.Count), "each alert tried once at the receiver");

        Assert.Equal(0, await engine.StopAsync(TimeSpan.FromSeconds(20)));

        // They vanished without a word: no log line, no count.
        var warning = Assert.Single(engine.Output.Split('\n'), l => l.Contains("Webhook deliveries abandoned as the node stopped", StringComparison.Ordinal));
        var abandoned = int.Parse(System.Text.RegularExpressions.Regex.Match(warning, "stopped: ([0-9]+) \\(").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(abandoned, raised.Count, raised.Count + 10);
        Assert.All(raised, id => Assert.Contains(id, warning, StringComparison.Ordinal));
    }

    private static bool SignedWith(Delivery delivery, string secret)
    {
        var (t, v1) = ParseSignature(delivery.Signature);
        return v1 == Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{delivery.Body}")));
    }

    [Theory]
    [InlineData("acme:29000000:impersonation:@acme", "acme:29000000:impersonation:@acme")]
    [InlineData("acme:29000000:impersonation:@αcme", "acme:29000000:impersonation:@%CE%B1cme")]
    [InlineData("a%b\r\nc", "a%25b%0D%0Ac")]
    [InlineData("acme:29000000:violence:x/@trail  ", "acme:29000000:violence:x/@trail%20%20")] // receivers trim a header's ends
    [InlineData("acme:29000000:violence:x/@a b ", "acme:29000000:violence:x/@a b%20")]
    public void An_alert_id_travels_in_its_header_as_ascii_that_unescapes_to_it(string id, string header)
    {
        Assert.Equal(header, StreamEngine.Host.Alerts.AlertIdHeader.Of(id));
        Assert.Equal(id, Uri.UnescapeDataString(header));
    }

    [Theory]
    [InlineData("webhooks:\n  - url: ftp://example.com/x\n    secret: a\n", "http or https")]
    [InlineData("webhooks:\n  - url: http://127.0.0.1/x\n", "'secret' is required")]
    [InlineData("webhooks:\n  - url: http://127.0.0.1/x\n    secret: a\n    brands: [nope]\n", "webhook brand 'nope'")]
    [InlineData("webhooks:\n  - url: http://127.0.0.1/x\n    secret: a\n    minSeverity: urgent\n", "minSeverity 'urgent'")]
    [InlineData("webhooks:\n  - url: http://127.0.0.1/x\n    secret: a\n  - url: http://127.0.0.1/x\n    secret: b\n", "is listed again with another secret (first at line")]
    public async Task A_bad_webhook_is_refused_with_its_line(string webhooks, string named)
    {
        await using var engine = await CrisisFirehose.StartEngineAsync(_dir.Path);
        using var content = new StringContent(SampleFirehose.ModelYaml + "\n" + webhooks, Encoding.UTF8, "application/yaml");
        using var response = await engine.Http.PostAsync(new Uri("/api/model/validate", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(422, (int)response.StatusCode);
        Assert.Contains(named, text, StringComparison.Ordinal);
        Assert.Contains("\"line\"", text, StringComparison.Ordinal);
    }

    /// <summary>An engine whose one webhook is <paramref name="receiver"/>, retries ten minutes apart, once the planted crisis is posted.</summary>
    private async Task<EngineProcess> StartCrisisWithWebhookAsync(Receiver receiver)
    {
        var webhooks = $"""

            webhooks:
              - url: {receiver.Url}
                secret: {Secret}
            """;
        return (await PostCrisisAsync(webhooks, retryMs: 600_000)).Engine;
    }

    /// <summary>An engine with <paramref name="webhooks"/>, the planted crisis posted to it, and the ids of the alerts it raised.</summary>
    private async Task<(EngineProcess Engine, HashSet<string> Raised)> PostCrisisAsync(string webhooks, int retryMs)
    {
        var engine = await CrisisFirehose.StartEngineAsync(_dir.Path, webhooks, "--webhook-retry-ms", retryMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            await new CrisisFirehose(DateTimeOffset.UtcNow).PostToAsync(engine);
            return (engine, (await CrisisFirehose.CrisisAlertsAsync(engine)).Select(a => a.GetProperty("id").GetString()!).ToHashSet());
        }
        catch
        {
            await engine.DisposeAsync();
            throw;
        }
    }

    private static Task AllDeliveredAsync(Receiver receiver, HashSet<string> raised, string what) =>
        Eventually.HoldsAsync(() => Task.FromResult(raised.IsSubsetOf(receiver.Delivered.Select(d => d.AlertId))), what);

    /// <summary>Swaps in the model without its webhooks.</summary>
    private static async Task WithdrawEveryWebhookAsync(EngineProcess engine)
    {
        using var model = new StringContent(SampleFirehose.ModelYaml, Encoding.UTF8, "application/yaml");
        using var swapped = await engine.Http.PutAsync(new Uri("/api/model", UriKind.Relative), model);
        Assert.Equal(HttpStatusCode.OK, swapped.StatusCode);
    }

    private static async Task<double> WithdrawnAsync(EngineProcess engine)
    {
        using var response = await engine.Http.GetAsync(new Uri("/metrics", UriKind.Relative));
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync())
            .GetValueOrDefault("streamengine_webhook_deliveries_total{outcome=\"withdrawn\"}");
    }

    private static (string T, string V1) ParseSignature(string header)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        return (parts["t"], parts["v1"]);
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>A tiny HTTP receiver on a free loopback port: answers 503 to the first requests, then 200, and keeps what it took.</summary>
    private sealed class Receiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly ConcurrentQueue<Delivery> _delivered = new();
        private int _requests;
        private readonly bool _hang;
        private int _failFirst;

        private readonly string? _redirectTo;
        private readonly Func<Delivery, bool>? _accepts;

        /// <param name="hang">Take requests and never answer them.</param>
        /// <param name="redirectTo">Answer every request with 307 to this address.</param>
        /// <param name="accepts">Answer 503 to a delivery this refuses.</param>
        public Receiver(int failFirst, bool hang = false, string? redirectTo = null, Func<Delivery, bool>? accepts = null)
        {
            _failFirst = failFirst;
            _hang = hang;
            _redirectTo = redirectTo;
            _accepts = accepts;
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            Url = $"http://127.0.0.1:{port}/hook/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public string Url { get; }

        public int Requests => Volatile.Read(ref _requests);

        public IReadOnlyCollection<Delivery> Delivered => [.. _delivered];

        public void Dispose() => _listener.Close();

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                Interlocked.Increment(ref _requests);
                if (_hang)
                {
                    continue;
                }

                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                if (_redirectTo is not null)
                {
                    context.Response.StatusCode = 307;
                    context.Response.RedirectLocation = _redirectTo;
                }
                else if (Interlocked.Decrement(ref _failFirst) >= 0)
                {
                    context.Response.StatusCode = 503;
                }
                else
                {
                    var delivery = new Delivery(context.Request.Headers["X-StreamEngine-Alert"]!, context.Request.Headers["X-StreamEngine-Signature"]!, body);
                    if (_accepts is null || _accepts(delivery))
                    {
                        _delivered.Enqueue(delivery);
                        context.Response.StatusCode = 204;
                    }
                    else
                    {
                        context.Response.StatusCode = 503;
                    }
                }

                context.Response.Close();
            }
        }
    }

    private sealed record Delivery(string AlertId, string Signature, string Body);
}
