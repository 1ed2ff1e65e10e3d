using Akka;
using Akka.Actor;
using Akka.Configuration;
using LinqToDB;
using StreamEngine.Host.Hosting;
using StreamEngine.Host.Tests.Sqlite;

namespace StreamEngine.Host.Tests.PostgreSql;

/// <summary>
/// A node on PostgreSQL recovers what it journaled through its own reads (<see cref="PostgresJournal"/>,
/// <see cref="PostgresSnapshotStore"/>): snapshots, deleted events, replays in several batches, and
/// writes after a recovery that must carry on the sequence.
/// </summary>
public sealed class PostgresRecoveryTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static readonly TimeSpan Answer = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_restarted_node_recovers_snapshots_and_events_in_batches_and_journals_on()
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

        await using var node = new Node(store);
        var recovered = node.Start("brand-a");
        Assert.Equal("a1,a2,a3,a4,a5,a6,a7,a8", await node.ReadAsync(recovered));
        Assert.Equal("b1,b2,b3,b4,b5", await node.ReadAsync(node.Start("brand-b")));
        Assert.Equal("", await node.ReadAsync(node.Start("brand-none")));

        // A highest sequence number read short would make this write collide with a row already there.
        await node.WriteAsync(recovered, "a9");
        await recovered.GracefulStop(Answer);
        Assert.Equal("a1,a2,a3,a4,a5,a6,a7,a8,a9", await node.ReadAsync(node.Start("brand-a")));
    }

    /// <summary>An actor system persisting to PostgreSQL as a node does, replaying two events a batch.</summary>
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
                  replay-batch-size = 2
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
