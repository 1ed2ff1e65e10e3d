using System.Text.Json;
using Akka.Configuration;
using Akka.Persistence.Sql.Config;
using Microsoft.Data.Sqlite;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// The embedded journal's read at start (<see cref="JournalAtStart"/>), begun before the node's
/// actor system exists: loading the model of 10,000 brands takes about a second, and the read needs
/// none of it. The journal takes the read over when it starts (<see cref="EmbeddedJournal"/>), if it
/// reads the same table of the same file; otherwise it reads for itself, as without this.
/// </summary>
internal static class JournalReadAhead
{
    private static readonly Lock Gate = new();
    private static Started? s_started;

    /// <summary>Starts the read on the thread pool when the store is the embedded one and its journal holds events.</summary>
    /// <returns>The read, or null when none was started.</returns>
    public static Task<JournalReadOutcome>? Start(StoreSetup store)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!store.ReadsJournalAtStart || store.DataOptions is null)
        {
            return null;
        }

        // As the journal builds its settings from the plugin's section (PluginSettings), with the
        // table mapping of the plugin's defaults; the journal checks that its own agree.
        var section = ConfigurationFactory.ParseString(
            $"connection-string = {JsonSerializer.Serialize(store.ConnectionString)}\nprovider-name = {JsonSerializer.Serialize(store.ProviderName)}");
        var config = PluginSettings.Journal(section).WithDataOptions(store.DataOptions);
        if (!HoldsEvents(store.ConnectionString, config.TableConfig))
        {
            return null;
        }

        var held = new JournalAtStart { CoveringSnapshots = PluginSettings.Snapshots(section).TableConfig.SnapshotTable };
        var read = Task.Run(() => held.ReadAsync(config, CancellationToken.None));
        lock (Gate)
        {
            s_started = new Started(store.ConnectionString, config, held, read);
        }

        return read;
    }

    /// <summary>
    /// Hands the read over, once, to a journal of the same file and table. The first journal to ask
    /// ends it either way: a read no journal of the node can use would only hold its rows.
    /// </summary>
    public static bool TryTake(JournalConfig settings, string? connectionString, SnapshotTableConfig? coveringSnapshots, out JournalAtStart held, out Task<JournalReadOutcome> read)
    {
        ArgumentNullException.ThrowIfNull(settings);
        lock (Gate)
        {
            var started = s_started;
            s_started = null;
            if (started is not null
                && string.Equals(started.ConnectionString, connectionString, StringComparison.Ordinal)
                && started.Config.TableConfig.Equals(settings.TableConfig)
                && started.Config.DaoConfig.SqlCommonCompatibilityMode == settings.DaoConfig.SqlCommonCompatibilityMode
                && Equals(started.Held.CoveringSnapshots, coveringSnapshots))
            {
                (held, read) = (started.Held, started.Read);
                return true;
            }

            // Let go: the read runs to its end (its deadline at most) and its rows go with it.
            started?.Held.Release();
        }

        (held, read) = (null!, null!);
        return false;
    }

    // The store lays the journal's table out when it opens (SqliteStore.Open): a new store has it, empty.
    private static bool HoldsEvents(string connectionString, JournalTableConfig table)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = JournalRowReader.SelectAny(table);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    private sealed record Started(string ConnectionString, JournalConfig Config, JournalAtStart Held, Task<JournalReadOutcome> Read);
}
