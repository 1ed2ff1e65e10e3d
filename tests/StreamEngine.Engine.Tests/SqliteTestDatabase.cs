using Akka.Configuration;
using Microsoft.Data.Sqlite;

namespace StreamEngine.Engine.Tests;

/// <summary>
/// A fresh SQLite file in its own temp directory, and the Akka config that journals and snapshots
/// brands into it through Akka.Persistence.Sql with the brand state serializer bound.
/// </summary>
public sealed class SqliteTestDatabase : IDisposable
{
    public SqliteTestDatabase()
    {
        Directory = Path.Combine(Path.GetTempPath(), "streamengine-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        FilePath = Path.Combine(Directory, "engine.db");
        Config = ConfigurationFactory.ParseString($$"""
            akka.loglevel = INFO
            akka.test.single-expect-default = 15s
            akka.actor {
              serializers.brand-state = "StreamEngine.Engine.Serialization.BrandStateSerializer, StreamEngine.Engine"
              serialization-bindings {
                "StreamEngine.Engine.Brands.IBrandPersistedState, StreamEngine.Engine" = brand-state
              }
            }
            akka.persistence {
              journal {
                plugin = "akka.persistence.journal.sql"
                sql {
                  class = "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql"
                  connection-string = "Data Source={{FilePath}}"
                  provider-name = "SQLite.MS"
                  auto-initialize = on
                }
              }
              snapshot-store {
                plugin = "akka.persistence.snapshot-store.sql"
                sql {
                  class = "Akka.Persistence.Sql.Snapshot.SqlSnapshotStore, Akka.Persistence.Sql"
                  connection-string = "Data Source={{FilePath}}"
                  provider-name = "SQLite.MS"
                  auto-initialize = on
                }
              }
            }
            """);
    }

    public string Directory { get; }

    public string FilePath { get; }

    public Config Config { get; }

    /// <summary>The tables in the file, read from sqlite_master.</summary>
    public IReadOnlyList<string> Tables()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
        using var reader = command.ExecuteReader();
        var tables = new List<string>();
        while (reader.Read())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    /// <summary>The single table whose name says it holds snapshots, or null while none has been created.</summary>
    public string? SnapshotTable() => Tables().SingleOrDefault(t => t.Contains("snapshot", StringComparison.OrdinalIgnoreCase));

    /// <summary>Rows of the snapshot table, or -1 while the table does not exist or the file is busy.</summary>
    public long SnapshotRows()
    {
        try
        {
            var table = SnapshotTable();
            if (table is null)
            {
                return -1;
            }

            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return -1;
        }
    }

    /// <summary>The journal rows of one persistence id, oldest first (default Akka.Persistence.Sql table mapping).</summary>
    public IReadOnlyList<StoredRow> JournalRows(string persistenceId) =>
        Rows($"SELECT sequence_number, deleted, identifier, manifest FROM journal WHERE persistence_id = $id ORDER BY sequence_number", persistenceId);

    /// <summary>The snapshot rows of one persistence id, oldest first (default Akka.Persistence.Sql table mapping).</summary>
    public IReadOnlyList<StoredRow> SnapshotRowsOf(string persistenceId) =>
        Rows($"SELECT sequence_number, 0, serializer_id, manifest FROM \"{SnapshotTable()}\" WHERE persistence_id = $id ORDER BY sequence_number", persistenceId);

    /// <summary>From now on every journal insert fails with <paramref name="message"/>, as a full disk would.</summary>
    public void RefuseJournalWrites(string message)
    {
        using var connection = new SqliteConnection($"Data Source={FilePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"CREATE TRIGGER refuse_writes BEFORE INSERT ON journal BEGIN SELECT RAISE(ABORT, '{message}'); END";
        command.ExecuteNonQuery();
    }

    /// <summary>From now on every snapshot write fails with <paramref name="message"/>; the snapshot table must be there already.</summary>
    public void RefuseSnapshotWrites(string message)
    {
        var table = SnapshotTable() ?? throw new InvalidOperationException("the snapshot store has not made its table yet");
        using var connection = new SqliteConnection($"Data Source={FilePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"CREATE TRIGGER refuse_snapshots BEFORE INSERT ON \"{table}\" BEGIN SELECT RAISE(ABORT, '{message}'); END";
        command.ExecuteNonQuery();
    }

    /// <summary>Overwrites the stored bytes of each of <paramref name="persistenceId"/>'s journal rows with bytes that do not decode.</summary>
    public void GarbleJournalRows(string persistenceId)
    {
        using var connection = new SqliteConnection($"Data Source={FilePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE journal SET message = x'00010203' WHERE persistence_id = $id";
        command.Parameters.AddWithValue("$id", persistenceId);
        command.ExecuteNonQuery();
    }

    /// <summary>Labels each of <paramref name="persistenceId"/>'s snapshots with <paramref name="manifest"/>, as a later engine might have written them.</summary>
    public void RelabelSnapshots(string persistenceId, string manifest)
    {
        using var connection = new SqliteConnection($"Data Source={FilePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE \"{SnapshotTable()}\" SET manifest = $manifest WHERE persistence_id = $id";
        command.Parameters.AddWithValue("$manifest", manifest);
        command.Parameters.AddWithValue("$id", persistenceId);
        command.ExecuteNonQuery();
    }

    /// <summary>Runs <paramref name="condition"/> against the file; false while the file is busy or the tables are not there yet.</summary>
    public bool Holds(Func<SqliteTestDatabase, bool> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        try
        {
            return condition(this);
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    private List<StoredRow> Rows(string sql, string persistenceId)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // only table names from sqlite_master are spliced in; values are parameters
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Parameters.AddWithValue("$id", persistenceId);
        using var reader = command.ExecuteReader();
        var rows = new List<StoredRow>();
        while (reader.Read())
        {
            rows.Add(new StoredRow(reader.GetInt64(0), reader.GetInt64(1) != 0, reader.GetInt64(2), reader.IsDBNull(3) ? "" : reader.GetString(3)));
        }

        return rows;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={FilePath};Mode=ReadOnly");
        connection.Open();
        return connection;
    }
}

/// <summary>One journal or snapshot row as stored: its sequence number, deletion mark, serializer and manifest.</summary>
public sealed record StoredRow(long SequenceNr, bool Deleted, long SerializerId, string Manifest);
