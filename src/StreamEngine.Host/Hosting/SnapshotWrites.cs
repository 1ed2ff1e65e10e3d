using Akka.Persistence.Sql.Config;
using LinqToDB;
using LinqToDB.Data;
using static StreamEngine.Host.Hosting.SqlIdentifiers;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// The embedded store's snapshot saves, every save offered while one commit is made going into the
/// next. Saved through the plugin, each snapshot took a transaction, and so the write lock, of its
/// own: a node stopping its 10,000 brands, each snapshotting as it stops, saved fewer than half
/// within the shard's hand-off time (perf/README.md, <i>Snapshots as brands stop</i>).
/// <para>
/// A row replaces the one of the same id and sequence number, as the plugin's save does. A save is
/// done once its commit is: a brand deletes what its snapshot covers only then.
/// </para>
/// </summary>
internal sealed class SnapshotWrites(SnapshotConfig config)
{
    private readonly Lock _gate = new();
    private List<Pending> _queued = [];
    private bool _writing;

    /// <summary>
    /// Saves the row with those offered while the commit before it was made; done once committed.
    /// Cancelled, the caller stops waiting: the row may still be written, as the plugin's may.
    /// </summary>
    public Task SaveAsync(string persistenceId, StoredSnapshot row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var pending = new Pending(persistenceId, row, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        bool start;
        lock (_gate)
        {
            _queued.Add(pending);
            start = !_writing;
            _writing = true;
        }

        if (start)
        {
            _ = Task.Run(WriteQueuedAsync, CancellationToken.None);
        }

        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteQueuedAsync()
    {
        while (true)
        {
            List<Pending> group;
            lock (_gate)
            {
                if (_queued.Count == 0)
                {
                    _writing = false;
                    return;
                }

                group = _queued;
                _queued = [];
            }

            try
            {
                await WriteAsync(group);
                foreach (var pending in group)
                {
                    pending.Done.TrySetResult();
                }
            }
            catch (Exception ex)
            {
                foreach (var pending in group)
                {
                    pending.Done.TrySetException(ex);
                }
            }
        }
    }

    private async Task WriteAsync(List<Pending> group)
    {
        // Opened as the plugin opens its connections, so that the store's preparation of each applies.
        await using var data = new DataConnection(config.DataOptions ?? new DataOptions().UseConnectionString(config.ProviderName, config.ConnectionString));
        var connection = await data.OpenDbConnectionAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Upsert(config.TableConfig);
        var parameters = new[] { "$id", "$sequenceNr", "$created", "$payload", "$manifest", "$serializerId" }.Select(name =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        await command.PrepareAsync();
        foreach (var (persistenceId, row, _) in group)
        {
            parameters[0].Value = persistenceId;
            parameters[1].Value = row.SequenceNr;
            parameters[2].Value = row.Created;
            parameters[3].Value = row.Payload;
            parameters[4].Value = row.Manifest;
            parameters[5].Value = row.SerializerId is { } serializerId ? serializerId : DBNull.Value;
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    /// <summary>The statement that saves one row, replacing the row of the same id and sequence number.</summary>
    internal static string Upsert(SnapshotTableConfiguration table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = table.SnapshotTable.ColumnNames;

        // No schema name: SQLite has none, as for the read at start (SnapshotsAtStart).
        return $"INSERT OR REPLACE INTO {Quote(table.SnapshotTable.Name)} " +
               $"({Quote(columns.PersistenceId)}, {Quote(columns.SequenceNumber)}, {Quote(columns.Created)}, " +
               $"{Quote(columns.Snapshot)}, {Quote(columns.Manifest)}, {Quote(columns.SerializerId)}) " +
               "VALUES ($id, $sequenceNr, $created, $payload, $manifest, $serializerId)";
    }

    private readonly record struct Pending(string PersistenceId, StoredSnapshot Row, TaskCompletionSource Done);
}
