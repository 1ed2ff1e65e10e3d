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
/// The journal writes its rows with parameters (<see cref="StoreSetup.JournalRowsAsParameters"/>):
/// spelled out in the SQL, each event's bytes went in as a hex literal that SQLite then parsed back.
/// </para>
/// </summary>
internal static class SqliteStore
{
    /// <summary>How long a connection waits for the write lock before its command fails.</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);

    // The busy timeout belongs to the native connection, which the pool hands out again and again.
    private static readonly ConditionalWeakTable<sqlite3, object> Prepared = [];

    /// <summary>The isolation level the journal and snapshot store begin their reads with: a deferred transaction.</summary>
    public const IsolationLevel ReadIsolationLevel = IsolationLevel.ReadUncommitted;

    /// <summary>Creates the file if needed, switches it to WAL and gives its connection string.</summary>
    public static string Open(string file)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file, DefaultTimeout = (int)LockWait.TotalSeconds }.ToString();

        // The journal mode lives in the file, so setting it once is enough.
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL;";
        pragma.ExecuteNonQuery();
        return connectionString;
    }

    /// <summary>Options for Akka.Persistence.Sql: the connection string, and a busy timeout on every native connection.</summary>
    public static DataOptions DataOptions(string connectionString) =>
        new DataOptions()
            .UseConnectionString(ProviderName.SQLiteMS, connectionString)
            .UseAfterConnectionOpened(SetBusyTimeout, (connection, _) =>
            {
                SetBusyTimeout(connection);
                return Task.CompletedTask;
            });

    private static void SetBusyTimeout(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite || Prepared.TryGetValue(handle, out _))
        {
            return;
        }

        using var command = sqlite.CreateCommand();
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(int)LockWait.TotalMilliseconds};");
        command.ExecuteNonQuery();
        Prepared.AddOrUpdate(handle, handle);
    }
}
