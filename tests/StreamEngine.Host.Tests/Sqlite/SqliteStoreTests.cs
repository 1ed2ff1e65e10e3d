using Akka.Configuration;
using LinqToDB.Data;
using Microsoft.Data.Sqlite;
using StreamEngine.Engine.Ingest;
using StreamEngine.Host.Configuration;
using StreamEngine.Host.Hosting;

namespace StreamEngine.Host.Tests.Sqlite;

public sealed class SqliteStoreTests
{
    private static long Scalar(DataConnection connection, string sql)
    {
        using var command = connection.OpenDbConnection().CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Every_connection_of_the_store_waits_for_the_write_lock_inside_SQLite_and_the_file_is_in_WAL_mode()
    {
        using var dir = new TempDirectory();
        var connectionString = SqliteStore.Open(Path.Combine(dir.Path, "streamengine.db"));
        var options = SqliteStore.DataOptions(connectionString);

        // Twice: the second connection comes from the pool, and must still carry the timeout.
        for (var i = 0; i < 2; i++)
        {
            using var connection = new DataConnection(options);
            Assert.Equal((long)SqliteStore.LockWait.TotalMilliseconds, Scalar(connection, "PRAGMA busy_timeout;"));
        }

        using var plain = new SqliteConnection(connectionString);
        plain.Open();
        using var mode = plain.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", mode.ExecuteScalar() as string);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public void Reads_begin_without_the_write_lock_and_see_only_committed_rows()
    {
        using var dir = new TempDirectory();
        var connectionString = SqliteStore.Open(Path.Combine(dir.Path, "streamengine.db"));
        using (var setup = new SqliteConnection(connectionString))
        {
            setup.Open();
            using var create = setup.CreateCommand();
            create.CommandText = "CREATE TABLE journal (id INTEGER); INSERT INTO journal VALUES (1);";
            create.ExecuteNonQuery();
        }

        using var writer = new SqliteConnection(connectionString);
        writer.Open();
        using var writing = writer.BeginTransaction();
        using (var insert = writer.CreateCommand())
        {
            insert.Transaction = writing;
            insert.CommandText = "INSERT INTO journal VALUES (2);";
            insert.ExecuteNonQuery();
        }

        using var reader = new DataConnection(SqliteStore.DataOptions(connectionString));
        // A read that asked for the write lock would wait the store's 30 s for it, then fail.
        using var reading = reader.BeginTransaction(SqliteStore.ReadIsolationLevel);
        Assert.Equal(1, reader.Execute<long>("SELECT count(*) FROM journal;"));
        reading.Commit();

        writing.Commit();
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public void The_embedded_store_reads_without_the_lock_and_binds_journal_rows_while_PostgreSQL_keeps_its_defaults()
    {
        using var dir = new TempDirectory();
        var sqlite = StoreSetup.From(new StreamEngineOptions { DataDir = dir.Path });
        Assert.Equal(SqliteStore.ReadIsolationLevel, sqlite.ReadIsolationLevel);
        Assert.True(sqlite.JournalRowsAsParameters);

        var postgres = StoreSetup.From(new StreamEngineOptions { DataDir = dir.Path, Postgres = "Host=127.0.0.1;Database=streamengine" });
        Assert.Null(postgres.ReadIsolationLevel);
        Assert.False(postgres.JournalRowsAsParameters);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public void The_journal_waits_for_the_stores_own_answer_to_a_write()
    {
        // Given up by the journal while SQLite still waited for the lock, a write failed its round
        // although the store would have made it in time.
        var callTimeout = ConfigurationFactory.ParseString(StoreOutages.Hocon).GetTimeSpan("akka.persistence.journal.sql.circuit-breaker.call-timeout");

        Assert.Equal(new IngestSettings().EffectiveJournalWriteTimeout, callTimeout);
        Assert.True(callTimeout > SqliteStore.LockWait, $"the journal gives up on a write after {callTimeout}, before SQLite's {SqliteStore.LockWait} wait for the lock");
    }
}
