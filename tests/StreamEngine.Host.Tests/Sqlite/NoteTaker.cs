using Akka;
using Akka.Actor;
using Akka.Persistence;

namespace StreamEngine.Host.Tests.Sqlite;

/// <summary>The smallest persistent actor: it journals notes, snapshots them and prunes its journal on request.</summary>
internal sealed class NoteTaker : ReceivePersistentActor
{
    private readonly List<string> _notes = [];
    private IActorRef _waiting = ActorRefs.Nobody;

    public NoteTaker(string persistenceId)
    {
        PersistenceId = persistenceId;
        Recover<string>(_notes.Add);
        Recover<SnapshotOffer>(offer => _notes.AddRange((string[])offer.Snapshot));
        Command<Note>(note => Persist(note.Text, text =>
        {
            _notes.Add(text);
            Sender.Tell(Done.Instance);
        }));
        Command<ReadNotes>(_ => Sender.Tell(string.Join(",", _notes)));
        Command<SnapshotNotes>(_ =>
        {
            _waiting = Sender;
            SaveSnapshot(_notes.ToArray());
        });
        Command<SaveSnapshotSuccess>(_ => _waiting.Tell(Done.Instance));

        // Said at once, with the cause, rather than left to the asker's timeout.
        Command<SaveSnapshotFailure>(failure => _waiting.Tell(new Status.Failure(failure.Cause)));
        Command<PruneJournal>(prune =>
        {
            _waiting = Sender;
            DeleteMessages(prune.UpToSequenceNr);
        });
        Command<DeleteMessagesSuccess>(_ => _waiting.Tell(Done.Instance));
    }

    public override string PersistenceId { get; }

    public static Props Props(string persistenceId) => Akka.Actor.Props.Create(() => new NoteTaker(persistenceId));
}

internal sealed record Note(string Text);

internal sealed record ReadNotes;

internal sealed record SnapshotNotes;

internal sealed record PruneJournal(long UpToSequenceNr);
