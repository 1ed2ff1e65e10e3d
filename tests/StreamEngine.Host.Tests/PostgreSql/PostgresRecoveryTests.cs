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
/// writes after a recovery that must carry on the sequence; and snapshots it saves many to a commit,
/// stored as the plugin's own store stores them.
/// </summary>
public sealed class PostgresRecoveryTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static readonly TimeSpan Answer = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_restarted_node_recovers_snapshots_and_events_of_brands_at_once_and_journals_on()
    {
        var store = await NewStoreAsync("recovery");
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
        await ExecuteAsync(store,
            "INSERT INTO journal (created, deleted, persistence_id, sequence_number, message, manifest, identifier) VALUES (1, false, 'brand-unreadable', 1, '\\x00', '', 987654)");

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

    [Fact]
    public async Task A_brand_that_returns_to_a_node_it_was_on_before_recovers_every_event()
    {
        var store = await NewStoreAsync("returning");
        await using (var first = new Node(store))
        {
            await first.WriteAsync(first.Start("brand-a"), "a1", "a2", "a3", "a4");
        }

        // As a brand that moved to another node for one batch and came back to an incarnation of
        // its own that wrote before: rows of an older writer after a newer one's. The plugin's
        // replay filter took them for a split cluster's and left them out of every recovery, while
        // the unique index on (persistence id, sequence number) already refuses a second writer's row.
        Assert.Equal(1, await ExecuteAsync(store, "UPDATE journal SET writer_uuid = 'another-node' WHERE persistence_id = 'brand-a' AND sequence_number = 3"));

        await using var node = new Node(store);
        Assert.Equal("a1,a2,a3,a4", await node.ReadAsync(node.Start("brand-a")));
    }

    [Fact]
    public async Task Snapshots_are_stored_as_the_plugins_own_store_stores_them_and_all_land_when_saved_together()
    {
        var store = await NewStoreAsync("snapshots");
        var before = DateTime.UtcNow;
        await using (var plugin = new Node(store, pluginSnapshotStore: true))
        {
            var taker = plugin.Start("brand-p");
            await plugin.WriteAsync(taker, "n1", "n2");
            await taker.Ask<Done>(new SnapshotNotes(), Answer);
        }

        await using (var node = new Node(store))
        {
            var takers = Enumerable.Range(0, 50).Select(i => node.Start($"brand-{i}")).ToList();
            await Task.WhenAll(takers.Select(t => node.WriteAsync(t, "n1", "n2")));
            await Task.WhenAll(takers.Select(t => t.Ask<Done>(new SnapshotNotes(), Answer)));
        }

        await using var connection = new NpgsqlConnection(store);
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand(
            "SELECT persistence_id, sequence_number, created, encode(snapshot, 'hex'), manifest, serializer_id FROM snapshot", connection);
        var rows = new Dictionary<string, (long SequenceNr, long Created, string Payload, string Manifest, int SerializerId)>(StringComparer.Ordinal);
        await using (var reader = await select.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0), (reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5)));
            }
        }

        Assert.Equal(51, rows.Count);
        var byPlugin = rows["brand-p"];
        Assert.All(Enumerable.Range(0, 50).Select(i => rows[$"brand-{i}"]), row =>
        {
            Assert.Equal(byPlugin with { Created = 0 }, row with { Created = 0 });
            Assert.InRange(new DateTime(row.Created, DateTimeKind.Utc), before, DateTime.UtcNow);
        });

        // Without its events, the plugin can only give the notes back from the snapshot.
        await using (var delete = new NpgsqlCommand("DELETE FROM journal", connection))
        {
            await delete.ExecuteNonQueryAsync();
        }

        await using var reading = new Node(store, pluginSnapshotStore: true);
        Assert.Equal("n1,n2", await reading.ReadAsync(reading.Start("brand-7")));
    }

    [Fact]
    public async Task Saves_offered_together_go_in_round_trips_of_many_and_a_save_replaces_the_row_of_its_id_and_sequence_number()
    {
        var store = await NewStoreAsync("snapshot_writes");
        await using (var node = new Node(store))
        {
            // The plugin lays out the snapshot table as its store starts.
            var taker = node.Start("brand-first");
            await node.WriteAsync(taker, "n1");
            await taker.Ask<Done>(new SnapshotNotes(), Answer);
        }

        var writes = new SnapshotWrites(PluginSettings.Snapshots(ConfigurationFactory.ParseString(
            $"connection-string = \"{store}\"\nprovider-name = \"{ProviderName.PostgreSQL15}\"")));

        // More than a round trip's rows wait while the first save's commit is made.
        await Task.WhenAll(Enumerable.Range(0, 3 * SnapshotWrites.RowsPerRoundTrip).Select(i =>
            writes.SaveAsync($"brand-{i}", new StoredSnapshot(1, i, [(byte)i], "m", 1), CancellationToken.None)));
        await writes.SaveAsync("brand-7", new StoredSnapshot(1, 99, [42], "m2", null), CancellationToken.None);

        await using var connection = new NpgsqlConnection(store);
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand(
            "SELECT count(*), count(*) FILTER (WHERE persistence_id = 'brand-250' AND created = 250 AND snapshot = '\\xfa'), " +
            "count(*) FILTER (WHERE persistence_id = 'brand-7' AND created = 99 AND snapshot = '\\x2a' AND manifest = 'm2' AND serializer_id IS NULL) FROM snapshot",
            connection);
        await using var reader = await select.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal((301L, 1L, 1L), (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
    }

    /// <summary>A database of its own for a test; its connection string.</summary>
    private async Task<string> NewStoreAsync(string database)
    {
        await server.CreateDatabaseAsync(database);
        return server.ConnectionString(database);
    }

    /// <summary>A statement run on the store by hand, as an operator would; the rows it touched.</summary>
    private static async Task<int> ExecuteAsync(string store, string sql)
    {
        await using var connection = new NpgsqlConnection(store);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>An actor system persisting to PostgreSQL as a node does.</summary>
    private sealed class Node : IAsyncDisposable
    {
        public Node(string connectionString, bool pluginSnapshotStore = false)
        {
            // The plugin's own snapshot store, to compare with, in place of the node's.
            var snapshotStore = pluginSnapshotStore
                ? $"akka.persistence.snapshot-store.sql.class = \"{typeof(Akka.Persistence.Sql.Snapshot.SqlSnapshotStore).FullName}, {typeof(Akka.Persistence.Sql.Snapshot.SqlSnapshotStore).Assembly.GetName().Name}\"\n"
                : string.Empty;
            var config = ConfigurationFactory.ParseString(snapshotStore + $$"""
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
