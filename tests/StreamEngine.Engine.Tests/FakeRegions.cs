using System.Collections.Concurrent;
using Akka.Actor;
using StreamEngine.Engine.Brands;

namespace StreamEngine.Engine.Tests;

/// <summary>Stands in for the brand shard region: records every batch and acknowledges it at once.</summary>
internal sealed class AcknowledgingRegion : ReceiveActor
{
    public AcknowledgingRegion(ConcurrentQueue<RecordMentions> received)
    {
        Receive<RecordMentions>(m =>
        {
            received.Enqueue(m);
            Sender.Tell(new MentionsAcknowledged(m.BrandId, m.Delta.Mentions));
        });
    }

    public static Props PropsFor(ConcurrentQueue<RecordMentions> received) => Props.Create(() => new AcknowledgingRegion(received));

    /// <summary>Mentions received per brand, however the pipeline grouped them into messages.</summary>
    public static Dictionary<string, long> MentionsPerBrand(IEnumerable<RecordMentions> received) =>
        received.GroupBy(m => m.BrandId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(m => m.Delta.Mentions), StringComparer.Ordinal);
}

/// <summary>Stands in for a brand shard region that takes batches and never answers.</summary>
internal sealed class SilentRegion : ReceiveActor
{
    public SilentRegion(ConcurrentQueue<RecordMentions> received)
    {
        Receive<RecordMentions>(received.Enqueue);
    }

    public static Props PropsFor(ConcurrentQueue<RecordMentions> received) => Props.Create(() => new SilentRegion(received));
}

/// <summary>Stands in for a brand shard region whose brands refuse every batch, as they do one that arrives past its write-by time.</summary>
internal sealed class RefusingRegion : ReceiveActor
{
    public RefusingRegion(ConcurrentQueue<RecordMentions> received)
    {
        Receive<RecordMentions>(m =>
        {
            received.Enqueue(m);
            Sender.Tell(new Status.Failure(new TimeoutException($"the batch for brand '{m.BrandId}' came after the time it had to be taken up")));
        });
    }

    public static Props PropsFor(ConcurrentQueue<RecordMentions> received) => Props.Create(() => new RefusingRegion(received));
}

/// <summary>Stands in for a brand shard region that loses the first batch it is sent and acknowledges the rest.</summary>
internal sealed class FirstBatchLostRegion : ReceiveActor
{
    public FirstBatchLostRegion(ConcurrentQueue<RecordMentions> received)
    {
        var lost = false;
        Receive<RecordMentions>(m =>
        {
            if (!lost)
            {
                lost = true;
                return;
            }

            received.Enqueue(m);
            Sender.Tell(new MentionsAcknowledged(m.BrandId, m.Delta.Mentions));
        });
    }

    public static Props PropsFor(ConcurrentQueue<RecordMentions> received) => Props.Create(() => new FirstBatchLostRegion(received));
}

/// <summary>
/// Stands in for a brand shard region that records batches and acknowledges them only when sent
/// <see cref="Acknowledge"/>: a test can look at a round while it certainly waits for its journal.
/// </summary>
internal sealed class HoldingRegion : ReceiveActor
{
    public HoldingRegion(ConcurrentQueue<RecordMentions> received)
    {
        var held = new List<(IActorRef Sender, RecordMentions Batch)>();
        Receive<RecordMentions>(m =>
        {
            received.Enqueue(m);
            held.Add((Sender, m));
        });
        Receive<Acknowledge>(_ =>
        {
            foreach (var (sender, batch) in held)
            {
                sender.Tell(new MentionsAcknowledged(batch.BrandId, batch.Delta.Mentions));
            }

            held.Clear();
        });
    }

    public sealed record Acknowledge;

    public static Props PropsFor(ConcurrentQueue<RecordMentions> received) => Props.Create(() => new HoldingRegion(received));
}

/// <summary>
/// Stands in for a brand shard region where one brand's first <c>times</c> batches are not journaled
/// (its store unreachable; every one by default) and every other brand's are.
/// </summary>
internal sealed class OneBrandLostRegion : ReceiveActor
{
    public OneBrandLostRegion(string lostBrand, ConcurrentQueue<RecordMentions> received, int times)
    {
        var lost = 0;
        Receive<RecordMentions>(m =>
        {
            if (m.BrandId == lostBrand && lost < times)
            {
                lost++;
                return;
            }

            received.Enqueue(m);
            Sender.Tell(new MentionsAcknowledged(m.BrandId, m.Delta.Mentions));
        });
    }

    public static Props PropsFor(string lostBrand, ConcurrentQueue<RecordMentions> received, int times = int.MaxValue) =>
        Props.Create(() => new OneBrandLostRegion(lostBrand, received, times));
}

/// <summary>
/// Stands in for a brand shard region that holds one brand's batches until sent
/// <see cref="HoldingRegion.Acknowledge"/>, acknowledges every other brand's at once, and keeps
/// the event time announced to it, for <see cref="Announced"/> to read back in order.
/// </summary>
internal sealed class OneBrandHeldRegion : ReceiveActor
{
    public OneBrandHeldRegion(string heldBrand)
    {
        var held = new List<(IActorRef Sender, RecordMentions Batch)>();
        var announced = new List<FirehoseReachedMinute>();
        Receive<RecordMentions>(m =>
        {
            if (m.BrandId == heldBrand)
            {
                held.Add((Sender, m));
                return;
            }

            Sender.Tell(new MentionsAcknowledged(m.BrandId, m.Delta.Mentions));
        });
        Receive<HoldingRegion.Acknowledge>(_ =>
        {
            foreach (var (sender, batch) in held)
            {
                sender.Tell(new MentionsAcknowledged(batch.BrandId, batch.Delta.Mentions));
            }

            held.Clear();
        });
        Receive<FirehoseReachedMinute>(announced.Add);
        Receive<Announced>(_ => Sender.Tell(announced.ToList()));
    }

    /// <summary>Asks for the announcements received so far.</summary>
    public sealed record Announced;

    public static Props PropsFor(string heldBrand) => Props.Create(() => new OneBrandHeldRegion(heldBrand));
}
