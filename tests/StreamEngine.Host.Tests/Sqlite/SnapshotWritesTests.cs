using Microsoft.Data.Sqlite;
using StreamEngine.Host.Hosting;

namespace StreamEngine.Host.Tests.Sqlite;

/// <summary>
/// The embedded store saves snapshots many to a commit, with its own statement: each must land as
/// the plugin's own save would store it, and the plugin must read it back.
/// </summary>
[Collection(EmbeddedNodes.Name)]
public sealed class SnapshotWritesTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string File => Path.Combine(_dir.Path, "streamengine.db");

    [Fact]
    public async Task A_snapshot_is_stored_as_the_plugins_own_store_stores_it_and_the_plugin_reads_it_back()
    {
        var before = DateTime.UtcNow;
        await using (var plugin = new EmbeddedNode(File, pluginSnapshotStore: true))
        {
            var taker = plugin.Start("brand-p");
            await plugin.WriteAsync(taker, "n1", "n2");
            await plugin.AskAsync(taker, new SnapshotNotes());
        }

        await using (var embedded = new EmbeddedNode(File))
        {
            var taker = embedded.Start("brand-e");
            await embedded.WriteAsync(taker, "n1", "n2");
            await embedded.AskAsync(taker, new SnapshotNotes());
        }

        var rows = await SnapshotRowsAsync();
        var (byPlugin, byEmbedded) = (rows["brand-p"], rows["brand-e"]);
        Assert.Equal(byPlugin with { Created = 0 }, byEmbedded with { Created = 0 });
        Assert.InRange(new DateTime(byEmbedded.Created, DateTimeKind.Utc), before, DateTime.UtcNow);

        // Without its events, the plugin can only give the notes back from the snapshot.
        await ExecuteAsync("DELETE FROM journal");
        await using var reader = new EmbeddedNode(File, pluginSnapshotStore: true);
        Assert.Equal("n1,n2", await reader.ReadAsync(reader.Start("brand-e")));
    }

    [Fact]
    public async Task Saves_offered_together_all_land_and_a_save_replaces_the_row_of_its_id_and_sequence_number()
    {
        await using var node = await NodeWithSnapshotTableAsync();
        var writes = new SnapshotWrites(node.SnapshotSettings);

        await Task.WhenAll(Enumerable.Range(0, 300).Select(i =>
            writes.SaveAsync($"brand-{i}", new StoredSnapshot(1, i, [(byte)i], "m", 1), CancellationToken.None)));
        await writes.SaveAsync("brand-7", new StoredSnapshot(1, 99, [42], "m2", null), CancellationToken.None);

        var rows = await SnapshotRowsAsync();
        Assert.Equal(301, rows.Count);
        Assert.Equal(new Row(1, 250, "FA", "m", 1), rows["brand-250"]);
        Assert.Equal(new Row(1, 99, "2A", "m2", null), rows["brand-7"]);
    }

    [Fact]
    public async Task Saves_past_a_commits_bytes_go_into_the_next_and_a_snapshot_larger_than_them_goes_alone()
    {
        await using var node = await NodeWithSnapshotTableAsync();
        var writes = new SnapshotWrites(node.SnapshotSettings);
        var seven = new byte[7 * 1024 * 1024];

        await Task.WhenAll(
            writes.SaveAsync("brand-a", new StoredSnapshot(1, 1, seven, "m", 1), CancellationToken.None),
            writes.SaveAsync("brand-b", new StoredSnapshot(1, 1, seven, "m", 1), CancellationToken.None),
            writes.SaveAsync("brand-c", new StoredSnapshot(1, 1, seven, "m", 1), CancellationToken.None),
            writes.SaveAsync("brand-d", new StoredSnapshot(1, 1, new byte[SnapshotWrites.BytesPerCommit + 1], "m", 1), CancellationToken.None));

        await using var store = new SqliteConnection($"Data Source={File}");
        await store.OpenAsync();
        await using var command = store.CreateCommand();
        command.CommandText = "SELECT group_concat(persistence_id || ':' || length(snapshot), ',') FROM (SELECT * FROM snapshot WHERE persistence_id <> 'brand-first' ORDER BY persistence_id)";
        Assert.Equal(
            $"brand-a:{seven.Length},brand-b:{seven.Length},brand-c:{seven.Length},brand-d:{SnapshotWrites.BytesPerCommit + 1}",
            await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_refused_commit_fails_every_save_in_it_with_the_cause_and_later_saves_go_on()
    {
        await using var node = await NodeWithSnapshotTableAsync();
        var writes = new SnapshotWrites(node.SnapshotSettings);
        await ExecuteAsync("CREATE TRIGGER refuse BEFORE INSERT ON snapshot BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");

        var refused = Enumerable.Range(0, 3).Select(i => writes.SaveAsync($"brand-{i}", new StoredSnapshot(1, 1, [1], "m", 1), CancellationToken.None)).ToList();
        foreach (var save in refused)
        {
            var failure = await Assert.ThrowsAsync<SqliteException>(() => save);
            Assert.Contains("database or disk is full", failure.Message, StringComparison.Ordinal);
        }

        await ExecuteAsync("DROP TRIGGER refuse");
        await writes.SaveAsync("brand-1", new StoredSnapshot(2, 1, [2], "m", 1), CancellationToken.None);
        Assert.Equal(new Row(2, 1, "02", "m", 1), (await SnapshotRowsAsync())["brand-1"]);
    }

    public void Dispose() => _dir.Dispose();

    // The plugin makes the snapshot table when its store first starts: one snapshot saved, through it, makes sure.
    private async Task<EmbeddedNode> NodeWithSnapshotTableAsync()
    {
        var node = new EmbeddedNode(File);
        var taker = node.Start("brand-first");
        await node.WriteAsync(taker, "n1");
        await node.AskAsync(taker, new SnapshotNotes());
        return node;
    }

    private async Task<Dictionary<string, Row>> SnapshotRowsAsync()
    {
        await using var store = new SqliteConnection($"Data Source={File}");
        await store.OpenAsync();
        await using var command = store.CreateCommand();
        command.CommandText = "SELECT persistence_id, sequence_number, created, hex(snapshot), manifest, serializer_id FROM snapshot";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<string, Row>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0), new Row(reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetInt32(5)));
        }

        return rows;
    }

    private Task ExecuteAsync(string sql) => StoreFile.ExecuteAsync(File, sql);

    private sealed record Row(long SequenceNr, long Created, string Payload, string Manifest, int? SerializerId);
}
