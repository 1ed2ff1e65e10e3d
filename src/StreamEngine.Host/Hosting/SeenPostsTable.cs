using Microsoft.Data.Sqlite;
using StreamEngine.Engine.Ingest;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// The posts a node's duplicate filter remembers, kept across a graceful restart: a client told by
/// a stopping node to send its body again once the node is back counts each post once, as a replay
/// that goes on does. Written as the node stops, once the ingest graph has drained, and read (then
/// removed) as it starts, so that a node killed later starts without it, as before. It is a row of
/// the SQLite store itself, so that it goes with the journal it speaks of: a store deleted or
/// restored from a backup takes its own record along, and a post it never journaled is never taken
/// for a duplicate. Only a node on SQLite keeps it: nodes on PostgreSQL share their store.
/// </summary>
internal static class SeenPostsTable
{
    private const string Table = "CREATE TABLE IF NOT EXISTS [seen_posts] ([id] INTEGER NOT NULL PRIMARY KEY CHECK ([id] = 1), [filter] BLOB NOT NULL)";

    private static bool Keeps(StoreSetup store) => store.ProviderName == LinqToDB.ProviderName.SQLiteMS;

    /// <summary>Reads the record into the graph and removes it; one that cannot be read is logged and removed.</summary>
    public static void Restore(IngestPipeline pipeline, StoreSetup store, ILogger log)
    {
        if (!Keeps(store))
        {
            return;
        }

        var started = TimeProvider.System.GetTimestamp();
        try
        {
            using var connection = new SqliteConnection(store.ConnectionString);
            connection.Open();
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Table + "; SELECT [filter] FROM [seen_posts] WHERE [id] = 1";
            if (command.ExecuteScalar() is byte[] record)
            {
                try
                {
                    pipeline.ReadSeen(new MemoryStream(record, writable: false));
                    log.LogInformation("Read the posts seen before the last stop ({Bytes:N0} bytes, in {Seconds:0.000} s): a copy sent again is a duplicate",
                        record.Length, TimeProvider.System.GetElapsedTime(started).TotalSeconds);
                }
                catch (InvalidDataException ex)
                {
                    log.LogWarning("The posts seen before the last stop could not be read ({Reason}); a copy of one sent again counts as a new post", ex.Message);
                }

                command.CommandText = "DELETE FROM [seen_posts]";
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
        catch (SqliteException ex)
        {
            log.LogWarning("The posts seen before the last stop could not be read from the store ({Reason}); a copy of one sent again counts as a new post", ex.Message);
        }
    }

    /// <summary>Writes the graph's seen posts into the store, for its next start.</summary>
    public static void Save(IngestPipeline pipeline, StoreSetup store, ILogger log)
    {
        if (!Keeps(store))
        {
            return;
        }

        try
        {
            using var record = new MemoryStream();
            pipeline.WriteSeen(record);
            using var connection = new SqliteConnection(store.ConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = Table + "; INSERT OR REPLACE INTO [seen_posts] ([id], [filter]) VALUES (1, $filter)";
            command.Parameters.AddWithValue("$filter", record.ToArray());
            command.ExecuteNonQuery();
            log.LogInformation("Kept the posts seen ({Bytes:N0} bytes) in the store for the next start", record.Length);
        }
        catch (SqliteException ex)
        {
            log.LogWarning("The posts seen could not be kept in the store ({Reason}); after the restart a copy of one sent again counts as a new post", ex.Message);
        }
    }
}
