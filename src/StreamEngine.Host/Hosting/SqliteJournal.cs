using Akka.Event;
using Akka.Persistence.Sql.Journal;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// Akka.Persistence.Sql's journal on SQLite, with its deletes made one at a time.
/// <para>
/// A brand deletes the events its snapshot covers in a transaction of its own, beside the journal's
/// writes (<see cref="SqliteStore.JournalDataOptions"/> carries each off the journal's thread).
/// Brands that journal together snapshot about together: let run at once, their deletes queued on
/// SQLite's write lock on threads of the pool, each waiting in the busy handler, and the rounds
/// behind them stalled for seconds (perf/README.md).
/// </para>
/// </summary>
/// <remarks>Shared as source with the in-process benchmark, so that it journals as the host does.</remarks>
internal class SqliteJournal(Akka.Configuration.Config journalConfig) : SqlWriteJournal(journalConfig)
{
    /// <summary>
    /// How long a delete waits for its turn before it is left to the brand's next snapshot, whose
    /// delete covers the same events. A delete's wait counts against the journal's call timeout, and
    /// ten calls past it open the circuit breaker that writes share: thousands of brands snapshotting
    /// together would queue longer than that.
    /// </summary>
    public static readonly TimeSpan DeleteTurnWait = TimeSpan.FromSeconds(15);

    private readonly TurnTaking _deletes = new(DeleteTurnWait);
    private readonly ILoggingAdapter _log = Context.GetLogger();

    protected override async Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken)
    {
        if (!await _deletes.RunAsync(() => base.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken), cancellationToken))
        {
            // The events stay: recovery starts from the snapshot and reads past them. At debug level,
            // since a storm of snapshots leaves hundreds at once.
            _log.Debug("Events of {0} up to {1} are left for its next snapshot to delete: its delete waited {2} s behind other brands'", persistenceId, toSequenceNr, DeleteTurnWait.TotalSeconds);
        }
    }
}
