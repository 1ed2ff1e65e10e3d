using Akka.Configuration;
using Npgsql;
using StreamEngine.Host.Hosting;

namespace StreamEngine.Host.Tests.PostgreSql;

/// <summary>
/// The queries a brand's recovery makes on PostgreSQL (<see cref="PostgresJournal"/>,
/// <see cref="PostgresSnapshotStore"/>) read what the SQL plugin's own read: a replay its id's live rows
/// of the range in order, a limited batch at a time; the highest sequence number deleted rows too; a
/// snapshot load the id's newest.
/// </summary>
public sealed class PostgresRecoveryQueryTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    // The journal's table as the SQL plugin lays it out on PostgreSQL.
    private const string JournalTable = """
        CREATE TABLE journal (ordering bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, created bigint NOT NULL,
          deleted boolean NOT NULL, persistence_id text NOT NULL, sequence_number bigint NOT NULL, message bytea NOT NULL,
          manifest text, identifier integer, writer_uuid text);
        """;

    private static readonly Config PostgreSqlPlugin = ConfigurationFactory.ParseString("""provider-name = "PostgreSQL.15" """);

    private static readonly Akka.Persistence.Sql.Config.JournalTableConfig JournalTables = PluginSettings.Journal(PostgreSqlPlugin).TableConfig;

    [Fact]
    public async Task A_replay_reads_live_rows_of_one_id_in_order_and_the_highest_counts_deleted_ones()
    {
        await using var connection = await OpenDatabaseAsync("replay");

        await ExecuteAsync(connection, JournalTable);

        // Rows inserted out of order; b-1's rows 1 to 3 deleted, and its last, as the
        // plugin leaves the highest row of a delete marked rather than gone.
        await ExecuteAsync(connection, """
            INSERT INTO journal (created, deleted, persistence_id, sequence_number, message, manifest, identifier, writer_uuid)
            SELECT 1000 + s, s <= 3 OR s = 9, 'b-1', s, decode(lpad(to_hex(s), 2, '0'), 'hex'), 'M', 42, 'w' FROM generate_series(9, 1, -1) s;
            INSERT INTO journal (created, deleted, persistence_id, sequence_number, message, manifest, identifier, writer_uuid)
            SELECT 2000 + s, false, 'b-2', s, '\x00', NULL, NULL, NULL FROM generate_series(1, 12) s;
            """);

        Assert.Equal(new long[] { 4, 5, 6, 7, 8 }, await ReplayAsync(connection, JournalTables, "b-1", 1, long.MaxValue, 100));
        Assert.Equal(new long[] { 5, 6 }, await ReplayAsync(connection, JournalTables, "b-1", 5, long.MaxValue, 2));
        Assert.Equal(new long[] { 4, 5, 6, 7 }, await ReplayAsync(connection, JournalTables, "b-1", 2, 7, 100));
        Assert.Empty(await ReplayAsync(connection, JournalTables, "b-3", 1, long.MaxValue, 100));

        Assert.Equal(9L, await HighestAsync(connection, JournalTables, "b-1", 0));
        Assert.Equal(9L, await HighestAsync(connection, JournalTables, "b-1", 8));
        Assert.Null(await HighestAsync(connection, JournalTables, "b-1", 9));
        Assert.Equal(12L, await HighestAsync(connection, JournalTables, "b-2", 0));
        Assert.Null(await HighestAsync(connection, JournalTables, "b-3", 0));
    }

    [Fact]
    public async Task A_row_reads_back_field_for_field()
    {
        await using var connection = await OpenDatabaseAsync("fields");
        await ExecuteAsync(connection, JournalTable);
        await ExecuteAsync(connection, """
            INSERT INTO journal (created, deleted, persistence_id, sequence_number, message, manifest, identifier, writer_uuid)
            VALUES (638700000000000000, false, 'brand-acme', 7, '\x0102ff', 'MR', 401, 'writer-1'),
                   (638700000000000001, false, 'brand-acme', 8, '\x', NULL, NULL, NULL);
            """);

        await using var command = Range(connection, JournalTables, "brand-acme", 1, 100, 10);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var first = JournalRowReader.Read(reader, null);
        Assert.Equal((1L, 638700000000000000L, false, "brand-acme", 7L, "MR", (int?)401, "writer-1"),
            (first.Ordering, first.Timestamp, first.Deleted, first.PersistenceId, first.SequenceNumber, first.Manifest, first.Identifier, first.WriterUuid));
        Assert.Equal(new byte[] { 1, 2, 255 }, first.Message);
        Assert.True(await reader.ReadAsync());
        var second = JournalRowReader.Read(reader, first.PersistenceId);
        Assert.Same(first.PersistenceId, second.PersistenceId);
        Assert.Equal((8L, (string?)null, (int?)null, (string?)null), (second.SequenceNumber, (string?)second.Manifest, second.Identifier, second.WriterUuid));
        Assert.Empty(second.Message);
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task A_snapshot_load_reads_the_newest_of_its_id()
    {
        await using var connection = await OpenDatabaseAsync("snapshots");
        var table = PluginSettings.Snapshots(PostgreSqlPlugin).TableConfig;
        await ExecuteAsync(connection, """
            CREATE TABLE snapshot (persistence_id text NOT NULL, sequence_number bigint NOT NULL, created bigint NOT NULL,
              snapshot bytea, manifest text, serializer_id integer, PRIMARY KEY (persistence_id, sequence_number));
            INSERT INTO snapshot VALUES ('b-1', 200, 1, '\x01', 'S', 7), ('b-1', 600, 3, '\x03', 'S', 7), ('b-1', 400, 2, '\x02', 'S', 7),
                                        ('b-2', 900, 4, '\x04', 'S', 7);
            """);

        var latest = await LatestAsync(connection, table, "b-1");
        Assert.Equal((600L, 3L), (latest?.SequenceNr, latest?.Created));
        Assert.Equal(new byte[] { 3 }, latest?.Payload);
        Assert.Null(await LatestAsync(connection, table, "b-3"));
    }

    private static async Task<(long SequenceNr, long Created, byte[] Payload)?> LatestAsync(NpgsqlConnection connection, Akka.Persistence.Sql.Config.SnapshotTableConfiguration table, string id)
    {
        await using var command = new NpgsqlCommand(PostgresSnapshotStore.SelectLatest(table), connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetInt64(0), reader.GetInt64(1), reader.GetFieldValue<byte[]>(2)) : null;
    }

    private async Task<NpgsqlConnection> OpenDatabaseAsync(string name)
    {
        await server.CreateDatabaseAsync(name);
        var connection = new NpgsqlConnection(server.ConnectionString(name));
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static NpgsqlCommand Range(NpgsqlConnection connection, Akka.Persistence.Sql.Config.JournalTableConfig table, string id, long from, long to, int limit)
    {
        var command = new NpgsqlCommand(JournalRowReader.SelectRange(table), connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        command.Parameters.AddWithValue("limit", limit);
        return command;
    }

    private static async Task<long[]> ReplayAsync(NpgsqlConnection connection, Akka.Persistence.Sql.Config.JournalTableConfig table, string id, long from, long to, int limit)
    {
        await using var command = Range(connection, JournalTables, id, from, to, limit);
        await using var reader = await command.ExecuteReaderAsync();
        var read = new List<long>();
        while (await reader.ReadAsync())
        {
            read.Add(JournalRowReader.Read(reader, id).SequenceNumber);
        }

        return [.. read];
    }

    private static async Task<long?> HighestAsync(NpgsqlConnection connection, Akka.Persistence.Sql.Config.JournalTableConfig table, string id, long from)
    {
        await using var command = new NpgsqlCommand(JournalRowReader.SelectHighest(table), connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("from", from);
        return await command.ExecuteScalarAsync() is long highest ? highest : null;
    }
}
