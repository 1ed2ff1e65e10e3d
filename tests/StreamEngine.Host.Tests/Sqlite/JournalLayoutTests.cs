using System.Globalization;
using Microsoft.Data.Sqlite;
using StreamEngine.Host.Hosting;

namespace StreamEngine.Host.Tests.Sqlite;

/// <summary>
/// The embedded store lays out the journal's table before the plugin starts, so that the plugin's
/// index on sequence numbers alone holds nothing: every journal query goes by persistence id.
/// </summary>
[Collection(EmbeddedNodes.Name)]
public sealed class JournalLayoutTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string File => Path.Combine(_dir.Path, "streamengine.db");

    private object? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={File}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private string? IndexSql(string name) => Scalar($"SELECT sql FROM sqlite_master WHERE type = 'index' AND name = '{name}'") as string;

    [Fact]
    public async Task The_plugin_journals_and_replays_on_the_table_laid_out_here_and_its_sequence_number_index_stays_empty()
    {
        await using (var first = new EmbeddedNode(File))
        {
            await first.WriteAsync(first.Start("brand-a"), "a1", "a2");
            await first.WriteAsync(first.Start("brand-b"), "b1");
        }

        await using (var node = new EmbeddedNode(File))
        {
            Assert.Equal("a1,a2", await node.ReadAsync(node.Start("brand-a")));
            Assert.Equal("b1", await node.ReadAsync(node.Start("brand-b")));
        }

        SqliteConnection.ClearAllPools();
        Assert.EndsWith("WHERE 0", IndexSql(SqliteStore.SequenceNumberIndex), StringComparison.Ordinal);

        // The plugin's own unique index, which its queries go by, is made as before.
        Assert.Contains("(persistence_id, sequence_number)", IndexSql("journal_uq"), StringComparison.Ordinal);
        Assert.Equal(3L, Scalar("SELECT count(*) FROM journal"));
    }

    [Fact]
    public void A_store_made_with_the_full_index_keeps_its_events_and_loses_the_index_when_opened()
    {
        using (var connection = new SqliteConnection($"Data Source={File}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = SqliteStore.JournalTable + """
                ;
                CREATE INDEX journal_sequence_number_idx ON journal (sequence_number);
                INSERT INTO journal (created, deleted, persistence_id, sequence_number, message) VALUES (1, 0, 'brand-a', 1, x'01');
                """;
            command.ExecuteNonQuery();
        }

        SqliteStore.Open(File);
        SqliteStore.Open(File);
        SqliteConnection.ClearAllPools();

        Assert.EndsWith("WHERE 0", IndexSql(SqliteStore.SequenceNumberIndex), StringComparison.Ordinal);
        Assert.Equal(1L, Convert.ToInt64(Scalar("SELECT count(*) FROM journal"), CultureInfo.InvariantCulture));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
