using Akka.Actor;
using Akka.Event;
using Akka.TestKit.Xunit2;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Engine.Brands;

namespace StreamEngine.Engine.Tests;

/// <summary>What a shard region drops at a hand-off reaches its brand after all, and its sender hears the answer.</summary>
public sealed class HandOffRedeliveryTests : TestKit
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(15);

    private async Task<IActorRef> Listening(IActorRef region)
    {
        var redelivery = Sys.ActorOf(HandOffRedelivery.PropsFor(region));

        // It subscribes before it handles its first message: once it has answered, nothing published is missed.
        await redelivery.Ask<ActorIdentity>(new Identify(null), Generous);
        return redelivery;
    }

    [Fact]
    public async Task A_batch_dropped_at_its_shards_hand_off_is_sent_again_and_its_ask_answered()
    {
        var region = CreateTestProbe();
        await Listening(region.Ref);
        var batch = new RecordMentions("acme", new BrandDelta([]));
        var ask = region.Ref.Ask<MentionsAcknowledged>(batch, Generous);
        region.ExpectMsg(batch);

        Sys.EventStream.Publish(new Dropped(batch, HandOffRedelivery.HandOffReason, region.LastSender, ActorRefs.NoSender));

        region.ExpectMsg(batch);
        region.Reply(new MentionsAcknowledged("acme", 3));
        Assert.Equal(new MentionsAcknowledged("acme", 3), await ask.WaitAsync(Generous));
    }

    [Fact]
    public async Task Only_brand_messages_dropped_at_a_hand_off_are_sent_again()
    {
        var region = CreateTestProbe();
        var sender = CreateTestProbe();
        await Listening(region.Ref);
        var full = new RecordMentions("acme", new BrandDelta([]));
        var query = new GetBrandSummary("globex", TimeWindow.FifteenMinutes);
        var last = new RecordMentions("initech", new BrandDelta([]));

        Sys.EventStream.Publish(new Dropped(full, "Buffer for [acme] is full", sender.Ref, ActorRefs.NoSender));
        Sys.EventStream.Publish(new Dropped("not for a brand", HandOffRedelivery.HandOffReason, sender.Ref, ActorRefs.NoSender));
        Sys.EventStream.Publish(new Dropped(query, HandOffRedelivery.HandOffReason, sender.Ref, ActorRefs.NoSender));
        Sys.EventStream.Publish(new Dropped(last, HandOffRedelivery.HandOffReason, sender.Ref, ActorRefs.NoSender));

        // Handled in the order published: had the two others been sent, they would come first.
        Assert.Equal(query, region.ExpectMsg<GetBrandSummary>());
        Assert.Equal(sender.Ref, region.LastSender);
        Assert.Equal(last, region.ExpectMsg<RecordMentions>());
    }
}
