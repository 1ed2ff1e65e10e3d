using Akka.Actor;
using Akka.Event;

namespace StreamEngine.Engine.Brands;

/// <summary>
/// Answers, on the node where it ended as a dead letter, a brand message that reached no running
/// brand. A brand that cannot recover stops with what it was sent meanwhile still stashed; one whose
/// journal write failed can stop with messages still in its mailbox; a message for a node whose
/// connection is gone is dead-lettered where it was sent. None of them was handled, and each sender
/// that waits for an answer (a round of ingest, a dashboard query, on whichever node it runs) is
/// told so at once rather than waiting out its ask: 125 s for a round, whose posts are then sent
/// again, 10 s for a query. A brand whose recovery has just failed here is named with the cause.
/// </summary>
public sealed class BrandStopAnswers : ReceiveActor
{
    // A brand publishes its recovery failure just before it stops, and its dead letters follow at
    // once: an older failure says nothing of a later stop.
    private static readonly TimeSpan FailureExplains = TimeSpan.FromSeconds(10);

    private const int FailuresRemembered = 1024;

    private readonly Dictionary<string, (BrandRecoveryFailed Failure, long At)> _failures = new(StringComparer.Ordinal);

    public BrandStopAnswers()
    {
        Receive<BrandRecoveryFailed>(Remember);
        Receive<DeadLetter>(Answer);
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new BrandStopAnswers());

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(DeadLetter));
        Context.System.EventStream.Subscribe(Self, typeof(BrandRecoveryFailed));
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private void Remember(BrandRecoveryFailed failed)
    {
        if (_failures.Count >= FailuresRemembered)
        {
            // A store failing every brand at once: only the latest few can still explain a stop.
            var now = TimeProvider.System.GetTimestamp();
            foreach (var brandId in _failures.Where(f => TimeProvider.System.GetElapsedTime(f.Value.At, now) > FailureExplains).Select(f => f.Key).ToList())
            {
                _failures.Remove(brandId);
            }
        }

        if (_failures.Count < FailuresRemembered || _failures.ContainsKey(failed.BrandId))
        {
            _failures[failed.BrandId] = (failed, TimeProvider.System.GetTimestamp());
        }
    }

    private void Answer(DeadLetter dead)
    {
        // Announcements of event time are told, not asked: no one waits for them.
        if (dead.Message is not IBrandMessage message || message is FirehoseReachedMinute || dead.Sender.IsNobody())
        {
            return;
        }

        var what = message is RecordMentions ? "batch" : "query";

        // Worded as the recovery watch words the same failure: whichever answer comes first, the sender reads one story.
        var text = _failures.TryGetValue(message.BrandId, out var failed) && TimeProvider.System.GetElapsedTime(failed.At) <= FailureExplains
            ? $"brand '{message.BrandId}' could not recover its figures from the store ({failed.Failure.Cause}); the {what} it was sent was not handled: mend or restore the store, then send it again"
            : $"the {what} for brand '{message.BrandId}' reached no running brand (it stopped first, after a failed journal write, or its node could not be reached); nothing was done: send it again";
        dead.Sender.Tell(new Status.Failure(new BrandStoppedException(text)));
    }
}
