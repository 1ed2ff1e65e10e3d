using LinqToDB;
using Microsoft.Data.Sqlite;
using StreamEngine.Host.Configuration;

namespace StreamEngine.Host.Hosting;

/// <summary>Where brands persist: PostgreSQL when a connection string is given, else a SQLite file under the data directory.</summary>
internal sealed record StoreSetup(string ConnectionString, string ProviderName, string Description)
{
    public static StoreSetup From(StreamEngineOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Postgres))
        {
            return new StoreSetup(options.Postgres, LinqToDB.ProviderName.PostgreSQL15, "PostgreSQL");
        }

        var dataDir = Path.GetFullPath(options.DataDir);
        Directory.CreateDirectory(dataDir);
        var file = Path.Combine(dataDir, "streamengine.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file, DefaultTimeout = 30 }.ToString();

        // WAL lets dashboard reads and journal writes proceed together; the setting lives in the file.
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA journal_mode=WAL;";
            pragma.ExecuteNonQuery();
        }

        return new StoreSetup(connectionString, LinqToDB.ProviderName.SQLiteMS, $"SQLite at {file}");
    }
}
