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
/// so a cluster posts each alert once. Deliveries wait in a bounded queue served by a few workers:
/// a slow or dead receiver delays nothing but its own deliveries, never ingest or the brands. A
/// delivery answered 2xx is done; 429, 5xx or no answer is tried again after 1, 2, 4, 8 and 16
/// times the first wait; any other answer is final. What cannot be delivered is logged and counted.
/// </summary>
internal sealed class WebhookDispatcher(
    ActorSystem system, CurrentModel current, StreamEngineOptions options, TimeProvider clock, IOptions<JsonOptions> json, ILogger<WebhookDispatcher> log)
    : BackgroundService
{
    private const string Group = "webhooks";
    private const int Tries = 6;
    private const int Workers = 4;
    private const int Queued = 10_000;

    private static readonly Counter Deliveries = Metrics.CreateCounter(
        "streamengine_webhook_deliveries_total", "Webhook deliveries by outcome: delivered, refused (a final non-2xx answer), failed (out of tries), dropped (queue full).",
        new CounterConfiguration { LabelNames = ["outcome"] });

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Channel<(WebhookDefinition Webhook, Alert Alert)> _queue =
        Channel.CreateBounded<(WebhookDefinition, Alert)>(new BoundedChannelOptions(Queued) { FullMode = BoundedChannelFullMode.DropOldest });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = await AlertSubscription.StartAsync(system, stoppingToken, AlertTopic.Deliveries, Group);
        var workers = Enumerable.Range(0, Workers).Select(_ => Task.Run(() => DeliverAllAsync(stoppingToken), stoppingToken)).ToList();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (await subscription.NextAsync(TimeSpan.FromMinutes(1), stoppingToken) is not { } alert)
                {
                    continue;
                }

                foreach (var webhook in current.Model.Webhooks.Where(w => w.Wants(alert)))
                {
                    if (!_queue.Writer.TryWrite((webhook, alert)))
                    {
                        Deliveries.WithLabels("dropped").Inc();
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: queued deliveries are abandoned, the alerts stay in GET /api/alerts.
        }

        _queue.Writer.TryComplete();
        await Task.WhenAll(workers).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    private async Task DeliverAllAsync(CancellationToken stoppingToken)
    {
        await foreach (var (webhook, alert) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            string outcome;
            try
            {
                outcome = await DeliverAsync(webhook, alert, stoppingToken);
            }
#pragma warning disable CA1031 // one delivery's surprise must not end the worker that serves all the others
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                log.LogWarning(ex, "Webhook {Url} could not be sent alert {Alert}", webhook.Url, alert.Id);
                outcome = "failed";
            }

            Deliveries.WithLabels(outcome).Inc();
        }
    }

    private async Task<string> DeliverAsync(WebhookDefinition webhook, Alert alert, CancellationToken stoppingToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(AlertResponses.From(alert), json.Value.SerializerOptions);
        var wait = TimeSpan.FromMilliseconds(options.WebhookRetryMs);
        for (var attempt = 1; attempt <= Tries; attempt++)
        {
            string problem;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new("application/json");
                request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(webhook.Secret, clock.GetUtcNow().ToUnixTimeSeconds(), body));
                request.Headers.Add("X-StreamEngine-Alert", alert.Id);
                using var response = await _http.SendAsync(request, stoppingToken);
                if (response.IsSuccessStatusCode)
                {
                    return "delivered";
                }

                if (response.StatusCode != HttpStatusCode.TooManyRequests && (int)response.StatusCode < 500)
                {
                    log.LogWarning("Webhook {Url} refused alert {Alert}: {Status}", webhook.Url, alert.Id, (int)response.StatusCode);
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
                log.LogWarning("Webhook {Url} did not take alert {Alert} after {Tries} tries: {Problem}", webhook.Url, alert.Id, Tries, problem);
                break;
            }

            await Task.Delay(wait, clock, stoppingToken);
            wait *= 2;
        }

        return "failed";
    }
}
