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
    private readonly SemaphoreSlim _deletes = new(1, 1);

    protected override async Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken)
    {
        await _deletes.WaitAsync(cancellationToken);
        try
        {
            await base.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken);
        }
        finally
        {
            _deletes.Release();
        }
    }
}
