using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Akka.Actor;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Prometheus;
using StreamEngine.Domain.Alerts;
using StreamEngine.Domain.Model;
using StreamEngine.Engine.Brands;
using StreamEngine.Engine.Ingest;
using StreamEngine.Host.Api;
using StreamEngine.Host.Configuration;

namespace StreamEngine.Host.Alerts;

/// <summary>
/// Posts alerts to the model's webhooks. Each node subscribes to the delivery topic in one group,
/// so a cluster posts each alert once. Each receiver (a webhook's URL) has its own bounded queue
/// and workers, and a delivery waiting to be tried again waits on a timer, not in a worker: a slow
/// or dead receiver delays nothing but its own deliveries, never another receiver's, ingest or the
/// brands. A delivery answered 2xx is done; 429, 5xx or no answer is tried again after 1, 2, 4, 8
/// and 16 times the first wait; any other answer is final. What cannot be delivered is logged and counted.
/// </summary>
internal sealed class WebhookDispatcher(
    ActorSystem system, CurrentModel current, StreamEngineOptions options, TimeProvider clock, IOptions<JsonOptions> json, ILogger<WebhookDispatcher> log)
    : BackgroundService
{
    private const string Group = "webhooks";
    private const int Tries = 6;
    private const int WorkersPerReceiver = 2;
    private const int QueuedPerReceiver = 10_000;

    private static readonly Counter Deliveries = Metrics.CreateCounter(
        "streamengine_webhook_deliveries_total", "Webhook deliveries by outcome: delivered, refused (a final non-2xx answer), failed (out of tries), dropped (queue full).",
        new CounterConfiguration { LabelNames = ["outcome"] });

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Dictionary<string, Receiver> _receivers = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = await AlertSubscription.StartAsync(system, stoppingToken, AlertTopic.Deliveries, Group);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (await subscription.NextAsync(TimeSpan.FromMinutes(1), stoppingToken) is not { } alert)
                {
                    continue;
                }

                var wanting = current.Model.Webhooks.Where(w => w.Wants(alert)).ToList();
                if (wanting.Count == 0)
                {
                    continue;
                }

                var body = JsonSerializer.SerializeToUtf8Bytes(AlertResponses.From(alert), json.Value.SerializerOptions);
                foreach (var webhook in wanting)
                {
                    if (!_receivers.TryGetValue(webhook.Url.AbsoluteUri, out var receiver))
                    {
                        _receivers[webhook.Url.AbsoluteUri] = receiver = new Receiver();
                        receiver.Completion = Task.WhenAll(Enumerable.Range(0, WorkersPerReceiver)
                            .Select(_ => Task.Run(() => DeliverAllAsync(receiver, stoppingToken), stoppingToken)));
                    }

                    receiver.Enqueue(new Delivery(webhook, alert.Id, body, Attempt: 1, TimeSpan.FromMilliseconds(options.WebhookRetryMs)));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: queued deliveries are abandoned, the alerts stay in GET /api/alerts.
        }

        foreach (var receiver in _receivers.Values)
        {
            receiver.Complete();
        }

        await Task.WhenAll(_receivers.Values.Select(r => r.Completion)).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    /// <summary>Tries one delivery once; answers whether it is over (delivered, refused or out of tries) and how.</summary>
    private async Task<string?> TryAsync(Delivery delivery, CancellationToken stoppingToken)
    {
        var (webhook, alertId, body, attempt, _) = delivery;
        string problem;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(webhook.Secret, clock.GetUtcNow().ToUnixTimeSeconds(), body));
            request.Headers.Add(AlertIdHeader.Name, AlertIdHeader.Of(alertId));
            using var response = await _http.SendAsync(request, stoppingToken);
            if (response.IsSuccessStatusCode)
            {
                return "delivered";
            }

            if (response.StatusCode != HttpStatusCode.TooManyRequests && (int)response.StatusCode < 500)
            {
                log.LogWarning("Webhook {Url} refused alert {Alert}: {Status}", webhook.Url, alertId, (int)response.StatusCode);
                return "refused";
            }

            problem = $"answered {(int)response.StatusCode}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
        {
            problem = ex.Message;
        }

        if (attempt == Tries)
        {
            log.LogWarning("Webhook {Url} did not take alert {Alert} after {Tries} tries: {Problem}", webhook.Url, alertId, Tries, problem);
            return "failed";
        }

        return null;
    }

    /// <summary>One try of one alert's delivery to one webhook; <see cref="Wait"/> is how long the next try waits after this one fails.</summary>
    private sealed record Delivery(WebhookDefinition Webhook, string AlertId, byte[] Body, int Attempt, TimeSpan Wait);

    /// <summary>Serves one receiver's queue: a delivery to be tried again waits on a timer, and leaves the worker free.</summary>
    private async Task DeliverAllAsync(Receiver receiver, CancellationToken stoppingToken)
    {
        await foreach (var delivery in receiver.Queue.Reader.ReadAllAsync(stoppingToken))
        {
            string? outcome;
            try
            {
                outcome = await TryAsync(delivery, stoppingToken);
            }
#pragma warning disable CA1031 // one delivery's surprise must not end the worker that serves all the others
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                log.LogWarning(ex, "Webhook {Url} could not be sent alert {Alert}", delivery.Webhook.Url, delivery.AlertId);
                outcome = "failed";
            }

            if (outcome is not null)
            {
                Deliveries.WithLabels(outcome).Inc();
            }
            else
            {
                _ = RetryLaterAsync(receiver, delivery with { Attempt = delivery.Attempt + 1, Wait = delivery.Wait * 2 }, delivery.Wait, stoppingToken);
            }
        }
    }

    private async Task RetryLaterAsync(Receiver receiver, Delivery next, TimeSpan wait, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(wait, clock, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        receiver.Enqueue(next);
    }

    /// <summary>The queue of one receiver URL and the workers that serve it.</summary>
    private sealed class Receiver
    {
        public Channel<Delivery> Queue { get; } = Channel.CreateBounded<Delivery>(
            new BoundedChannelOptions(QueuedPerReceiver) { FullMode = BoundedChannelFullMode.DropOldest },
            _ => Deliveries.WithLabels("dropped").Inc());

        public Task Completion { get; set; } = Task.CompletedTask;

        /// <summary>Queues a delivery; a full queue drops its oldest (counted), a closed one (shutdown) abandons it.</summary>
        public void Enqueue(Delivery delivery) => Queue.Writer.TryWrite(delivery);

        public void Complete() => Queue.Writer.TryComplete();
    }
}
