using Akka.Persistence;
using Akka.Persistence.Sql.Config;
using Akka.Persistence.Sql.Snapshot;
using Npgsql;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// Akka.Persistence.Sql's snapshot store on PostgreSQL, with a brand's recovery asking for its latest
/// snapshot through one plain query instead of the plugin's LINQ mapping and transaction: once a
/// brand's journal was read that way (<see cref="PostgresJournal"/>), that load was the largest part
/// of a restart left, 18 % of its CPU with 10,000 brands (perf/README.md, <i>Recovery on PostgreSQL</i>).
/// The snapshot chosen and the one made of it are the plugin's; any other selection goes to the plugin.
/// </summary>
internal sealed class PostgresSnapshotStore : SqlSnapshotStore
{
    private readonly SnapshotConfig _settings;
    private readonly Akka.Serialization.Serialization _serialization;
    private readonly string _latest;
    private readonly SemaphoreSlim _reads = new(PostgresStore.RecoveryReadsAtOnce);

    public PostgresSnapshotStore(Akka.Configuration.Config snapshotConfig)
        : base(snapshotConfig)
    {
        _settings = PluginSettings.Snapshots(snapshotConfig, Context.System);
        _serialization = Context.System.Serialization;
        _latest = SelectLatest(_settings.TableConfig);
    }

    /// <summary>The newest snapshot of one id (<c>@id</c>), as the plugin's latest-snapshot query reads it.</summary>
    internal static string SelectLatest(SnapshotTableConfiguration table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = table.SnapshotTable.ColumnNames;
        var name = string.IsNullOrEmpty(table.SchemaName) ? Quote(table.SnapshotTable.Name) : $"{Quote(table.SchemaName)}.{Quote(table.SnapshotTable.Name)}";
        return $"SELECT {Quote(columns.SequenceNumber)}, {Quote(columns.Created)}, {Quote(columns.Snapshot)}, {Quote(columns.Manifest)}, {Quote(columns.SerializerId)} " +
               $"FROM {name} WHERE {Quote(columns.PersistenceId)} = @id ORDER BY {Quote(columns.SequenceNumber)} DESC LIMIT 1";
    }

    protected override async Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(criteria);

        // The plugin reads the newest snapshot whatever the lower bounds; a recovery asks for it.
        if (criteria.MaxSequenceNr != long.MaxValue || criteria.MaxTimeStamp != DateTime.MaxValue)
        {
            return await base.LoadAsync(persistenceId, criteria, cancellationToken);
        }

        await _reads.WaitAsync(cancellationToken);
        try
        {
            return await ReadLatestAsync(persistenceId, cancellationToken);
        }
        finally
        {
            _reads.Release();
        }
    }

    private async Task<SelectedSnapshot?> ReadLatestAsync(string persistenceId, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_settings.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(_latest, connection);
        command.Parameters.AddWithValue("id", persistenceId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var sequenceNr = reader.GetInt64(0);
        var created = new DateTime(reader.GetInt64(1));
        var payload = reader.IsDBNull(2) ? [] : reader.GetFieldValue<byte[]>(2);
        var manifest = reader.IsDBNull(3) ? string.Empty : reader.GetString(3);
        var snapshot = StoredPayload.Read(_serialization, payload, reader.IsDBNull(4) ? null : reader.GetInt32(4), manifest, _settings.DefaultSerializer);
        return new SelectedSnapshot(new SnapshotMetadata(persistenceId, sequenceNr, created), snapshot);
    }

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
