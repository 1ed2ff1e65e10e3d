using Akka;
using Akka.Actor;
using Akka.Configuration;
using LinqToDB;
using Npgsql;
using StreamEngine.Host.Hosting;
using StreamEngine.Host.Tests.Sqlite;

namespace StreamEngine.Host.Tests.PostgreSql;

/// <summary>
/// A node on PostgreSQL recovers what it journaled through its own reads (<see cref="PostgresJournal"/>,
/// <see cref="PostgresSnapshotStore"/>): snapshots, deleted events, brands that recover at the same
/// time (their reads made together; a row one of them cannot read fails its recovery only), and
/// writes after a recovery that must carry on the sequence.
/// </summary>
public sealed class PostgresRecoveryTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static readonly TimeSpan Answer = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_restarted_node_recovers_snapshots_and_events_of_brands_at_once_and_journals_on()
    {
        await server.CreateDatabaseAsync("recovery");
        var store = server.ConnectionString("recovery");
        await using (var first = new Node(store))
        {
            var a = first.Start("brand-a");
            await first.WriteAsync(a, "a1", "a2", "a3");
            await a.Ask<Done>(new SnapshotNotes(), Answer);
            await a.Ask<Done>(new PruneJournal(3), Answer);
            await first.WriteAsync(a, "a4", "a5", "a6", "a7", "a8");
            await first.WriteAsync(first.Start("brand-b"), "b1", "b2", "b3", "b4", "b5");
        }

        // A row no serializer of the node can read, of a brand that recovers beside the others.
        await using (var connection = new NpgsqlConnection(store))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand(
                "INSERT INTO journal (created, deleted, persistence_id, sequence_number, message, manifest, identifier) VALUES (1, false, 'brand-unreadable', 1, '\\x00', '', 987654)",
                connection);
            await insert.ExecuteNonQueryAsync();
        }

        await using var node = new Node(store);
        var unreadable = node.Start("brand-unreadable");
        var stopped = unreadable.WatchAsync();
        var recovered = node.Start("brand-a");
        var others = new[] { node.Start("brand-b"), node.Start("brand-none") };
        var reads = await Task.WhenAll(node.ReadAsync(recovered), node.ReadAsync(others[0]), node.ReadAsync(others[1]));
        Assert.Equal(new[] { "a1,a2,a3,a4,a5,a6,a7,a8", "b1,b2,b3,b4,b5", "" }, reads);
        Assert.True(await stopped.WaitAsync(Answer), "a brand whose row cannot be read stops on its failed recovery");

        // A highest sequence number read short would make this write collide with a row already there.
        await node.WriteAsync(recovered, "a9");
        await recovered.GracefulStop(Answer);
        Assert.Equal("a1,a2,a3,a4,a5,a6,a7,a8,a9", await node.ReadAsync(node.Start("brand-a")));
    }

    /// <summary>An actor system persisting to PostgreSQL as a node does.</summary>
    private sealed class Node : IAsyncDisposable
    {
        public Node(string connectionString)
        {
            var config = ConfigurationFactory.ParseString($$"""
                akka.persistence.journal.plugin = "akka.persistence.journal.sql"
                akka.persistence.journal.sql {
                  connection-string = "{{connectionString}}"
                  provider-name = "{{ProviderName.PostgreSQL15}}"
                  auto-initialize = on
                }
                akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.sql"
                akka.persistence.snapshot-store.sql {
                  connection-string = "{{connectionString}}"
                  provider-name = "{{ProviderName.PostgreSQL15}}"
                  auto-initialize = on
                }
                """).WithFallback(ConfigurationFactory.ParseString(PostgresStore.Persistence));
            System = ActorSystem.Create("postgres", config);
        }

        public ActorSystem System { get; }

        public IActorRef Start(string persistenceId) => System.ActorOf(NoteTaker.Props(persistenceId));

        public async Task WriteAsync(IActorRef taker, params string[] notes)
        {
            foreach (var note in notes)
            {
                await taker.Ask<Done>(new Note(note), Answer);
            }
        }

        public Task<string> ReadAsync(IActorRef taker) => taker.Ask<string>(new ReadNotes(), Answer);

        public async ValueTask DisposeAsync() => await System.Terminate();
    }
}
