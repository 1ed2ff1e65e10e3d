using Akka.Persistence;
using Akka.Persistence.Sql.Config;
using Akka.Persistence.Sql.Snapshot;
using Npgsql;
using static StreamEngine.Host.Hosting.SqlIdentifiers;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// Akka.Persistence.Sql's snapshot store on PostgreSQL, with brands' recoveries asking for their latest
/// snapshots through plain queries, many brands a query (<see cref="RecoveryReadGroups{TRead}"/>),
/// instead of the plugin's LINQ mapping and transaction, a brand at a time: once a brand's journal
/// was read that way (<see cref="PostgresJournal"/>), that load was the largest part of a restart left,
/// 18 % of its CPU with 10,000 brands (perf/README.md, <i>Recovery on PostgreSQL</i>). The snapshot
/// chosen and the one made of it are the plugin's; any other selection goes to the plugin. Snapshots
/// are saved many to a commit (<see cref="SnapshotWrites"/>), as brands handed to another node save
/// theirs together.
/// </summary>
internal sealed class PostgresSnapshotStore : SqlSnapshotStore
{
    private readonly SnapshotConfig _settings;
    private readonly Akka.Serialization.Serialization _serialization;
    private readonly string _latest;
    private readonly RecoveryReadGroups<LatestRead> _reads;
    private readonly SnapshotWrites _writes;

    public PostgresSnapshotStore(Akka.Configuration.Config snapshotConfig)
        : base(snapshotConfig)
    {
        _settings = PluginSettings.Snapshots(snapshotConfig, Context.System);
        _serialization = Context.System.Serialization;
        _latest = SelectLatestOfGroup(_settings.TableConfig);
        _reads = new RecoveryReadGroups<LatestRead>(PostgresStore.RecoveryQueriesAtOnce, ReadLatestAsync);
        _writes = new SnapshotWrites(_settings);
    }

    /// <summary>
    /// The newest snapshot of each id of a group (<c>@ids</c>), as the plugin's latest-snapshot query
    /// reads it, then the id's place in the array (from 1); no row for an id without a snapshot.
    /// </summary>
    internal static string SelectLatestOfGroup(SnapshotTableConfiguration table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = table.SnapshotTable.ColumnNames;
        var name = SqlIdentifiers.Table(table.SchemaName, table.SnapshotTable.Name);
        return $"SELECT s.*, r.i FROM unnest(@ids::text[]) WITH ORDINALITY AS r(id, i) CROSS JOIN LATERAL (" +
               $"SELECT {Quote(columns.SequenceNumber)}, {Quote(columns.Created)}, {Quote(columns.Snapshot)}, {Quote(columns.Manifest)}, {Quote(columns.SerializerId)} " +
               $"FROM {name} WHERE {Quote(columns.PersistenceId)} = r.id ORDER BY {Quote(columns.SequenceNumber)} DESC LIMIT 1) s";
    }

    protected override async Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(criteria);

        // The plugin reads the newest snapshot whatever the lower bounds; a recovery asks for it.
        if (criteria.MaxSequenceNr != long.MaxValue || criteria.MaxTimeStamp != DateTime.MaxValue)
        {
            return await base.LoadAsync(persistenceId, criteria, cancellationToken);
        }

        var read = new LatestRead(persistenceId, cancellationToken);
        _reads.Add(read);
        return await read.Answer;
    }

    protected override Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken) =>
        _writes.SaveAsync(metadata.PersistenceId, StoredPayload.Snapshot(_serialization, metadata, snapshot, _settings.DefaultSerializer), cancellationToken);

    protected override void PostStop()
    {
        _reads.Stop();
        base.PostStop();
    }

    private async Task ReadLatestAsync(IReadOnlyList<LatestRead> reads)
    {
        await using var reader = await PostgresStore.QueryGroupAsync(_settings.ConnectionString, _latest, reads);
        while (await reader.ReadAsync())
        {
            var read = reads[(int)reader.GetInt64(5) - 1];
            try
            {
                read.Answered(Snapshot(reader, read.PersistenceId));
            }
            catch (Exception ex)
            {
                // A snapshot that cannot be read fails its brand's recovery only.
                read.Fail(ex);
            }
        }

        // The others have none.
        foreach (var read in reads)
        {
            read.Answered(null);
        }
    }

    private SelectedSnapshot Snapshot(NpgsqlDataReader reader, string persistenceId)
    {
        var sequenceNr = reader.GetInt64(0);
        var created = new DateTime(reader.GetInt64(1));
        var payload = reader.IsDBNull(2) ? [] : reader.GetFieldValue<byte[]>(2);
        var manifest = reader.IsDBNull(3) ? string.Empty : reader.GetString(3);
        var snapshot = StoredPayload.Read(_serialization, payload, reader.IsDBNull(4) ? null : reader.GetInt32(4), manifest, _settings.DefaultSerializer);
        return new SelectedSnapshot(new SnapshotMetadata(persistenceId, sequenceNr, created), snapshot);
    }

    private sealed class LatestRead(string persistenceId, CancellationToken cancellation) : RecoveryRead<SelectedSnapshot?>(persistenceId, cancellation);
}
