using Akka.Configuration;
using Npgsql;
using StreamEngine.Host.Hosting;

namespace StreamEngine.Host.Tests.PostgreSql;

/// <summary>
/// The queries brands' recoveries make on PostgreSQL (<see cref="PostgresJournal"/>,
/// <see cref="PostgresSnapshotStore"/>), many brands a query, read for each brand what the SQL plugin's
/// own read: a replay its id's live rows of the range in order, its max at most; the highest sequence
/// number deleted rows too; a snapshot load the id's newest. Each read of a group gets its own.
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

    private static readonly bool WithWriter = JournalRowReader.HasWriter(JournalTables);

    [Fact]
    public async Task A_replay_reads_live_rows_of_one_id_in_order_and_the_highest_counts_deleted_ones()
    {
        // Rows inserted out of order; b-1's rows 1 to 3 deleted, and its last, as the
        // plugin leaves the highest row of a delete marked rather than gone.
        await using var connection = await OpenJournalAsync("replay", """
            INSERT INTO journal (created, deleted, persistence_id, sequence_number, message, manifest, identifier, writer_uuid)
            SELECT 1000 + s, s <= 3 OR s = 9, 'b-1', s, decode(lpad(to_hex(s), 2, '0'), 'hex'), 'M', 42, 'w' FROM generate_series(9, 1, -1) s;
            INSERT INTO journal (created, deleted, persistence_id, sequence_number, message, manifest, identifier, writer_uuid)
            SELECT 2000 + s, false, 'b-2', s, '\x00', NULL, NULL, NULL FROM generate_series(1, 12) s;
            """);

        // One group: the same id twice, an id without rows between, ranges and maxes of their own.
        var replays = await ReplayAsync(connection,
            ("b-1", 1, long.MaxValue, long.MaxValue),
            ("b-1", 5, long.MaxValue, 2),
            ("b-3", 1, long.MaxValue, long.MaxValue),
            ("b-1", 2, 7, 100),
            ("b-2", 11, long.MaxValue, long.MaxValue));
        Assert.Equal(new long[] { 4, 5, 6, 7, 8 }, replays[0]);
        Assert.Equal(new long[] { 5, 6 }, replays[1]);
        Assert.Empty(replays[2]);
        Assert.Equal(new long[] { 4, 5, 6, 7 }, replays[3]);
        Assert.Equal(new long[] { 11, 12 }, replays[4]);

        var highest = await HighestAsync(connection, ("b-1", 0), ("b-1", 8), ("b-1", 9), ("b-2", 0), ("b-3", 0));
        Assert.Equal(new long?[] { 9, 9, null, 12, null }, highest);
    }

    [Fact]
    public async Task A_group_replays_each_brand_its_own_events_and_a_row_it_cannot_read_fails_that_brand_only()
    {
        await using var connection = await OpenJournalAsync("group", """
            INSERT INTO journal (created, deleted, persistence_id, sequence_number, message, manifest, identifier, writer_uuid)
            SELECT 1, false, id, s, '\x00', 'M', CASE WHEN id = 'b-2' AND s = 2 THEN 987654 ELSE 1 END, NULL
            FROM unnest(ARRAY['b-1', 'b-2', 'b-3']) id CROSS JOIN generate_series(1, 3) s;
            """);

        var replayed = new Dictionary<string, List<long>> { ["b-1"] = [], ["b-2"] = [], ["b-3"] = [], ["b-4"] = [] };
        var reads = replayed.Keys.Select(id => new PostgresJournal.ReplayRead(id, 1, long.MaxValue, long.MaxValue, e => replayed[e.PersistenceId].Add(e.SequenceNr))).ToList();
        await using (var command = Ranges(connection, [.. reads.Select(r => (r.PersistenceId, r.From, r.To, r.Max))]))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            await PostgresJournal.ReplayGroupAsync(reader, reads, (row, read) =>
            {
                // A brand is answered once its rows are read, before the group's later ones are.
                Assert.Equal(read.PersistenceId != "b-1", reads[0].Answer.IsCompleted);
                var journaled = JournalRowReader.Read(row, read.PersistenceId, WithWriter);
                return journaled.Identifier == 987654
                    ? throw new InvalidOperationException($"no serializer {journaled.Identifier}")
                    : new Akka.Persistence.Persistent("event", journaled.SequenceNumber, journaled.PersistenceId);
            });
        }

        var patience = TimeSpan.FromSeconds(10);
        Assert.True(await reads[0].Answer.WaitAsync(patience));
        Assert.True(await reads[2].Answer.WaitAsync(patience));
        Assert.True(await reads[3].Answer.WaitAsync(patience));
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => reads[1].Answer.WaitAsync(patience));
        Assert.Equal("no serializer 987654", failure.Message);
        Assert.Equal(new long[] { 1, 2, 3 }, replayed["b-1"]);
        Assert.Equal(new long[] { 1 }, replayed["b-2"]);
        Assert.Equal(new long[] { 1, 2, 3 }, replayed["b-3"]);
        Assert.Empty(replayed["b-4"]);
    }

    [Fact]
    public async Task A_row_reads_back_field_for_field()
    {
        await using var connection = await OpenJournalAsync("fields", """
            INSERT INTO journal (created, deleted, persistence_id, sequence_number, message, manifest, identifier, writer_uuid)
            VALUES (638700000000000000, false, 'brand-acme', 7, '\x0102ff', 'MR', 401, 'writer-1'),
                   (638700000000000001, false, 'brand-acme', 8, '\x', NULL, NULL, NULL);
            """);

        await using var command = Ranges(connection, ("brand-acme", 1, 100, 10));
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var first = JournalRowReader.Read(reader, null, WithWriter);
        Assert.Equal((1L, 638700000000000000L, false, "brand-acme", 7L, "MR", (int?)401, "writer-1"),
            (first.Ordering, first.Timestamp, first.Deleted, first.PersistenceId, first.SequenceNumber, first.Manifest, first.Identifier, first.WriterUuid));
        Assert.Equal(new byte[] { 1, 2, 255 }, first.Message);
        Assert.True(await reader.ReadAsync());
        var second = JournalRowReader.Read(reader, first.PersistenceId, WithWriter);
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

        var latest = await LatestAsync(connection, table, "b-3", "b-1", "b-2", "b-1");
        Assert.Null(latest[0]);
        Assert.Equal((600L, 3L), (latest[1]?.SequenceNr, latest[1]?.Created));
        Assert.Equal(new byte[] { 3 }, latest[1]?.Payload);
        Assert.Equal((900L, 4L), (latest[2]?.SequenceNr, latest[2]?.Created));
        Assert.Equal((latest[1]?.SequenceNr, latest[1]?.Created), (latest[3]?.SequenceNr, latest[3]?.Created));
    }

    private static async Task<(long SequenceNr, long Created, byte[] Payload)?[]> LatestAsync(NpgsqlConnection connection, Akka.Persistence.Sql.Config.SnapshotTableConfiguration table, params string[] ids)
    {
        await using var command = new NpgsqlCommand(PostgresSnapshotStore.SelectLatestOfGroup(table), connection);
        command.Parameters.AddWithValue("ids", ids);
        await using var reader = await command.ExecuteReaderAsync();
        var latest = new (long SequenceNr, long Created, byte[] Payload)?[ids.Length];
        while (await reader.ReadAsync())
        {
            latest[reader.GetInt64(5) - 1] = (reader.GetInt64(0), reader.GetInt64(1), reader.GetFieldValue<byte[]>(2));
        }

        return latest;
    }

    /// <summary>A database of its own holding the journal's table with <paramref name="rows"/> (an INSERT) in it.</summary>
    private async Task<NpgsqlConnection> OpenJournalAsync(string name, string rows)
    {
        var connection = await OpenDatabaseAsync(name);
        await ExecuteAsync(connection, JournalTable);
        await ExecuteAsync(connection, rows);
        return connection;
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

    private static NpgsqlCommand Ranges(NpgsqlConnection connection, params (string Id, long From, long To, long Max)[] replays)
    {
        var command = new NpgsqlCommand(JournalRowReader.SelectRangesOfGroup(JournalTables), connection);
        command.Parameters.AddWithValue("ids", replays.Select(r => r.Id).ToArray());
        command.Parameters.AddWithValue("froms", replays.Select(r => r.From).ToArray());
        command.Parameters.AddWithValue("tos", replays.Select(r => r.To).ToArray());
        command.Parameters.AddWithValue("maxes", replays.Select(r => r.Max).ToArray());
        return command;
    }

    private static async Task<List<long>[]> ReplayAsync(NpgsqlConnection connection, params (string Id, long From, long To, long Max)[] replays)
    {
        await using var command = Ranges(connection, replays);
        await using var reader = await command.ExecuteReaderAsync();
        var read = replays.Select(_ => new List<long>()).ToArray();
        var previous = 0L;
        while (await reader.ReadAsync())
        {
            // The rows come replay by replay, in the order they were asked.
            var index = reader.GetInt64(reader.FieldCount - 1);
            Assert.True(index >= previous, $"replay {index} read after replay {previous}");
            previous = index;
            var row = JournalRowReader.Read(reader, null, WithWriter);
            Assert.Equal(replays[index - 1].Id, row.PersistenceId);
            read[index - 1].Add(row.SequenceNumber);
        }

        return read;
    }

    private static async Task<long?[]> HighestAsync(NpgsqlConnection connection, params (string Id, long From)[] reads)
    {
        await using var command = new NpgsqlCommand(JournalRowReader.SelectHighestOfGroup(JournalTables), connection);
        command.Parameters.AddWithValue("ids", reads.Select(r => r.Id).ToArray());
        command.Parameters.AddWithValue("froms", reads.Select(r => r.From).ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        var highest = new long?[reads.Length];
        while (await reader.ReadAsync())
        {
            highest[reader.GetInt64(1) - 1] = reader.IsDBNull(0) ? null : reader.GetInt64(0);
        }

        return highest;
    }
}
