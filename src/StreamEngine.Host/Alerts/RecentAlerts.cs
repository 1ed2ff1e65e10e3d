using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.PublishSubscribe;
using StreamEngine.Domain.Alerts;
using StreamEngine.Engine.Brands;

namespace StreamEngine.Host.Alerts;

/// <summary>Asks <see cref="RecentAlerts"/> for the alerts heard after <paramref name="AlertId"/>.</summary>
internal sealed record AlertsHeardAfter(string AlertId);

/// <summary>
/// The answer to <see cref="AlertsHeardAfter"/>: the alerts in the order this node heard them, or
/// <see cref="Heard"/> false when the alert asked about is not among those kept (older than them,
/// raised before this node started, or never raised).
/// </summary>
internal sealed record HeardAlerts(bool Heard, IReadOnlyList<Alert> Alerts);

/// <summary>
/// The latest alerts raised anywhere in the cluster, in the order this node heard of them: what a
/// dashboard that reconnects to the alert stream missed since the last alert it read (the stream's
/// Last-Event-ID). Subscribed from the node's start, so nothing raised since is missing.
/// </summary>
internal sealed class RecentAlerts : ReceiveActor
{
    /// <summary>How many alerts a node keeps; a reconnect that goes back further reads the brands' own.</summary>
    public const int Kept = 10_000;

    /// <summary>
    /// Alerts raised on two nodes at about the same moment may reach two members in either order,
    /// so a dashboard that reconnects to another member could find one heard just before its last
    /// alert there that it never read. In a cluster of more than one member, the alerts heard this
    /// long before the last one read are sent again; a client drops those whose id it has.
    /// </summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromSeconds(2);

    private readonly Queue<(Alert Alert, long HeardAt)> _heard = new();
    private readonly TimeProvider _clock;

    public RecentAlerts(TimeProvider clock)
    {
        _clock = clock;
        Receive<SubscribeAck>(_ => { });
        Receive<AlertPublished>(published =>
        {
            if (_heard.Count == Kept)
            {
                _heard.Dequeue();
            }

            _heard.Enqueue((published.Alert, _clock.GetTimestamp()));
        });
        Receive<AlertsHeardAfter>(ask => Sender.Tell(After(ask.AlertId)));
    }

    public static Props Props(TimeProvider clock) => Akka.Actor.Props.Create(() => new RecentAlerts(clock));

    protected override void PreStart() =>
        DistributedPubSub.Get(Context.System).Mediator.Tell(new Subscribe(AlertTopic.Name, Self));

    private HeardAlerts After(string alertId)
    {
        var overlap = Cluster.Get(Context.System).State.Members.Count > 1
            ? (long)(Overlap.TotalSeconds * _clock.TimestampFrequency)
            : 0;
        return After(_heard.ToArray(), alertId, overlap);
    }

    /// <summary>
    /// The alerts heard after the last hearing of <paramref name="alertId"/>, with those heard up to
    /// <paramref name="overlap"/> (in timestamp ticks) before it; or, if it was not heard, none.
    /// </summary>
    internal static HeardAlerts After(ReadOnlySpan<(Alert Alert, long HeardAt)> heard, string alertId, long overlap)
    {
        var last = heard.Length - 1;
        while (last >= 0 && AlertStreamId.Of(heard[last].Alert) != alertId)
        {
            last--;
        }

        if (last < 0)
        {
            return new HeardAlerts(false, []);
        }

        var first = last + 1;
        while (overlap > 0 && first > 0 && heard[last].HeardAt - heard[first - 1].HeardAt <= overlap)
        {
            first--;
        }

        var alerts = new List<Alert>(heard.Length - first);
        for (var i = first; i < heard.Length; i++)
        {
            if (i != last)
            {
                alerts.Add(heard[i].Alert);
            }
        }

        return new HeardAlerts(true, alerts);
    }
}
