using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using StreamEngine.Domain.Alerts;
using StreamEngine.Engine.Brands;

namespace StreamEngine.Host.Alerts;

/// <summary>
/// One listener's subscription to the cluster's alert topic: an actor subscribed to the topic
/// hands each alert to a bounded channel that the listener reads at its own pace. A listener too
/// slow to keep up loses the oldest alerts (they stay in GET /api/alerts), never slows a brand.
/// Disposing stops the actor, which ends the subscription.
/// </summary>
internal sealed class AlertSubscription : IDisposable
{
    private const int Buffered = 1_000;

    private readonly Channel<Alert> _alerts;
    private readonly IActorRef _subscriber;

    private AlertSubscription(Channel<Alert> alerts, IActorRef subscriber)
    {
        _alerts = alerts;
        _subscriber = subscriber;
    }

    /// <summary>Subscribes, and returns once the topic has acknowledged: no alert raised after that is missed.</summary>
    /// <param name="group">Subscribers of one group share the alerts published to one of each group (<see cref="AlertTopic.Deliveries"/>).</param>
    public static async Task<AlertSubscription> StartAsync(ActorSystem system, CancellationToken cancellation, string topic = AlertTopic.Name, string? group = null)
    {
        var alerts = Channel.CreateBounded<Alert>(new BoundedChannelOptions(Buffered) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscriber = system.ActorOf(Props.Create(() => new Subscriber(alerts.Writer, subscribed, topic, group)));
        try
        {
            await subscribed.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellation);
        }
        catch
        {
            system.Stop(subscriber);
            throw;
        }

        return new AlertSubscription(alerts, subscriber);
    }

    /// <summary>The next alert, or null when none came within <paramref name="wait"/>.</summary>
    public async Task<Alert?> NextAsync(TimeSpan wait, CancellationToken cancellation)
    {
        if (_alerts.Reader.TryRead(out var ready))
        {
            return ready;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(wait);
        try
        {
            return await _alerts.Reader.WaitToReadAsync(timeout.Token) && _alerts.Reader.TryRead(out var alert) ? alert : null;
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return null;
        }
    }

    public void Dispose() => _subscriber.Tell(PoisonPill.Instance);

    private sealed class Subscriber : ReceiveActor
    {
        private readonly string _topic;
        private readonly string? _group;

        public Subscriber(ChannelWriter<Alert> alerts, TaskCompletionSource subscribed, string topic, string? group)
        {
            _topic = topic;
            _group = group;
            Receive<SubscribeAck>(_ => subscribed.TrySetResult());
            Receive<AlertPublished>(published => alerts.TryWrite(published.Alert));
        }

        protected override void PreStart() =>
            DistributedPubSub.Get(Context.System).Mediator.Tell(new Subscribe(_topic, Self, _group));
    }
}
