using System.Data;
using System.Data.Common;
using Akka.Persistence.Sql.Config;
using LinqToDB;
using LinqToDB.Data;
using static StreamEngine.Host.Hosting.SqlIdentifiers;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// The store's snapshot saves (SQLite's or PostgreSQL's), every save offered while one commit is
/// made going into the next. Saved through the plugin, each snapshot took a transaction of its
/// own: a node stopping its 10,000 brands, each snapshotting as it stops, saved fewer than half
/// within the shard's hand-off time (perf/README.md, <i>Snapshots as brands stop</i>).
/// <para>
/// A row replaces the one of the same id and sequence number, as the plugin's save does. A save is
/// done once its commit is: a brand deletes what its snapshot covers only then.
/// </para>
/// </summary>
internal sealed class SnapshotWrites(SnapshotConfig config)
{
    /// <summary>Rows sent to PostgreSQL in one round trip.</summary>
    public const int RowsPerRoundTrip = 100;

    /// <summary>Snapshot bytes a commit carries at most, unless one snapshot alone is larger.</summary>
    public const int BytesPerCommit = 16 * 1024 * 1024;

    // The store's statement and connection options, the same for every commit. Options as the
    // plugin opens its connections with, so that the store's preparation of each applies.
    private readonly string _upsert = Upsert(config.TableConfig, IsPostgres(config));
    private readonly DataOptions _options = config.DataOptions ?? new DataOptions().UseConnectionString(config.ProviderName, config.ConnectionString);
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

                group = TakeCommit();
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

    /// <summary>
    /// The saves queued first, up to <see cref="BytesPerCommit"/> of payload (one at least): a commit
    /// holds SQLite's write lock, which the journal's commits wait for, and a brand a month old
    /// snapshots some 140 KB.
    /// </summary>
    private List<Pending> TakeCommit()
    {
        var count = 0;
        long bytes = 0;
        while (count < _queued.Count && (count == 0 || bytes + _queued[count].Row.Payload.Length <= BytesPerCommit))
        {
            bytes += _queued[count].Row.Payload.Length;
            count++;
        }

        if (count == _queued.Count)
        {
            var all = _queued;
            _queued = [];
            return all;
        }

        var group = _queued.GetRange(0, count);
        _queued.RemoveRange(0, count);
        return group;
    }

    private async Task WriteAsync(List<Pending> group)
    {
        await using var data = new DataConnection(_options);
        var connection = await data.OpenDbConnectionAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        if (connection.CanCreateBatch)
        {
            await WriteInBatchesAsync(connection, transaction, _upsert, group);
        }
        else
        {
            await WriteOneByOneAsync(connection, transaction, _upsert, group);
        }

        await transaction.CommitAsync();
    }

    // PostgreSQL: rows a round trip to the server, rather than a round trip a row.
    private static async Task WriteInBatchesAsync(DbConnection connection, DbTransaction transaction, string upsert, List<Pending> group)
    {
        foreach (var rows in group.Chunk(RowsPerRoundTrip))
        {
            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            foreach (var pending in rows)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = upsert;
                var parameters = Parameters(command.CreateParameter);
                command.Parameters.AddRange(parameters);
                Bind(parameters, pending);
                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync();
        }
    }

    // SQLite, in process: one statement prepared once, bound row by row.
    private static async Task WriteOneByOneAsync(DbConnection connection, DbTransaction transaction, string upsert, List<Pending> group)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = upsert;
        var parameters = Parameters(command.CreateParameter);
        command.Parameters.AddRange(parameters);
        await command.PrepareAsync();
        foreach (var pending in group)
        {
            Bind(parameters, pending);
            await command.ExecuteNonQueryAsync();
        }
    }

    // Typed, since PostgreSQL prepares a statement before any value is bound.
    private static DbParameter[] Parameters(Func<DbParameter> create) =>
    [
        .. new[]
        {
            ("@id", DbType.String), ("@sequenceNr", DbType.Int64), ("@created", DbType.Int64),
            ("@payload", DbType.Binary), ("@manifest", DbType.String), ("@serializerId", DbType.Int32),
        }.Select(column =>
        {
            var parameter = create();
            (parameter.ParameterName, parameter.DbType) = column;
            return parameter;
        }),
    ];

    private static void Bind(DbParameter[] parameters, Pending pending)
    {
        var (persistenceId, row, _) = pending;
        parameters[0].Value = persistenceId;
        parameters[1].Value = row.SequenceNr;
        parameters[2].Value = row.Created;
        parameters[3].Value = row.Payload;
        parameters[4].Value = row.Manifest;
        parameters[5].Value = row.SerializerId is { } serializerId ? serializerId : DBNull.Value;
    }

    /// <summary>The statement that saves one row, replacing the row of the same id and sequence number.</summary>
    internal static string Upsert(SnapshotTableConfiguration table, bool postgres)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = table.SnapshotTable.ColumnNames;
        var insert = $"INSERT INTO {Table(table.SchemaName, table.SnapshotTable.Name)} " +
                     $"({Quote(columns.PersistenceId)}, {Quote(columns.SequenceNumber)}, {Quote(columns.Created)}, " +
                     $"{Quote(columns.Snapshot)}, {Quote(columns.Manifest)}, {Quote(columns.SerializerId)}) " +
                     "VALUES (@id, @sequenceNr, @created, @payload, @manifest, @serializerId)";
        return postgres
            ? $"{insert} ON CONFLICT ({Quote(columns.PersistenceId)}, {Quote(columns.SequenceNumber)}) DO UPDATE SET " +
              string.Join(", ", new[] { columns.Created, columns.Snapshot, columns.Manifest, columns.SerializerId }.Select(c => $"{Quote(c)} = EXCLUDED.{Quote(c)}"))
            : $"INSERT OR REPLACE{insert["INSERT".Length..]}";
    }

    private static bool IsPostgres(SnapshotConfig config) => config.ProviderName.StartsWith(ProviderName.PostgreSQL, StringComparison.OrdinalIgnoreCase);

    private readonly record struct Pending(string PersistenceId, StoredSnapshot Row, TaskCompletionSource Done);
}
