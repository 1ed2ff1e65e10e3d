using Akka;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Sql.Config;
using LinqToDB;
using StreamEngine.Host.Hosting;

namespace StreamEngine.Host.Tests.Sqlite;

/// <summary>
/// An actor system persisting to a SQLite file through the embedded store's journal and snapshot
/// store, configured as a node's; or, to compare with, through the plugin's own snapshot store.
/// </summary>
internal sealed class EmbeddedNode : IAsyncDisposable
{
    private static readonly TimeSpan Answer = TimeSpan.FromSeconds(20);

    public EmbeddedNode(string file, bool pluginSnapshotStore = false)
    {
        var snapshotStore = pluginSnapshotStore ? typeof(Akka.Persistence.Sql.Snapshot.SqlSnapshotStore) : typeof(EmbeddedSnapshotStore);
        var connection = SqliteStore.Open(file);
        var config = ConfigurationFactory.ParseString($$"""
            akka.persistence.journal.plugin = "akka.persistence.journal.sql"
            akka.persistence.journal.sql {
              class = "{{typeof(EmbeddedJournal).FullName}}, {{typeof(EmbeddedJournal).Assembly.GetName().Name}}"
              connection-string = "{{connection}}"
              provider-name = "{{ProviderName.SQLiteMS}}"
              auto-initialize = on
              read-isolation-level = read-uncommitted
              replay-filter.mode = off
            }
            akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.sql"
            akka.persistence.snapshot-store.sql {
              class = "{{snapshotStore.FullName}}, {{snapshotStore.Assembly.GetName().Name}}"
              connection-string = "{{connection}}"
              provider-name = "{{ProviderName.SQLiteMS}}"
              auto-initialize = on
              read-isolation-level = read-uncommitted
            }
            """).WithFallback(ConfigurationFactory.ParseString(SqliteStore.JournalWrites));

        // Connections prepared as the host's are, the journal's handing each transaction on.
        var store = new MultiDataOptionsSetup();
        store.AddDataOptions("akka.persistence.journal.sql", SqliteStore.JournalDataOptions(connection));
        store.AddDataOptions("akka.persistence.snapshot-store.sql", SqliteStore.DataOptions(connection));
        System = ActorSystem.Create("embedded", BootstrapSetup.Create().WithConfig(config).And(store));
    }

    public ActorSystem System { get; }

    /// <summary>The journal's settings, as the embedded journal builds them.</summary>
    public Akka.Persistence.Sql.Config.JournalConfig JournalSettings =>
        PluginSettings.Journal(System.Settings.Config.GetConfig("akka.persistence.journal.sql"), System);

    /// <summary>The snapshot store's settings, as the embedded snapshot store builds them.</summary>
    public Akka.Persistence.Sql.Config.SnapshotConfig SnapshotSettings =>
        PluginSettings.Snapshots(System.Settings.Config.GetConfig("akka.persistence.snapshot-store.sql"), System);

    public IActorRef Start(string persistenceId) => System.ActorOf(NoteTaker.Props(persistenceId));

    public async Task WriteAsync(IActorRef taker, params string[] notes)
    {
        foreach (var note in notes)
        {
            await taker.Ask<Done>(new Note(note), Answer);
        }
    }

    public Task<string> ReadAsync(IActorRef taker) => taker.Ask<string>(new ReadNotes(), Answer);

    public Task AskAsync(IActorRef taker, object request) => taker.Ask<Done>(request, Answer);

    public async Task StopAsync(IActorRef taker) => await taker.GracefulStop(Answer);

    public async ValueTask DisposeAsync()
    {
        await System.Terminate();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
