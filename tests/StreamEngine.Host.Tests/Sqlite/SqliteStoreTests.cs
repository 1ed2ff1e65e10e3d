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
            Assert.Equal(SqliteStore.PagesBetweenCheckpoints, Scalar(connection, "PRAGMA wal_autocheckpoint;"));
        }

        using var plain = new SqliteConnection(connectionString);
        plain.Open();
        using var mode = plain.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", mode.ExecuteScalar() as string);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public void The_journal_hands_its_transaction_on_once_the_connection_is_open_where_other_connections_go_on_inline()
    {
        // Carried on inline, the journal's transactions ran on the thread of the stage that batches
        // its rows, and commits carried a few rows each.
        using var dir = new TempDirectory();
        var connectionString = SqliteStore.Open(Path.Combine(dir.Path, "streamengine.db"));

        Assert.False(BeginsInline(SqliteStore.JournalDataOptions(connectionString)));
        Assert.True(BeginsInline(SqliteStore.DataOptions(connectionString)));
        SqliteConnection.ClearAllPools();
    }

    // Begins a transaction on a scheduler that runs what is handed to it only when told to, so
    // whether the begin completed inline is known without a race.
    private static bool BeginsInline(LinqToDB.DataOptions options)
    {
        using var connection = new DataConnection(options);
        var scheduler = new HeldScheduler();
        var begin = Task.Factory.StartNew(() => connection.BeginTransactionAsync(), CancellationToken.None, TaskCreationOptions.None, scheduler);
        scheduler.RunNext();
        var transaction = begin.Result;
        var inline = transaction.IsCompleted;
        scheduler.RunAll();
        transaction.Result.Dispose();
        return inline;
    }

    private sealed class HeldScheduler : TaskScheduler
    {
        private readonly Queue<Task> _held = new();

        public void RunNext()
        {
            // Without a synchronization context a yield comes back to this scheduler.
            var context = SynchronizationContext.Current;
            SynchronizationContext.SetSynchronizationContext(null);
            try
            {
                TryExecuteTask(_held.Dequeue());
            }
            finally
            {
                SynchronizationContext.SetSynchronizationContext(context);
            }
        }

        public void RunAll()
        {
            while (_held.Count > 0)
            {
                RunNext();
            }
        }

        protected override void QueueTask(Task task) => _held.Enqueue(task);

        protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

        protected override IEnumerable<Task> GetScheduledTasks() => _held;
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
            create.CommandText = "CREATE TABLE notes (id INTEGER); INSERT INTO notes VALUES (1);";
            create.ExecuteNonQuery();
        }

        using var writer = new SqliteConnection(connectionString);
        writer.Open();
        using var writing = writer.BeginTransaction();
        using (var insert = writer.CreateCommand())
        {
            insert.Transaction = writing;
            insert.CommandText = "INSERT INTO notes VALUES (2);";
            insert.ExecuteNonQuery();
        }

        using var reader = new DataConnection(SqliteStore.DataOptions(connectionString));
        // A read that asked for the write lock would wait the store's 30 s for it, then fail.
        using var reading = reader.BeginTransaction(SqliteStore.ReadIsolationLevel);
        Assert.Equal(1, reader.Execute<long>("SELECT count(*) FROM notes;"));
        reading.Commit();

        writing.Commit();
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public void The_embedded_store_reads_without_the_lock_and_writes_one_commit_at_a_time_with_bound_rows_while_PostgreSQL_keeps_the_plugins_defaults_but_its_queue_and_replay()
    {
        using var dir = new TempDirectory();
        var sqlite = StoreSetup.From(new StreamEngineOptions { DataDir = dir.Path });
        Assert.Equal(SqliteStore.ReadIsolationLevel, sqlite.ReadIsolationLevel);
        var writes = ConfigurationFactory.ParseString(sqlite.PersistenceSettings).GetConfig("akka.persistence.journal.sql");
        Assert.True(writes.GetBoolean("prefer-parameters-on-multirow-insert"));
        Assert.Equal(1, writes.GetInt("parallelism"));
        Assert.NotNull(sqlite.JournalDataOptions);

        var postgres = StoreSetup.From(new StreamEngineOptions { DataDir = dir.Path, Postgres = "Host=127.0.0.1;Database=streamengine" });
        Assert.Null(postgres.ReadIsolationLevel);
        Assert.Null(postgres.JournalDataOptions);

        // Room for a write of every brand of a node at once, on either store (PostgreSqlWriteQueueTests).
        var postgresSettings = ConfigurationFactory.ParseString(postgres.PersistenceSettings);
        var postgresWrites = postgresSettings.GetConfig("akka.persistence.journal.sql");
        Assert.Equal(writes.GetInt("buffer-size"), postgresWrites.GetInt("buffer-size"));
        Assert.StartsWith(typeof(PostgresJournal).FullName + ",", postgresWrites.GetString("class"), StringComparison.Ordinal);
        Assert.Equal(["buffer-size", "class", "replay-filter"], postgresWrites.AsEnumerable().Select(setting => setting.Key).Order());
        Assert.Equal("off", postgresWrites.GetString("replay-filter.mode"));
        Assert.StartsWith(typeof(PostgresSnapshotStore).FullName + ",", postgresSettings.GetString("akka.persistence.snapshot-store.sql.class"), StringComparison.Ordinal);
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
