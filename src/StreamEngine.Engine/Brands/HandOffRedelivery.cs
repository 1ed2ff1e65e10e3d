using Akka.Actor;
using Akka.Event;
using StreamEngine.Engine.Telemetry;

namespace StreamEngine.Engine.Brands;

/// <summary>
/// Sends again, through the brand shard region and for their first sender, the brand messages a
/// region dropped while their shard was handed off to another node. Akka.Cluster.Sharding drops
/// what it buffered for a shard between the start of its hand-off and the hand-off itself, lest
/// messages forwarded by other regions overtake them; a dropped batch was never delivered, so its
/// round waited until it stopped waiting and answered 503 (at one node stop in eight and one rebalance
/// in sixteen, in a cluster run). Order does not matter to brands (a batch adds up, a query reads), and a
/// batch sent again past the time it had to be taken up is refused by its brand unwritten
/// (<see cref="RecordMentions.WriteBy"/>), and its sender, still waiting, hears so: sending it
/// again can neither reorder figures nor count a post twice.
/// </summary>
/// <remarks>
/// Only that drop is undone. Others mean the shard cannot take the message (its buffer is full, the
/// message names no brand): sent again at once, they would come straight back.
/// </remarks>
public sealed class HandOffRedelivery : ReceiveActor
{
    /// <summary>The reason Akka.Cluster.Sharding's ShardRegion gives the messages it drops at a hand-off.</summary>
    public const string HandOffReason = "Avoiding reordering of buffered messages at shard handoff";

    private readonly ILoggingAdapter _log = Context.GetLogger();

    public HandOffRedelivery(IActorRef brandRegion)
    {
        Receive<Dropped>(d =>
        {
            if (d.Reason != HandOffReason || d.Message is not IBrandMessage message)
            {
                return;
            }

            brandRegion.Tell(message, d.Sender);
            EngineMetrics.BrandMessagesRedelivered.Inc();
            _log.Info("Sent again a {0} for brand '{1}' that the shard region dropped at its shard's hand-off", message.GetType().Name, message.BrandId);
        });
    }

    public static Props PropsFor(IActorRef brandRegion) => Props.Create(() => new HandOffRedelivery(brandRegion));

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(Dropped));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
