using Akka.Actor;
using Akka.Event;

namespace StreamEngine.Engine.Brands;

/// <summary>
/// Answers, on the node where a brand stopped, what it was sent and never handled. A brand that
/// cannot recover stops with what it was sent meanwhile still stashed, and one whose journal write
/// failed, or that was stopped for a hand-off, can stop with messages still in its mailbox: they all
/// end as dead letters, their senders unanswered. Each sender that waits for an answer (a round of
/// ingest, a dashboard query; on whichever node it runs) is told at once that nothing was done,
/// rather than waiting out its ask: 125 s for a round, whose posts are then sent again, 10 s for a
/// query. A brand whose recovery failed here is named with the cause.
/// </summary>
public sealed class BrandStopAnswers : ReceiveActor
{
    // Bounded: only a recent failure explains a stop, and a store that fails every brand must not grow this without end.
    private const int FailuresRemembered = 1024;

    private readonly Dictionary<string, BrandRecoveryFailed> _failures = new(StringComparer.Ordinal);
    private readonly Queue<string> _failureOrder = new();

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
        if (!_failures.ContainsKey(failed.BrandId))
        {
            _failureOrder.Enqueue(failed.BrandId);
            if (_failureOrder.Count > FailuresRemembered)
            {
                _failures.Remove(_failureOrder.Dequeue());
            }
        }

        _failures[failed.BrandId] = failed;
    }

    private void Answer(DeadLetter dead)
    {
        // Announcements of event time are told, not asked: no one waits for them.
        if (dead.Message is not IBrandMessage message || message is FirehoseReachedMinute || !Waits(dead.Sender))
        {
            return;
        }

        // Worded as the recovery watch words the same failure: whichever answer comes first, the sender reads one story.
        var text = _failures.TryGetValue(message.BrandId, out var failed)
            ? $"brand '{message.BrandId}' could not recover its figures from the store ({failed.Cause}); the {Describe(message)} it was sent was not handled: mend or restore the store, then send it again"
            : $"brand '{message.BrandId}' stopped before it handled the {Describe(message)} it was sent (a journal write failed, or it was handed to another node); nothing was done: send it again";
        dead.Sender.Tell(new Status.Failure(new BrandStoppedException(text)));
    }

    private static bool Waits(IActorRef sender) =>
        !sender.IsNobody() && sender is not DeadLetterActorRef;

    private static string Describe(IBrandMessage message) => message is RecordMentions ? "batch" : "query";
}
