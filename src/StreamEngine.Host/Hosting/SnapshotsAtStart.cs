using System.Data.Common;
using Akka.Persistence.Sql.Config;
using LinqToDB;
using LinqToDB.Data;
using static StreamEngine.Host.Hosting.SqlIdentifiers;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// Every persistence id's newest snapshot as the embedded store held it when the node started, read
/// in one pass over the table, so that a brand's first recovery needs no query of its own: a brand
/// with none (every brand of a young store) is answered so, and one with a snapshot is handed the
/// row read. Asked of the plugin, each load built and ran a LINQ query of its own, and 10,000 brands
/// recovering from snapshots took longer than replaying the 20 events each snapshot stood for
/// (perf/README.md). Sound for the same reason as <see cref="JournalAtStart"/>: this node is the
/// store's only writer, and an id saves or deletes snapshots only after it has recovered.
/// <para>
/// A row is handed over once; an id that saves or deletes a snapshot, or asks before the pass has
/// ended, is left to the store. Rows past <see cref="ByteBudget"/> are not held, but their ids are
/// still known to have a snapshot, and ask the store for it.
/// </para>
/// </summary>
internal sealed class SnapshotsAtStart
{
    // A held row's object and strings beside its payload.
    private const int RowOverhead = 128;

    private readonly Lock _gate = new();
    private readonly HashSet<string> _askedBeforeRead = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HashSet<string>? _withSnapshots;
    private Dictionary<string, StoredSnapshot> _held = new(StringComparer.Ordinal);
    private bool _read;
    private bool _allToStore;

    /// <summary>
    /// How much of the snapshots' bytes the pass may hold until their brands take them: by default
    /// as much as the journal's pass (<see cref="JournalAtStart.DefaultByteBudget"/>). A snapshot
    /// of a brand with a month of history is some 140 KB, so a node holding many such brands asks
    /// the store for most of them, as it did before.
    /// </summary>
    public long ByteBudget { get; init; } = JournalAtStart.DefaultByteBudget(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);

    /// <summary>
    /// Done once the read has ended, however it ended (or every id was left to the store): a load
    /// that waits for it can be answered from it.
    /// </summary>
    public Task Settled => _settled.Task;

    /// <summary>Ids whose newest snapshot is held and not yet handed over.</summary>
    public int Held
    {
        get
        {
            lock (_gate)
            {
                return _held.Count;
            }
        }
    }

    /// <summary>
    /// The newest snapshot of each id, in the table's own order (an id with more than one keeps the
    /// highest sequence number), holding rows until <see cref="ByteBudget"/>.
    /// </summary>
    /// <returns>What the pass found; null when every id was already left to the store (after a restart), and nothing read.</returns>
    public async Task<SnapshotReadOutcome?> ReadAsync(SnapshotConfig config, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(config);
        lock (_gate)
        {
            if (_allToStore)
            {
                return null;
            }
        }

        var newest = new Dictionary<string, long>(StringComparer.Ordinal);
        var held = new Dictionary<string, StoredSnapshot>(StringComparer.Ordinal);
        long heldBytes = 0;
        try
        {
            // Opened as the plugin opens its connections, so that the store's preparation of each applies.
            await using var data = new DataConnection(config.DataOptions ?? new DataOptions().UseConnectionString(config.ProviderName, config.ConnectionString));
            var connection = await data.OpenDbConnectionAsync(cancel);
            await using var command = connection.CreateCommand();
            command.CommandText = SelectAll(config.TableConfig);
            await using var reader = await command.ExecuteReaderAsync(cancel);
            while (await reader.ReadAsync(cancel))
            {
                var id = reader.GetString(0);
                var sequenceNr = reader.GetInt64(1);
                if (newest.TryGetValue(id, out var newer) && newer > sequenceNr)
                {
                    continue;
                }

                newest[id] = sequenceNr;
                if (held.Remove(id, out var older))
                {
                    heldBytes -= CostOf(older);
                }

                // Past the budget only the id is read, not the payload's pages.
                if (heldBytes + (reader.IsDBNull(6) ? 0 : reader.GetInt64(6)) + RowOverhead > ByteBudget)
                {
                    continue;
                }

                var row = Row(reader, sequenceNr);
                held.Add(id, row);
                heldBytes += CostOf(row);
            }
        }
        catch
        {
            Finish(null, []);
            throw;
        }

        var outcome = new SnapshotReadOutcome(newest.Count, held.Count, heldBytes);
        Finish(new HashSet<string>(newest.Keys, StringComparer.Ordinal), held);
        return outcome;
    }

    /// <summary>Whether the id is known to have no snapshot: if not, the store must be asked (or <see cref="Take"/> answers).</summary>
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

    /// <summary>The id's newest snapshot as read at start, handed over once; null when the store must be asked.</summary>
    public StoredSnapshot? Take(string persistenceId)
    {
        lock (_gate)
        {
            return _held.Remove(persistenceId, out var row) ? row : null;
        }
    }

    /// <summary>The id saved or deleted a snapshot: from now on the store answers for it.</summary>
    public void Saved(string persistenceId)
    {
        lock (_gate)
        {
            _held.Remove(persistenceId);
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

    /// <summary>Lets go of the rows no brand took (ids of no brand of the model): the store answers for them from now on.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _held = new Dictionary<string, StoredSnapshot>(StringComparer.Ordinal);
        }
    }

    /// <summary>From now on the store answers for every id, whatever a read still running finds.</summary>
    public void LeaveAllToStore()
    {
        lock (_gate)
        {
            _allToStore = true;
        }

        Finish(null, []);
    }

    /// <summary>
    /// Each snapshot row's id, sequence number, what the plugin makes a snapshot of, and the payload's
    /// length (which SQLite answers without reading the payload), in the table's order.
    /// </summary>
    internal static string SelectAll(SnapshotTableConfiguration table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = table.SnapshotTable.ColumnNames;

        // No schema name: SQLite has none, as for the journal's pass (JournalRowReader).
        return $"SELECT {Quote(columns.PersistenceId)}, {Quote(columns.SequenceNumber)}, {Quote(columns.Created)}, " +
               $"{Quote(columns.Snapshot)}, {Quote(columns.Manifest)}, {Quote(columns.SerializerId)}, length({Quote(columns.Snapshot)}) " +
               $"FROM {Quote(table.SnapshotTable.Name)}";
    }

    private static long CostOf(StoredSnapshot row) => row.Payload.Length + RowOverhead;

    private static StoredSnapshot Row(DbDataReader reader, long sequenceNr) => new(
        sequenceNr,
        reader.GetInt64(2),
        reader.IsDBNull(3) ? [] : reader.GetFieldValue<byte[]>(3),
        reader.IsDBNull(4) ? string.Empty : reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetInt32(5));

    // Null ids when the read failed: then the store answers every id.
    private void Finish(HashSet<string>? withSnapshots, Dictionary<string, StoredSnapshot> held)
    {
        lock (_gate)
        {
            if (_allToStore)
            {
                withSnapshots = null;
                held = [];
            }

            // An id asked before the pass ended went to the store, and so must its later loads.
            foreach (var id in _askedBeforeRead)
            {
                held.Remove(id);
            }

            withSnapshots?.UnionWith(_askedBeforeRead);
            _askedBeforeRead.Clear();
            _withSnapshots = withSnapshots;
            _held = held;
            _read = true;
        }

        _settled.TrySetResult();
    }
}

/// <summary>A snapshot row as the plugin stores it: what its snapshot store would make a snapshot of.</summary>
/// <param name="Created">The snapshot's time in ticks, as the plugin stores it on SQLite and PostgreSQL.</param>
internal sealed record StoredSnapshot(long SequenceNr, long Created, byte[] Payload, string Manifest, int? SerializerId);

/// <summary>What the pass over the snapshots found, for the log.</summary>
/// <param name="Ids">Persistence ids with a snapshot.</param>
/// <param name="Held">Those whose newest snapshot is held for their recovery.</param>
/// <param name="HeldBytes">What holding them costs.</param>
internal sealed record SnapshotReadOutcome(int Ids, int Held, long HeldBytes);
