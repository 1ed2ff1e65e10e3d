using System.Data.Common;
using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Sql.Config;
using Akka.Persistence.Sql.Journal.Types;
using static StreamEngine.Host.Hosting.SqlIdentifiers;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// Reads the journal's rows as the SQL plugin's own mapping reads them (its <c>JournalRow</c>, the
/// columns its configuration names), but with one plain query and a data reader: through the plugin's
/// LINQ mapping, which builds its query and materialises each row through an expression, the pass at
/// start over 200,000 rows took 2.6 s beside the model's load, this way 1.9 s (perf/README.md).
/// </summary>
internal static class JournalRowReader
{
    /// <summary>
    /// Every row of the table in the order written, which is sequence order within an id: the
    /// table's own order, read straight through. Read id by id, through the unique index on (id,
    /// sequence number) and one look-up in the table for each row, 200,000 rows took 1.8–2.0 s of
    /// a node's start instead of 1.0–1.5 s (perf/README.md).
    /// </summary>
    public static string SelectAllAsWritten(JournalTableConfig table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = table.EventJournalTable.ColumnNames;

        // No schema name: SQLite has none (a prefix names an attached database), and the plugin's
        // SQL for SQLite leaves a configured one out too.
        return $"SELECT {string.Join(", ", Selected(table).Select(Quote))} FROM {Quote(table.EventJournalTable.Name)} " +
               $"ORDER BY {Quote(columns.Ordering)}";
    }

    /// <summary>
    /// As <see cref="SelectAllAsWritten"/>, without the rows that the newest snapshot of their id in
    /// <paramref name="snapshots"/> (a table of the same file) covers: a recovery starts from that
    /// snapshot and replays only what came after it. Brands that snapshot together leave their
    /// deletes of the covered events for later (<see cref="SqliteJournal"/>), and a restart read
    /// 185,000 such rows of 200,000 for no brand to use (perf/README.md).
    /// </summary>
    public static string SelectAllAsWrittenPastSnapshots(JournalTableConfig table, SnapshotTableConfig snapshots)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(snapshots);
        var columns = table.EventJournalTable.ColumnNames;
        var snapshotColumns = snapshots.ColumnNames;

        // A look-up per row on the snapshot table's key, so that the journal is still read in its own order.
        return $"SELECT {string.Join(", ", Selected(table).Select(c => "j." + Quote(c)))} FROM {Quote(table.EventJournalTable.Name)} j " +
               $"WHERE j.{Quote(columns.SequenceNumber)} > coalesce((SELECT max(s.{Quote(snapshotColumns.SequenceNumber)}) FROM {Quote(snapshots.Name)} s " +
               $"WHERE s.{Quote(snapshotColumns.PersistenceId)} = j.{Quote(columns.PersistenceId)}), 0) " +
               $"ORDER BY j.{Quote(columns.Ordering)}";
    }

    /// <summary>Whether the file has a table of this name, its only parameter <c>$name</c> (SQLite).</summary>
    public const string CountTablesNamed = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name";

    /// <summary>Whether the snapshot table holds any row: 1 or 0.</summary>
    public static string SelectAnySnapshot(SnapshotTableConfig snapshots)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        return $"SELECT EXISTS (SELECT 1 FROM {Quote(snapshots.Name)})";
    }

    /// <summary>Each id of the table with its highest sequence number, deleted rows included (SQLite).</summary>
    public static string SelectHighestOfEach(JournalTableConfig table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = table.EventJournalTable.ColumnNames;
        return $"SELECT {Quote(columns.PersistenceId)}, max({Quote(columns.SequenceNumber)}) FROM {Quote(table.EventJournalTable.Name)} " +
               $"GROUP BY {Quote(columns.PersistenceId)}";
    }

    /// <summary>
    /// The rows the replays of a group read (PostgreSQL), given as arrays, one element a replay:
    /// <c>@ids</c>, <c>@froms</c>, <c>@tos</c> and <c>@maxes</c>. A replay reads its id's rows not
    /// deleted, from its from to its to in sequence order, its max at most. The columns are those of
    /// <see cref="SelectAllAsWritten"/>, then the replay's place in the arrays (from 1), by which
    /// the rows come, each replay's in sequence order.
    /// </summary>
    public static string SelectRangesOfGroup(JournalTableConfig table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = table.EventJournalTable.ColumnNames;
        var selected = Selected(table).Select(Quote).ToList();
        return $"SELECT {string.Join(", ", selected.Select(c => "j." + c))}, r.i " +
               "FROM unnest(@ids::text[], @froms::bigint[], @tos::bigint[], @maxes::bigint[]) WITH ORDINALITY AS r(id, lo, hi, most, i) " +
               $"CROSS JOIN LATERAL (SELECT {string.Join(", ", selected)} FROM {QualifiedName(table)} " +
               $"WHERE {Quote(columns.PersistenceId)} = r.id AND {Quote(columns.SequenceNumber)} >= r.lo AND {Quote(columns.SequenceNumber)} <= r.hi " +
               $"AND {Quote(columns.Deleted)} = false ORDER BY {Quote(columns.SequenceNumber)} LIMIT r.most) j " +
               $"ORDER BY r.i, j.{Quote(columns.SequenceNumber)}";
    }

    /// <summary>
    /// The highest sequence number of each id of a group (<c>@ids</c>) above its from (<c>@froms</c>),
    /// deleted rows included, as the plugin reads it (PostgreSQL): null where there is none, then the
    /// id's place in the arrays (from 1).
    /// </summary>
    public static string SelectHighestOfGroup(JournalTableConfig table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = table.EventJournalTable.ColumnNames;
        return $"SELECT (SELECT max({Quote(columns.SequenceNumber)}) FROM {QualifiedName(table)} " +
               $"WHERE {Quote(columns.PersistenceId)} = r.id AND {Quote(columns.SequenceNumber)} > r.lo), r.i " +
               "FROM unnest(@ids::text[], @froms::bigint[]) WITH ORDINALITY AS r(id, lo, i)";
    }

    /// <summary>Whether the table holds any row: 1 or 0.</summary>
    public static string SelectAny(JournalTableConfig table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return $"SELECT EXISTS (SELECT 1 FROM {Quote(table.EventJournalTable.Name)})";
    }

    /// <summary>The reader's current row, its columns first in the order of <see cref="SelectAllAsWritten"/>, others after them.</summary>
    /// <param name="persistenceId">The id's string when the caller already holds an equal one, so that an id's rows share it.</param>
    /// <param name="withWriter">Whether the writer's column is among them, as the table's layout says (<see cref="HasWriter"/>).</param>
    public static JournalRow Read(DbDataReader reader, string? persistenceId, bool withWriter)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var id = reader.GetString(3);
        return new JournalRow
        {
            Ordering = reader.GetInt64(0),
            Timestamp = reader.GetInt64(1),
            Deleted = reader.GetBoolean(2),
            PersistenceId = persistenceId is not null && string.Equals(id, persistenceId, StringComparison.Ordinal) ? persistenceId : id,
            SequenceNumber = reader.GetInt64(4),
            Message = reader.GetFieldValue<byte[]>(5),

            // A null column reads as null, as the plugin's mapping reads it, though the property says otherwise.
            Manifest = reader.IsDBNull(6) ? null! : reader.GetString(6),
            Identifier = reader.IsDBNull(7) ? null : reader.GetInt32(7),
            WriterUuid = withWriter && !reader.IsDBNull(8) ? reader.GetString(8) : null,
        };
    }

    /// <summary>The event a row holds, as the plugin's replay makes it of the row.</summary>
    public static Persistent Event(JournalRow row, Akka.Serialization.Serialization serialization, string defaultSerializer)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new Persistent(
            payload: StoredPayload.Read(serialization, row.Message, row.Identifier, row.Manifest, defaultSerializer),
            sequenceNr: row.SequenceNumber,
            persistenceId: row.PersistenceId,
            manifest: row.EventManifest ?? row.Manifest,
            isDeleted: row.Deleted,
            sender: ActorRefs.NoSender,
            writerGuid: row.WriterUuid,
            timestamp: row.Timestamp);
    }

    /// <summary>Whether a row read with <see cref="SelectAllAsWritten"/> has the writer's column.</summary>
    public static bool HasWriter(JournalTableConfig table) => table?.EventJournalTable.UseWriterUuidColumn ?? throw new ArgumentNullException(nameof(table));

    private static List<string> Selected(JournalTableConfig table)
    {
        var columns = table.EventJournalTable.ColumnNames;
        var selected = new List<string>
        {
            columns.Ordering, columns.Created, columns.Deleted, columns.PersistenceId, columns.SequenceNumber,
            columns.Message, columns.Manifest, columns.Identifier,
        };

        // As the plugin maps it: a table without the column (a legacy layout) gives rows without a writer.
        if (table.EventJournalTable.UseWriterUuidColumn)
        {
            selected.Add(columns.WriterUuid);
        }

        return selected;
    }

    private static string QualifiedName(JournalTableConfig table) => SqlIdentifiers.Table(table.SchemaName, table.EventJournalTable.Name);

}
