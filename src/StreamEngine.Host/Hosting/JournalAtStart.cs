using System.Data.Common;
using System.Globalization;
using Akka.Persistence.Sql.Config;
using Akka.Persistence.Sql.Journal.Types;
using LinqToDB;
using LinqToDB.Data;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// Every persistence id's journal as the embedded store held it when the node started, read in one
/// pass over the table, so that each brand's first recovery needs no query of its own.
/// <para>
/// An id's rows are good for its first recovery only: they are handed over once, and an id that
/// writes, deletes or asks while the rows are still being read is left to the store from then on.
/// An id the whole pass did not meet has no rows at all, and is answered so without a query.
/// That is sound because this node is the only writer of its SQLite file (<see cref="NodeClaims"/>)
/// and an id writes only after it has recovered; a store shared by a cluster has no such guarantee.
/// </para>
/// </summary>
internal sealed class JournalAtStart
{
    // A row object with its id, manifest and writer strings, as read.
    private const int RowOverhead = 128;

    private readonly Lock _gate = new();

    // Ids the store answers for: asked before the pass ended, handed over, written or deleted since.
    private readonly HashSet<string> _toStore = new(StringComparer.Ordinal);
    private Dictionary<string, PersistenceIdAtStart> _ids = new(StringComparer.Ordinal);
    private Phase _phase = Phase.Reading;
    private bool _whole;

    private enum Phase
    {
        Reading,
        Read,
        Released,
    }

    /// <summary>The least <see cref="ByteBudget"/> a node gets by default, however little memory it may use.</summary>
    public const long MinimumByteBudget = 128L * 1024 * 1024;

    /// <summary>
    /// How much the pass may hold, counting each row's bytes and its object: what is held is memory
    /// until each brand has recovered, and recoveries wait for the pass (200,000 rows of 10,000
    /// brands held 69 MB and took 1.2 s on the machine of perf/README.md). By default a share of
    /// the memory the node may use (<see cref="DefaultByteBudget"/>).
    /// </summary>
    public long ByteBudget { get; init; } = DefaultByteBudget(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);

    /// <summary>
    /// An eighth of the memory the GC may use (a container's limit or a heap limit if set, else the
    /// machine's), at least <see cref="MinimumByteBudget"/>. Ids past the budget recover with queries
    /// of their own, each of which costs more than reading its rows in the pass: a month-old journal
    /// of 237 MB, held in part at a fixed 128 MB, took a sixth more of the start's CPU (perf/README.md).
    /// </summary>
    public static long DefaultByteBudget(long availableBytes) => Math.Max(MinimumByteBudget, availableBytes / 8);

    /// <summary>
    /// How long the pass may run, and, when it stops early, the query that finds the ids it read to
    /// their end: recoveries wait for it and give up after 30 s without an answer, so a store slower
    /// than expected must not take them all down with it.
    /// </summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The snapshot table, of the same file, whose brands' newest snapshots cover their events up to
    /// their sequence numbers: the pass does not read rows so covered, since a recovery replays
    /// only what came after its snapshot. Null to read every row.
    /// </summary>
    public SnapshotTableConfig? CoveringSnapshots { get; init; }

    /// <summary>The clock the deadline is kept by.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Ids whose rows are held and not yet handed over.</summary>
    public int Held
    {
        get
        {
            lock (_gate)
            {
                return _ids.Count;
            }
        }
    }

    /// <summary>Whether the store now answers for every id.</summary>
    public bool Released
    {
        get
        {
            lock (_gate)
            {
                return _phase == Phase.Released;
            }
        }
    }

    /// <summary>What holding a row costs: its event bytes, and the row object and strings beside them.</summary>
    public static long CostOf(JournalRow row) => row.Message.Length + RowOverhead;

    /// <summary>
    /// Reads the journal table in the order it was written until the rows held reach the budget or
    /// the deadline passes; an id the pass had not read to its end then is left to the store, so a
    /// journal too long to hold costs its brands nothing they did not pay before.
    /// </summary>
    /// <returns>How the pass ended, for the log.</returns>
    public async Task<JournalReadOutcome> ReadAsync(JournalConfig config, CancellationToken cancel)
    {
        if (Released)
        {
            return new JournalReadOutcome(0, 0, 0, JournalReadEnd.TooLate, TimeSpan.Zero);
        }

        if (config.DaoConfig.SqlCommonCompatibilityMode)
        {
            // Highest sequence numbers then live partly in a metadata table this pass does not read.
            Finish([], whole: false);
            return new JournalReadOutcome(0, 0, 0, JournalReadEnd.NotRead, TimeSpan.Zero);
        }

        // Checked at each row, and by a timer for a query that has not given one yet.
        var started = Clock.GetTimestamp();
        using var deadline = new CancellationTokenSource(Deadline, Clock);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel, deadline.Token);
        var ids = new Dictionary<string, PersistenceIdAtStart>(StringComparer.Ordinal);
        long rows = 0, held = 0;
        var end = JournalReadEnd.Whole;
        try
        {
            // Opened as the plugin opens its connections, so that the store's preparation of each applies.
            await using var data = new DataConnection(config.DataOptions ?? new DataOptions().UseConnectionString(config.ProviderName, config.ConnectionString));
            var connection = await data.OpenDbConnectionAsync(stop.Token);
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = CoveringSnapshots is { } snapshots && await AnySnapshotAsync(connection, snapshots, stop.Token)
                    ? JournalRowReader.SelectAllAsWrittenPastSnapshots(config.TableConfig, snapshots)
                    : JournalRowReader.SelectAllAsWritten(config.TableConfig);
                var withWriter = JournalRowReader.HasWriter(config.TableConfig);
                await using var reader = await command.ExecuteReaderAsync(stop.Token);
                PersistenceIdAtStart? id = null;
                try
                {
                    while (await reader.ReadAsync(stop.Token))
                    {
                        var row = JournalRowReader.Read(reader, id?.PersistenceId, withWriter);
                        if (Clock.GetElapsedTime(started) > Deadline)
                        {
                            end = JournalReadEnd.Deadline;
                            break;
                        }

                        // A row past the budget is not held, so neither is its id.
                        if (held + CostOf(row) > ByteBudget)
                        {
                            end = JournalReadEnd.Budget;
                            break;
                        }

                        // A brand's rows are interleaved with others' as they were written; the
                        // rows of one id share its string.
                        if (id is null || !ReferenceEquals(id.PersistenceId, row.PersistenceId))
                        {
                            if (ids.TryGetValue(row.PersistenceId, out id))
                            {
                                row.PersistenceId = id.PersistenceId;
                            }
                            else
                            {
                                id = new PersistenceIdAtStart(row.PersistenceId);
                                ids.Add(row.PersistenceId, id);
                            }
                        }

                        id.Add(row);
                        rows++;
                        held += CostOf(row);
                    }
                }
                catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
                {
                    end = JournalReadEnd.Deadline;
                }
            }

            if (end != JournalReadEnd.Whole)
            {
                await KeepFinishedAsync(connection, config.TableConfig, ids, cancel);
            }
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            // The deadline passed before a row came, or while the finished ids were being found.
            end = JournalReadEnd.Deadline;
            ids.Clear();
        }
        catch
        {
            Finish([], whole: false);
            throw;
        }

        var count = ids.Count;
        Finish(ids, whole: end == JournalReadEnd.Whole);
        return new JournalReadOutcome(count, rows, held, end, Clock.GetElapsedTime(started));
    }

    /// <summary>
    /// Keeps, of a pass that stopped early, the ids it read to their last row: any other id may have
    /// rows written after where the pass stopped.
    /// </summary>
    private async Task KeepFinishedAsync(DbConnection connection, JournalTableConfig table, Dictionary<string, PersistenceIdAtStart> ids, CancellationToken cancel)
    {
        // Bounded too: a pass that stopped at its deadline did so on a slow store.
        using var deadline = new CancellationTokenSource(Deadline, Clock);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel, deadline.Token);
        await using var command = connection.CreateCommand();
        command.CommandText = JournalRowReader.SelectHighestOfEach(table);
        await using var reader = await command.ExecuteReaderAsync(stop.Token);
        while (await reader.ReadAsync(stop.Token))
        {
            var persistenceId = reader.GetString(0);
            if (ids.TryGetValue(persistenceId, out var id) && id.Highest != reader.GetInt64(1))
            {
                ids.Remove(persistenceId);
            }
        }
    }

    // A store the snapshot store has not yet opened has no snapshot table, and a young one no
    // snapshots: then a look-up per row would only slow the pass (by about a quarter, 200,000 rows).
    private static async Task<bool> AnySnapshotAsync(DbConnection connection, SnapshotTableConfig snapshots, CancellationToken cancel)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = JournalRowReader.CountTablesNamed;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "$name";
        parameter.Value = snapshots.Name;
        command.Parameters.Add(parameter);
        if (Convert.ToInt64(await command.ExecuteScalarAsync(cancel), CultureInfo.InvariantCulture) == 0)
        {
            return false;
        }

        command.Parameters.Clear();
        command.CommandText = JournalRowReader.SelectAnySnapshot(snapshots);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancel), CultureInfo.InvariantCulture) == 1;
    }

    /// <summary>The id's highest sequence number above <paramref name="fromSequenceNr"/>, as the store would answer, if the pass knows it.</summary>
    public bool TryHighest(string persistenceId, long fromSequenceNr, out long highest)
    {
        lock (_gate)
        {
            if (Known(persistenceId) is { } id)
            {
                highest = id.Highest > fromSequenceNr ? id.Highest : 0;
                return true;
            }
        }

        highest = 0;
        return false;
    }

    /// <summary>Hands over the id's live rows in sequence order, once: its next recovery asks the store.</summary>
    public bool TryTake(string persistenceId, out IReadOnlyList<JournalRow> rows)
    {
        lock (_gate)
        {
            if (Known(persistenceId) is { } id)
            {
                _ids.Remove(persistenceId);
                _toStore.Add(persistenceId);
                rows = id.LiveRows;
                return true;
            }
        }

        rows = [];
        return false;
    }

    /// <summary>The store now knows more of this id than was read: it must answer for it from here on.</summary>
    public void Forget(string persistenceId)
    {
        lock (_gate)
        {
            if (_phase != Phase.Released)
            {
                _ids.Remove(persistenceId);
                _toStore.Add(persistenceId);
            }
        }
    }

    /// <summary>Lets go of every row not handed over (ids no brand of the model recovers): the store answers every id from now on.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _phase = Phase.Released;
            _ids = [];
            _toStore.Clear();
        }
    }

    // What the pass knows of the id, when the store need not be asked.
    private PersistenceIdAtStart? Known(string persistenceId)
    {
        switch (_phase)
        {
            case Phase.Reading:
                // The store answers this id now, so it must answer later too.
                _toStore.Add(persistenceId);
                return null;
            case Phase.Released:
                return null;
        }

        if (_toStore.Contains(persistenceId))
        {
            return null;
        }

        if (_ids.TryGetValue(persistenceId, out var id))
        {
            return id.Replayable ? id : null;
        }

        return _whole ? PersistenceIdAtStart.None : null;
    }

    private void Finish(Dictionary<string, PersistenceIdAtStart> ids, bool whole)
    {
        lock (_gate)
        {
            if (_phase == Phase.Released)
            {
                // Let go while the pass ran: what it read may already be behind the store.
                return;
            }

            foreach (var persistenceId in _toStore)
            {
                ids.Remove(persistenceId);
            }

            _ids = ids;
            _whole = whole;
            _phase = Phase.Read;
        }
    }
}

/// <summary>How the pass over the journal ended.</summary>
/// <param name="Ids">Persistence ids held for their first recovery.</param>
/// <param name="Rows">Rows read.</param>
/// <param name="HeldBytes">What the rows read cost to hold (<see cref="JournalAtStart.CostOf"/>).</param>
/// <param name="End">Why the pass stopped.</param>
/// <param name="Took">How long the pass ran, on its clock.</param>
internal sealed record JournalReadOutcome(int Ids, long Rows, long HeldBytes, JournalReadEnd End, TimeSpan Took);

/// <summary>Why the pass over the journal stopped.</summary>
internal enum JournalReadEnd
{
    /// <summary>Every row was read: an id not held has no rows.</summary>
    Whole,

    /// <summary>The rows read reached the budget: ids not read to their last row are left to the store.</summary>
    Budget,

    /// <summary>The deadline passed: ids not read to their last row are left to the store.</summary>
    Deadline,

    /// <summary>The journal keeps sequence numbers in a metadata table too (its compatibility mode): every id is left to the store.</summary>
    NotRead,

    /// <summary>Let go before the pass began (the journal restarted, or the brands had recovered): not read.</summary>
    TooLate,
}
