using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using LinqToDB;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// The embedded store: one SQLite file in WAL mode, so dashboard reads and journal writes proceed
/// together, and connections that wait for the write lock inside SQLite.
/// <para>
/// Microsoft.Data.Sqlite begins every transaction, reads included, with <c>BEGIN IMMEDIATE</c>,
/// and when another connection holds the lock it sleeps 150 ms before trying again. Hundreds of
/// brands recovering at once queue on that lock, so each wait cost them 150 ms. With a busy timeout
/// SQLite itself retries within a few milliseconds: 1,000 brand actors that took 6.7-7.6 s to start
/// on an empty journal start in 1.6-1.9 s (perf/README.md).
/// </para>
/// <para>
/// Reads need no lock at all: in WAL mode a reader sees the last commit while a writer goes on.
/// Microsoft.Data.Sqlite begins a deferred transaction (plain <c>BEGIN</c>, no lock until the first
/// read) only when asked for read-uncommitted, which without a shared cache changes nothing else:
/// a reader still sees committed rows only. Without it every brand's recovery queries queue for
/// the write lock one after another.
/// </para>
/// <para>
/// The journal writes its rows with parameters (<see cref="JournalWrites"/>): spelled out in the
/// SQL, each event's bytes went in as a hex literal that SQLite then parsed back. Its commits carry
/// every row offered while the one before was made (<see cref="JournalDataOptions"/>).
/// </para>
/// </summary>
internal static class SqliteStore
{
    /// <summary>How long a connection waits for the write lock before its command fails.</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);

    // The busy timeout and the checkpoint interval belong to the native connection, which the pool hands out again and again.
    private static readonly ConditionalWeakTable<sqlite3, object> Prepared = [];

    /// <summary>The isolation level the journal and snapshot store begin their reads with: a deferred transaction.</summary>
    public const IsolationLevel ReadIsolationLevel = IsolationLevel.ReadUncommitted;

    /// <summary>
    /// Creates the file if needed, switches it to WAL, lays out the journal's table (<see cref="JournalTable"/>)
    /// and gives its connection string.
    /// </summary>
    public static string Open(string file)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file, DefaultTimeout = (int)LockWait.TotalSeconds }.ToString();

        // The journal mode lives in the file, so setting it once is enough.
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL;";
        pragma.ExecuteNonQuery();
        LayOutJournal(connection);
        return connectionString;
    }

    /// <summary>
    /// The journal's table as the SQL plugin creates it on SQLite (its statement, as SQLite keeps it),
    /// made here before the plugin starts so that the plugin's index on sequence numbers alone is never
    /// made (<see cref="SequenceNumberIndex"/>). The plugin creates the table and each index only when
    /// none of that name exists; its unique index and its index on creation time it still makes itself.
    /// </summary>
    public const string JournalTable = """
        CREATE TABLE IF NOT EXISTS [journal]
        (
            [ordering]        INTEGER        NOT NULL PRIMARY KEY AUTOINCREMENT,
            [created]         INTEGER        NOT NULL,
            [deleted]         Bit            NOT NULL,
            [persistence_id]  NVarChar(255)  NOT NULL,
            [sequence_number] INTEGER        NOT NULL,
            [message]         VarBinary      NOT NULL,
            [manifest]        NVarChar(500)      NULL,
            [identifier]      INTEGER            NULL,
            [writer_uuid]     NVarChar(128)      NULL
        )
        """;

    /// <summary>
    /// The plugin's index on sequence numbers alone, here a partial index that holds no entry. Every
    /// query of the journal names a persistence id and goes by the unique index on (persistence id,
    /// sequence number). The full index took an entry per brand per commit in as many places as the
    /// commit had brands, since each brand counts its own sequence: at 1,000 brands the journal wrote
    /// 20–23 KiB per row without it against 27–29 KiB with it (perf/README.md, <i>The journal's index
    /// on sequence numbers</i>). A store made before keeps its rows and loses the full index when it
    /// is next opened.
    /// </summary>
    public const string SequenceNumberIndex = "journal_sequence_number_idx";

    private static void LayOutJournal(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = $name";
        command.Parameters.AddWithValue("$name", SequenceNumberIndex);
        var existing = command.ExecuteScalar() as string;
        command.Parameters.Clear();
        command.CommandText = JournalTable + ";\n"
            + (existing is null || IsEmptyPartial(existing) ? "" : $"DROP INDEX [{SequenceNumberIndex}];\n")
            + $"CREATE INDEX IF NOT EXISTS [{SequenceNumberIndex}] ON [journal] ([sequence_number]) WHERE 0;";
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    private static bool IsEmptyPartial(string indexSql) => indexSql.TrimEnd().EndsWith("WHERE 0", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// How many WAL pages a commit may leave before it copies them into the file (SQLite's default is
    /// 1,000). A commit of a round at 1,000 brands writes some 500 pages, so at the default nearly
    /// every commit also checkpointed, inside the journal's one write at a time.
    /// </summary>
    public const int PagesBetweenCheckpoints = 10_000;

    /// <summary>
    /// How the journal writes to this store, as HOCON. One write at a time: SQLite lets one writer
    /// in, and a second waits for the lock in its busy handler. Up to 1,000 rows a commit, since each
    /// commit pays an fsync. Statements of 25 rows: SQLite looks each named parameter up among those
    /// before it in the statement, so a statement's cost grows with the square of its parameters
    /// (8 a row), and commits of 1,000 rows in statements of 1,000 spent most of their time there.
    /// The queue in front of the commits holds a write of every brand at once: a brand has one write
    /// in flight, and a round names up to every brand of the node. At the plugin's 5,000 a round of
    /// 10,000 brands overflowed it, and the writes past it failed.
    /// </summary>
    public const string JournalWrites = """
        akka.persistence.journal.sql {
          prefer-parameters-on-multirow-insert = on
          buffer-size = 262144
          parallelism = 1
          batch-size = 1000
          db-round-trip-max-batch-size = 25
        }
        """;

    /// <summary>Options for the snapshot store and the journal's read before the node starts: the connection string, and every native connection prepared.</summary>
    public static DataOptions DataOptions(string connectionString) =>
        OptionsPreparing(connectionString, (connection, _) =>
        {
            Prepare(connection);
            return Task.CompletedTask;
        });

    /// <summary>
    /// Options for the journal: those of <see cref="DataOptions"/>, and each transaction carried on
    /// the thread pool once its connection is open. Microsoft.Data.Sqlite completes its asynchronous
    /// calls synchronously, so the journal's write stage ran every transaction on the thread of the
    /// stage that batches its rows: rows offered meanwhile could not join a batch, and each commit
    /// carried the few that had come in between. Freed, the stage gathers every row offered during a
    /// commit into the next one. Each transaction then holds a pool thread while it runs: the writes
    /// one at a time (<see cref="JournalWrites"/>), the deletes one at a time (<see cref="SqliteJournal"/>)
    /// and the reads of brands recovering, which the host's pool minimum of 32 threads leaves room for.
    /// </summary>
    public static DataOptions JournalDataOptions(string connectionString) =>
        OptionsPreparing(connectionString, async (connection, _) =>
        {
            Prepare(connection);
            await Task.Yield();
        });

    // A connection opened synchronously is prepared at once; one opened asynchronously runs openedAsync, which prepares it too.
    private static DataOptions OptionsPreparing(string connectionString, Func<DbConnection, CancellationToken, Task> openedAsync) =>
        new DataOptions().UseConnectionString(ProviderName.SQLiteMS, connectionString).UseAfterConnectionOpened(Prepare, openedAsync);

    /// <summary>A busy timeout and the checkpoint interval, once per native connection.</summary>
    private static void Prepare(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite || Prepared.TryGetValue(handle, out _))
        {
            return;
        }

        using var command = sqlite.CreateCommand();
        command.CommandText = string.Create(CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {(int)LockWait.TotalMilliseconds}; PRAGMA wal_autocheckpoint = {PagesBetweenCheckpoints};");
        command.ExecuteNonQuery();
        Prepared.AddOrUpdate(handle, handle);
    }
}
