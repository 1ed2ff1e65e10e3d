using System.Collections.Concurrent;
using System.Collections.Immutable;
using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Sql.Config;
using Akka.Persistence.Sql.Journal;
using Akka.Persistence.Sql.Journal.Types;
using Npgsql;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// Akka.Persistence.Sql's journal on PostgreSQL, with a brand's recovery read through two plain
/// queries (<see cref="JournalRowReader"/>) instead of the plugin's LINQ mapping, its transaction
/// and the stream it runs each replay through. Those took 5.6 ms of CPU a brand: a node of 10,000
/// brands was ready 33–40 s after it started (perf/README.md, <i>Recovery on PostgreSQL</i>). The
/// rows read and the events replayed are the plugin's: the same filter, order and batches.
/// </summary>
internal sealed class PostgresJournal : SqlWriteJournal
{
    private readonly JournalConfig _settings;
    private readonly Akka.Serialization.Serialization _serialization;
    private readonly string _replay;
    private readonly string _highest;

    // A brand's write still in flight, which its highest sequence number must wait for, as the
    // plugin's own read of it does.
    private readonly ConcurrentDictionary<string, Task> _writing = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim _reads = new(PostgresStore.RecoveryReadsAtOnce);

    public PostgresJournal(Akka.Configuration.Config journalConfig)
        : base(journalConfig)
    {
        _settings = PluginSettings.Journal(journalConfig, Context.System);
        _serialization = Context.System.Serialization;
        _replay = JournalRowReader.SelectRange(_settings.TableConfig);
        _highest = JournalRowReader.SelectHighest(_settings.TableConfig);
    }

    // The journal's metadata table of compatibility mode holds sequence numbers too: the plugin reads it.
    private bool Plain => !_settings.DaoConfig.SqlCommonCompatibilityMode;

    public override async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken)
    {
        if (!Plain)
        {
            return await base.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken);
        }

        if (_writing.TryGetValue(persistenceId, out var write))
        {
            // Whether it was made or not, only its end matters.
            await write.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        await _reads.WaitAsync(cancellationToken);
        try
        {
            await using var connection = new NpgsqlConnection(_settings.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(_highest, connection);
            command.Parameters.AddWithValue("id", persistenceId);
            command.Parameters.AddWithValue("from", fromSequenceNr);
            // Null when the id has no row; widened, as the plugin's mapping would, from a narrower column.
            var highest = await command.ExecuteScalarAsync(cancellationToken);
            return highest is null or DBNull ? 0 : Convert.ToInt64(highest, System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            _reads.Release();
        }
    }

    public override async Task ReplayMessagesAsync(
        IActorContext context,
        string persistenceId,
        long fromSequenceNr,
        long toSequenceNr,
        long max,
        Action<IPersistentRepresentation> recoveryCallback)
    {
        ArgumentNullException.ThrowIfNull(recoveryCallback);
        if (!Plain)
        {
            await base.ReplayMessagesAsync(context, persistenceId, fromSequenceNr, toSequenceNr, max, recoveryCallback);
            return;
        }

        await _reads.WaitAsync();
        try
        {
            await using var connection = new NpgsqlConnection(_settings.ConnectionString);
            await connection.OpenAsync();
            var batch = Math.Max(1, _settings.DaoConfig.ReplayBatchSize);
            var next = fromSequenceNr;
            var left = max;
            while (left > 0 && next <= toSequenceNr)
            {
                var rows = await ReadRangeAsync(connection, persistenceId, next, toSequenceNr, (int)Math.Min(batch, left));
                foreach (var row in rows)
                {
                    recoveryCallback(JournalRowReader.Event(row, _serialization, _settings.DefaultSerializer));
                }

                left -= rows.Count;
                if (rows.Count < batch)
                {
                    break;
                }

                next = rows[^1].SequenceNumber + 1;
            }
        }
        finally
        {
            _reads.Release();
        }
    }

    protected override Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var writes = messages as IReadOnlyCollection<AtomicWrite> ?? messages.ToList();
        var written = base.WriteMessagesAsync(writes, cancellationToken);
        foreach (var id in writes.Select(w => w.PersistenceId).Distinct(StringComparer.Ordinal))
        {
            _writing[id] = written;
            _ = written.ContinueWith(
                done => _writing.TryRemove(new KeyValuePair<string, Task>(id, done)),
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return written;
    }

    private async Task<List<JournalRow>> ReadRangeAsync(NpgsqlConnection connection, string persistenceId, long from, long to, int limit)
    {
        await using var command = new NpgsqlCommand(_replay, connection);
        command.Parameters.AddWithValue("id", persistenceId);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        command.Parameters.AddWithValue("limit", limit);
        var rows = new List<JournalRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(JournalRowReader.Read(reader, persistenceId));
        }

        return rows;
    }
}
