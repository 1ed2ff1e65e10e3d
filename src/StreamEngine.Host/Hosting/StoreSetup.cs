using System.Data;
using LinqToDB;
using StreamEngine.Host.Configuration;

namespace StreamEngine.Host.Hosting;

/// <summary>Where brands persist: PostgreSQL when a connection string is given, else a SQLite file under the data directory.</summary>
/// <param name="DataOptions">Connection options beyond the string, when the store needs them (SQLite's busy timeout and checkpoint interval).</param>
/// <param name="ReadIsolationLevel">How the journal and snapshot store begin their reads, when the store's default does not suit.</param>
/// <param name="JournalDataOptions">The journal's connection options, when they differ from <paramref name="DataOptions"/>.</param>
/// <param name="PersistenceSettings">The journal's and snapshot store's settings for the store (HOCON), where the plugin's defaults do not suit it.</param>
/// <param name="ReadsJournalAtStart">Whether brands recover from one read of the whole journal at start (<see cref="EmbeddedJournal"/>): only where this node is the store's sole writer.</param>
internal sealed record StoreSetup(
    string ConnectionString,
    string ProviderName,
    string Description,
    DataOptions? DataOptions = null,
    IsolationLevel? ReadIsolationLevel = null,
    DataOptions? JournalDataOptions = null,
    string? PersistenceSettings = null,
    bool ReadsJournalAtStart = false)
{
    public static StoreSetup From(StreamEngineOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Postgres))
        {
            return new StoreSetup(SharedStoreClaim.Named(options.Postgres), LinqToDB.ProviderName.PostgreSQL15, "PostgreSQL", PersistenceSettings: PostgresStore.Persistence);
        }

        var dataDir = Path.GetFullPath(options.DataDir);
        Directory.CreateDirectory(dataDir);
        var file = Path.Combine(dataDir, "streamengine.db");
        var connectionString = SqliteStore.Open(file);
        return new StoreSetup(connectionString, LinqToDB.ProviderName.SQLiteMS, $"SQLite at {file}", SqliteStore.DataOptions(connectionString),
            SqliteStore.ReadIsolationLevel, SqliteStore.JournalDataOptions(connectionString), SqliteStore.JournalWrites, ReadsJournalAtStart: true);
    }
}
