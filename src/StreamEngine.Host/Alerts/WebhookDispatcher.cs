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
/// A webhook taken out of the model is withdrawn at once: its queued and waiting deliveries are
/// dropped (counted) and its workers end.
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
        "streamengine_webhook_deliveries_total", "Webhook deliveries by outcome: delivered, refused (a final non-2xx answer), failed (out of tries), dropped (queue full), withdrawn (its webhook left the model), abandoned (queued or waiting to be tried again when the node stopped).",
        new CounterConfiguration { LabelNames = ["outcome"] });

    // A redirect is an answer like any other (final, as docs/alerts.md says): followed, it sent the
    // signed alert wherever the receiver pointed, an internal address included.
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(10) };
    // Touched by the alert loop and by model swaps, under its own lock.
    private readonly Dictionary<string, Receiver> _receivers = new(StringComparer.Ordinal);

    // What the node's stop left undelivered, named in one log line so an operator can send it again.
    private readonly System.Collections.Concurrent.ConcurrentQueue<Delivery> _abandoned = new();
    private readonly TaskCompletionSource _noRetryWaiting = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waitingRetries;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = await AlertSubscription.StartAsync(system, stoppingToken, AlertTopic.Deliveries, Group);
        current.Replaced += WithdrawRemovedWebhooks;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (await subscription.NextAsync(TimeSpan.FromMinutes(1), stoppingToken) is not { } alert)
                {
                    continue;
                }

                // The model is read under the lock a swap's withdrawal takes: either the swap withdraws
                // the receivers made here, or the webhooks are read from the model it put in force.
                lock (_receivers)
                {
                    // A URL listed in several entries gets each alert once.
                    var wanting = current.Model.Webhooks.Where(w => w.Wants(alert)).DistinctBy(w => w.Url.AbsoluteUri, StringComparer.Ordinal).ToList();
                    if (wanting.Count == 0)
                    {
                        continue;
                    }

                    var body = JsonSerializer.SerializeToUtf8Bytes(AlertResponses.From(alert), json.Value.SerializerOptions);
                    foreach (var webhook in wanting)
                    {
                        ReceiverOf(webhook, stoppingToken).Enqueue(new Delivery(webhook, alert.Id, body, Attempt: 1, TimeSpan.FromMilliseconds(options.WebhookRetryMs)));
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: queued deliveries are abandoned, the alerts stay in GET /api/alerts.
        }
        finally
        {
            current.Replaced -= WithdrawRemovedWebhooks;
        }

        Receiver[] receivers;
        lock (_receivers)
        {
            receivers = [.. _receivers.Values];
        }

        foreach (var receiver in receivers)
        {
            receiver.Complete();
        }

        await Task.WhenAll(receivers.Select(r => r.Completion)).ContinueWith(_ => { }, TaskScheduler.Default);

        // The retries waiting on their timers end at once on the stop: wait for them to be counted.
        if (Volatile.Read(ref _waitingRetries) > 0)
        {
            await Task.WhenAny(_noRetryWaiting.Task, Task.Delay(TimeSpan.FromSeconds(2), clock));
        }

        foreach (var receiver in receivers)
        {
            while (receiver.Queue.Reader.TryRead(out var left))
            {
                _abandoned.Enqueue(left);
            }
        }

        ReportAbandoned();
    }

    /// <summary>Counts and names, in one warning, the deliveries the stop left undelivered: their alerts stay in GET /api/alerts.</summary>
    private void ReportAbandoned()
    {
        var abandoned = _abandoned.ToArray();
        if (abandoned.Length == 0)
        {
            return;
        }

        Deliveries.WithLabels("abandoned").Inc(abandoned.Length);
        const int Named = 100;
        var named = string.Join(", ", abandoned.Take(Named).Select(d => $"{d.AlertId} to {d.Webhook.Url}"));
        log.LogWarning(
            "Webhook deliveries abandoned as the node stopped: {Count} ({Deliveries}{More}); their alerts stay in GET /api/alerts",
            abandoned.Length, named, abandoned.Length > Named ? $" and {abandoned.Length - Named} more" : "");
    }

    private Receiver ReceiverOf(WebhookDefinition webhook, CancellationToken stoppingToken)
    {
        if (!_receivers.TryGetValue(webhook.Url.AbsoluteUri, out var receiver))
        {
            _receivers[webhook.Url.AbsoluteUri] = receiver = new Receiver();
            receiver.Completion = Task.WhenAll(Enumerable.Range(0, WorkersPerReceiver)
                .Select(_ => Task.Run(() => DeliverAllAsync(receiver, stoppingToken), stoppingToken)));
        }

        return receiver;
    }

    /// <summary>
    /// Ends the receivers of URLs the model no longer names: what they still hold is dropped, as the
    /// operator took the webhook out. A URL named again later gets a new receiver.
    /// </summary>
    private void WithdrawRemovedWebhooks(object? sender, EventArgs e)
    {
        // Called by the model swap itself: whatever goes wrong here must not fail the swap.
        try
        {
            List<KeyValuePair<string, Receiver>> removed;
            lock (_receivers)
            {
                var named = current.Model.Webhooks.Select(w => w.Url.AbsoluteUri).ToHashSet(StringComparer.Ordinal);
                removed = [.. _receivers.Where(r => !named.Contains(r.Key))];
                foreach (var (url, _) in removed)
                {
                    _receivers.Remove(url);
                }
            }

            // Outside the lock: cancelling runs every waiting retry's continuation.
            foreach (var (url, receiver) in removed)
            {
                receiver.Withdraw();
                log.LogInformation("Webhook {Url} left the model: its waiting deliveries are dropped", url);
            }
        }
#pragma warning disable CA1031 // logged; the new model is in force either way
        catch (Exception ex)
#pragma warning restore CA1031
        {
            log.LogError(ex, "Withdrawing the webhooks the model no longer names failed");
        }
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
            request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(SecretOf(webhook), clock.GetUtcNow().ToUnixTimeSeconds(), body));
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

    /// <summary>
    /// The webhook's secret as the model in force gives it: a receiver that rotated its secret with a
    /// model swap refused the retries still signed with the old one, and a refusal is final.
    /// </summary>
    private string SecretOf(WebhookDefinition webhook) =>
        current.Model.Webhooks.FirstOrDefault(w => w.Url.AbsoluteUri == webhook.Url.AbsoluteUri)?.Secret ?? webhook.Secret;

    /// <summary>One try of one alert's delivery to one webhook; <see cref="Wait"/> is how long the next try waits after this one fails.</summary>
    private sealed record Delivery(WebhookDefinition Webhook, string AlertId, byte[] Body, int Attempt, TimeSpan Wait);

    /// <summary>Serves one receiver's queue: a delivery to be tried again waits on a timer, and leaves the worker free.</summary>
    private async Task DeliverAllAsync(Receiver receiver, CancellationToken stoppingToken)
    {
        // A delivery in flight when its webhook is withdrawn is cut short, not left to its 10 s timeout.
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, receiver.Withdrawn);
        await foreach (var delivery in receiver.Queue.Reader.ReadAllAsync(stoppingToken))
        {
            if (receiver.Withdrawn.IsCancellationRequested)
            {
                Deliveries.WithLabels("withdrawn").Inc();
                continue;
            }

            string? outcome;
            try
            {
                outcome = await TryAsync(delivery, sending.Token);
            }
            catch (OperationCanceledException) when (receiver.Withdrawn.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
            {
                outcome = "withdrawn";
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // In flight as the node stopped: cut short, and named with the others left undelivered.
                _abandoned.Enqueue(delivery);
                return;
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
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, receiver.Withdrawn);
        Interlocked.Increment(ref _waitingRetries);
        try
        {
            try
            {
                await Task.Delay(wait, clock, waiting.Token);
            }
            catch (OperationCanceledException)
            {
                if (stoppingToken.IsCancellationRequested && !receiver.Withdrawn.IsCancellationRequested)
                {
                    _abandoned.Enqueue(next);
                }
                else
                {
                    Deliveries.WithLabels("withdrawn").Inc();
                }

                return;
            }

            // A timer that fires as the node stops finds the queue closed: the delivery is abandoned.
            if (!receiver.Enqueue(next) && !receiver.Withdrawn.IsCancellationRequested)
            {
                _abandoned.Enqueue(next);
            }
        }
        finally
        {
            if (Interlocked.Decrement(ref _waitingRetries) == 0 && stoppingToken.IsCancellationRequested)
            {
                _noRetryWaiting.TrySetResult();
            }
        }
    }

    /// <summary>The queue of one receiver URL and the workers that serve it.</summary>
    private sealed class Receiver
    {
        private readonly CancellationTokenSource _withdrawn = new();

        public Channel<Delivery> Queue { get; } = Channel.CreateBounded<Delivery>(
            new BoundedChannelOptions(QueuedPerReceiver) { FullMode = BoundedChannelFullMode.DropOldest },
            _ => Deliveries.WithLabels("dropped").Inc());

        public Task Completion { get; set; } = Task.CompletedTask;

        /// <summary>Cancelled once the receiver's webhook has left the model.</summary>
        public CancellationToken Withdrawn => _withdrawn.Token;

        /// <summary>
        /// Queues a delivery; a full queue drops its oldest (counted). A closed queue takes nothing and
        /// answers false: at shutdown the caller abandons the delivery, for a withdrawn webhook it is
        /// counted as withdrawn here.
        /// </summary>
        public bool Enqueue(Delivery delivery)
        {
            if (Queue.Writer.TryWrite(delivery))
            {
                return true;
            }

            if (Withdrawn.IsCancellationRequested)
            {
                Deliveries.WithLabels("withdrawn").Inc();
            }

            return false;
        }

        public void Complete() => Queue.Writer.TryComplete();

        /// <summary>Ends the receiver: its workers drop what is queued, its waiting retries end, nothing more is taken.</summary>
        public void Withdraw()
        {
            _withdrawn.Cancel();
            Complete();
        }
    }
}
