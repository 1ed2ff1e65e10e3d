using Akka.Persistence.Sql.Config;
using Akka.Persistence.Sql.Db;
using Akka.Persistence.Sql.Snapshot;
using LinqToDB;
using LinqToDB.Async;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// Which persistence ids had a snapshot when the node started, read in one query, so that a brand
/// with none (every brand of a young store, and those between their first events and their first
/// snapshot) skips the snapshot store's query when it recovers. Sound for the same reason as
/// <see cref="JournalAtStart"/>: this node is the store's only writer.
/// </summary>
internal sealed class SnapshotsAtStart
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _askedBeforeRead = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HashSet<string>? _withSnapshots;
    private bool _read;
    private bool _allToStore;

    /// <summary>Reads the ids that have snapshots.</summary>
    /// <returns>How many ids have one; null when every id was already left to the store (after a restart), and nothing read.</returns>
    public async Task<int?> ReadAsync(SnapshotConfig config, CancellationToken cancel)
    {
        lock (_gate)
        {
            if (_allToStore)
            {
                return null;
            }
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await using var connection = new AkkaPersistenceDataConnectionFactory(config).GetConnection();
            var query = connection.UseDateTime
                ? connection.GetTable<DateTimeSnapshotRow>().Select(r => r.PersistenceId).Distinct()
                : connection.GetTable<LongSnapshotRow>().Select(r => r.PersistenceId).Distinct();
            await foreach (var id in query.AsAsyncEnumerable().WithCancellation(cancel))
            {
                ids.Add(id);
            }
        }
        catch
        {
            Finish(null);
            throw;
        }

        var count = ids.Count;
        Finish(ids);
        return count;
    }

    /// <summary>
    /// Done once the read has ended, however it ended (or every id was left to the store): a load
    /// that waits for it can be answered from it.
    /// </summary>
    public Task Settled => _settled.Task;

    /// <summary>Whether the id is known to have no snapshot: if not, the store must be asked.</summary>
    public bool KnownToHaveNone(string persistenceId)
    {
        lock (_gate)
        {
            if (!_read)
            {
                _askedBeforeRead.Add(persistenceId);
                return false;
            }

            return _withSnapshots is not null && !_withSnapshots.Contains(persistenceId);
        }
    }

    /// <summary>The id saved a snapshot: from now on the store answers for it.</summary>
    public void Saved(string persistenceId)
    {
        lock (_gate)
        {
            if (!_read)
            {
                _askedBeforeRead.Add(persistenceId);
            }
            else
            {
                _withSnapshots?.Add(persistenceId);
            }
        }
    }

    /// <summary>From now on the store answers for every id, whatever a read still running finds.</summary>
    public void LeaveAllToStore()
    {
        lock (_gate)
        {
            _allToStore = true;
        }

        Finish(null);
    }

    // Null when the read failed: then the store answers every id.
    private void Finish(HashSet<string>? withSnapshots)
    {
        lock (_gate)
        {
            if (_allToStore)
            {
                withSnapshots = null;
            }

            withSnapshots?.UnionWith(_askedBeforeRead);
            _askedBeforeRead.Clear();
            _withSnapshots = withSnapshots;
            _read = true;
        }

        _settled.TrySetResult();
    }
}
