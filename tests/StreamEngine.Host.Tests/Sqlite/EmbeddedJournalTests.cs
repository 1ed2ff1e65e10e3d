using Akka.Configuration;
using Akka.Persistence.Sql.Db;
using Akka.Persistence.Sql.Journal.Types;
using LinqToDB;
using LinqToDB.Async;
using Microsoft.Data.Sqlite;
using StreamEngine.Host.Configuration;
using StreamEngine.Host.Hosting;

namespace StreamEngine.Host.Tests.Sqlite;

/// <summary>
/// A restarted node recovers its brands from one read of the journal: what each recovers must be
/// exactly what the store holds, on the first recovery and on every one after it.
/// </summary>
[Collection(EmbeddedNodes.Name)]
public sealed class EmbeddedJournalTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string File => Path.Combine(_dir.Path, "streamengine.db");

    [Fact]
    public async Task A_restarted_node_recovers_what_was_journaled_and_a_later_recovery_sees_what_was_written_since()
    {
        await using (var first = new EmbeddedNode(File))
        {
            await first.WriteAsync(first.Start("brand-a"), "a1", "a2", "a3");
            await first.WriteAsync(first.Start("brand-b"), "b1");
        }

        await using var node = new EmbeddedNode(File);
        var a = node.Start("brand-a");
        Assert.Equal("a1,a2,a3", await node.ReadAsync(a));
        Assert.Equal("b1", await node.ReadAsync(node.Start("brand-b")));

        // Written after the read: a second recovery must come from the store, not from what was read.
        await node.WriteAsync(a, "a4");
        await node.StopAsync(a);
        Assert.Equal("a1,a2,a3,a4", await node.ReadAsync(node.Start("brand-a")));

        // An id the journal did not hold starts empty, and then keeps what it writes.
        var fresh = node.Start("brand-new");
        Assert.Equal("", await node.ReadAsync(fresh));
        await node.WriteAsync(fresh, "n1");
        await node.StopAsync(fresh);
        Assert.Equal("n1", await node.ReadAsync(node.Start("brand-new")));
    }

    [Fact]
    public async Task A_first_recovery_replays_what_was_read_at_start_without_asking_the_store()
    {
        await WriteTwoBrandsAsync();
        await using var node = new EmbeddedNode(File);

        // brand-b's recovery waits for the read, so once it answers the read is done.
        Assert.Equal("b1", await node.ReadAsync(node.Start("brand-b")));
        await DeleteRowsAsync("brand-a");

        // Asked of the store, brand-a would now find its snapshot and none of the events after it.
        Assert.Equal("a1,a2,a3", await node.ReadAsync(node.Start("brand-a")));
    }

    [Fact]
    public async Task A_read_begun_before_the_node_started_is_taken_over_by_its_journal()
    {
        await WriteTwoBrandsAsync();
        var read = JournalReadAhead.Start(StoreSetup.From(new StreamEngineOptions { DataDir = _dir.Path }));
        Assert.NotNull(read);
        Assert.Equal(JournalReadEnd.Whole, (await read).End);
        await DeleteRowsAsync("brand-a");

        await using var node = new EmbeddedNode(File);

        // Asked of the store, brand-a would now find its snapshot and none of the events after it.
        Assert.Equal("a1,a2,a3", await node.ReadAsync(node.Start("brand-a")));
        Assert.Equal("b1", await node.ReadAsync(node.Start("brand-b")));
    }

    [Fact]
    public async Task A_read_begun_for_another_file_is_not_taken_over()
    {
        using var other = new TempDirectory();
        await using (var elsewhere = new EmbeddedNode(Path.Combine(other.Path, "streamengine.db")))
        {
            await elsewhere.WriteAsync(elsewhere.Start("brand-a"), "x1");
        }

        await WriteTwoBrandsAsync();
        var read = JournalReadAhead.Start(StoreSetup.From(new StreamEngineOptions { DataDir = other.Path }));
        Assert.NotNull(read);
        await read;

        // Taken over, the other file's brand-a would answer x1.
        await using var node = new EmbeddedNode(File);
        Assert.Equal("a1,a2,a3", await node.ReadAsync(node.Start("brand-a")));
    }

    [Fact]
    public void No_read_is_begun_for_a_store_without_a_journal_yet()
    {
        Assert.Null(JournalReadAhead.Start(StoreSetup.From(new StreamEngineOptions { DataDir = _dir.Path })));
    }

    [Fact]
    public async Task A_brand_with_a_snapshot_and_a_pruned_journal_recovers_its_snapshot_and_the_events_after_it()
    {
        await WriteTwoBrandsAsync();
        await using var node = new EmbeddedNode(File);
        var again = node.Start("brand-a");
        Assert.Equal("a1,a2,a3", await node.ReadAsync(again));

        // Numbering goes on after the pruned events: a fourth note is the fourth, not a second.
        await node.WriteAsync(again, "a4");
        await node.StopAsync(again);
        Assert.Equal("a1,a2,a3,a4", await node.ReadAsync(node.Start("brand-a")));
        Assert.Equal("b1", await node.ReadAsync(node.Start("brand-b")));
    }

    [Fact]
    public async Task The_read_holds_each_ids_live_rows_once_and_answers_for_ids_it_did_not_meet()
    {
        await WriteTwoBrandsAsync();
        await using var node = new EmbeddedNode(File);
        var atStart = new JournalAtStart();
        var outcome = await atStart.ReadAsync(node.JournalSettings, CancellationToken.None);

        // brand-a's rows 2 (pruned, kept for its number) and 3, and brand-b's row 1.
        Assert.Equal((2, 3L, JournalReadEnd.Whole), (outcome.Ids, outcome.Rows, outcome.End));
        Assert.True(outcome.HeldBytes > 3 * 128, $"{outcome.HeldBytes} bytes held for three rows");
        Assert.True(atStart.TryHighest("brand-a", 0, out var highest));
        Assert.Equal(3, highest);
        Assert.True(atStart.TryHighest("brand-a", 3, out var above));
        Assert.Equal(0, above);

        // Row 1 was pruned away and row 2 is kept only to remember the sequence number.
        Assert.True(atStart.TryTake("brand-a", out var rows));
        Assert.Equal([3L], rows.Select(r => r.SequenceNumber));
        Assert.False(atStart.TryTake("brand-a", out _));
        Assert.False(atStart.TryHighest("brand-a", 0, out _));

        Assert.True(atStart.TryHighest("brand-unknown", 0, out var none));
        Assert.Equal(0, none);

        atStart.Forget("brand-b");
        Assert.False(atStart.TryHighest("brand-b", 0, out _));
        Assert.Equal(0, atStart.Held);
    }

    [Fact]
    public async Task The_pass_leaves_out_the_events_a_snapshot_covers_and_recoveries_still_see_every_event()
    {
        await WriteTwoBrandsAsync();

        // brand-c snapshots without pruning, as a brand whose delete waited too long leaves its journal.
        await using (var first = new EmbeddedNode(File))
        {
            var taker = first.Start("brand-c");
            await first.WriteAsync(taker, "c1", "c2", "c3");
            await first.AskAsync(taker, new SnapshotNotes());
            await first.WriteAsync(taker, "c4");
        }

        await using var node = new EmbeddedNode(File);
        var covering = EmbeddedJournal.CoveringSnapshots(node.System.Settings.Config, node.JournalSettings);
        Assert.NotNull(covering);
        var all = await new JournalAtStart().ReadAsync(node.JournalSettings, CancellationToken.None);
        var atStart = new JournalAtStart { CoveringSnapshots = covering };
        var past = await atStart.ReadAsync(node.JournalSettings, CancellationToken.None);

        // Of brand-a's rows 2 and 3, brand-b's 1 and brand-c's 1 to 4, those after each snapshot.
        Assert.Equal((3, 7L), (all.Ids, all.Rows));
        Assert.Equal((3, 3L, JournalReadEnd.Whole), (past.Ids, past.Rows, past.End));
        Assert.True(atStart.TryTake("brand-c", out var rows));
        Assert.Equal([4L], rows.Select(r => r.SequenceNumber));

        // The node's own journal reads the same way; its recoveries, and the numbering after them, are whole.
        var c = node.Start("brand-c");
        Assert.Equal("c1,c2,c3,c4", await node.ReadAsync(c));
        await node.WriteAsync(c, "c5");
        await node.StopAsync(c);
        Assert.Equal("c1,c2,c3,c4,c5", await node.ReadAsync(node.Start("brand-c")));
        Assert.Equal("a1,a2,a3", await node.ReadAsync(node.Start("brand-a")));
    }

    [Fact]
    public async Task The_pass_reads_every_row_when_the_snapshot_table_is_missing_or_in_another_file()
    {
        await WriteTwoBrandsAsync();
        await using var node = new EmbeddedNode(File);
        var missing = PluginSettings.Snapshots(ConfigurationFactory.ParseString("default.snapshot.table-name = no_such_table")).TableConfig.SnapshotTable;
        Assert.Equal("no_such_table", missing.Name);
        var outcome = await new JournalAtStart { CoveringSnapshots = missing }.ReadAsync(node.JournalSettings, CancellationToken.None);
        Assert.Equal((2, 3L), (outcome.Ids, outcome.Rows));

        var elsewhere = PluginSettings.Journal(ConfigurationFactory.ParseString($"connection-string = \"Data Source={Path.Combine(_dir.Path, "elsewhere.db")}\""));
        Assert.Null(EmbeddedJournal.CoveringSnapshots(node.System.Settings.Config, elsewhere));
        Assert.NotNull(EmbeddedJournal.CoveringSnapshots(node.System.Settings.Config, node.JournalSettings));
    }

    [Fact]
    public async Task The_pass_reads_every_row_as_the_plugins_own_mapping_reads_it()
    {
        await WriteTwoBrandsAsync();

        // A row without manifest, serializer or writer, as no write of this node makes but a hand or an old layout might.
        await ExecuteAsync("INSERT INTO journal (created, deleted, persistence_id, sequence_number, message) VALUES (7, 0, 'brand-c', 1, x'0102')");

        await using var node = new EmbeddedNode(File);
        await using var plugin = new AkkaPersistenceDataConnectionFactory(node.JournalSettings).GetConnection();
        var expected = await plugin.GetTable<JournalRow>().OrderBy(r => r.Ordering).ToListAsync();

        await using var connection = new SqliteConnection($"Data Source={File}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = JournalRowReader.SelectAllAsWritten(node.JournalSettings.TableConfig);
        await using var reader = await command.ExecuteReaderAsync();
        var read = new List<JournalRow>();
        while (await reader.ReadAsync())
        {
            read.Add(JournalRowReader.Read(reader, read.LastOrDefault()?.PersistenceId, JournalRowReader.HasWriter(node.JournalSettings.TableConfig)));
        }

        // brand-a's pruned row 2 (kept for its number) and row 3, brand-b's row 1, brand-c's row 1.
        Assert.Equal(4, expected.Count);
        Assert.Contains(expected, r => r.Deleted);
        Assert.Contains(expected, r => r.Manifest is null && r.Identifier is null && r.WriterUuid is null);
        Assert.Equal(expected.Select(Fields), read.Select(Fields));
        Assert.Same(read[0].PersistenceId, read[1].PersistenceId);
    }

    [Fact]
    public async Task A_read_that_reaches_its_budget_holds_the_ids_it_finished_and_leaves_the_rest_to_the_store()
    {
        await WriteTwoBrandsAsync();
        await using var node = new EmbeddedNode(File);
        var whole = await new JournalAtStart().ReadAsync(node.JournalSettings, CancellationToken.None);

        // brand-b's one row comes last and crosses the budget.
        var atStart = new JournalAtStart { ByteBudget = whole.HeldBytes - 1 };
        var outcome = await atStart.ReadAsync(node.JournalSettings, CancellationToken.None);

        Assert.Equal((1, JournalReadEnd.Budget), (outcome.Ids, outcome.End));
        Assert.True(atStart.TryHighest("brand-a", 0, out var highest));
        Assert.Equal(3, highest);
        Assert.False(atStart.TryHighest("brand-b", 0, out _));
        Assert.False(atStart.TryHighest("brand-unknown", 0, out _));
    }

    [Fact]
    public async Task A_read_that_reaches_its_budget_among_interleaved_ids_holds_only_those_it_read_to_their_last_row()
    {
        await using (var first = new EmbeddedNode(File))
        {
            var a = first.Start("brand-a");
            var b = first.Start("brand-b");
            await first.WriteAsync(a, "a1");
            await first.WriteAsync(b, "b1");
            await first.WriteAsync(a, "a2");
        }

        await using var node = new EmbeddedNode(File);
        var whole = new JournalAtStart();
        var wholeOutcome = await whole.ReadAsync(node.JournalSettings, CancellationToken.None);
        Assert.Equal((2, JournalReadEnd.Whole), (wholeOutcome.Ids, wholeOutcome.End));
        Assert.True(whole.TryTake("brand-a", out var bothRows));
        Assert.Equal([1L, 2L], bothRows.Select(r => r.SequenceNumber));

        // brand-a's second row, written last, crosses the budget: its first was read, its id was not finished.
        var atStart = new JournalAtStart { ByteBudget = wholeOutcome.HeldBytes - 1 };
        var outcome = await atStart.ReadAsync(node.JournalSettings, CancellationToken.None);

        Assert.Equal((1, JournalReadEnd.Budget), (outcome.Ids, outcome.End));
        Assert.False(atStart.TryHighest("brand-a", 0, out _));
        Assert.True(atStart.TryTake("brand-b", out var rows));
        Assert.Equal([1L], rows.Select(r => r.SequenceNumber));
    }

    [Fact]
    public async Task Rows_put_in_out_of_sequence_are_handed_over_in_sequence_order()
    {
        await WriteTwoBrandsAsync();
        await ExecuteAsync("INSERT INTO journal (created, deleted, persistence_id, sequence_number, message, identifier) VALUES " +
                           "(7, 0, 'brand-c', 2, x'02', 1), (7, 0, 'brand-c', 1, x'01', 1), (7, 0, 'brand-c', 3, x'03', 1)");

        await using var node = new EmbeddedNode(File);
        var atStart = new JournalAtStart();
        await atStart.ReadAsync(node.JournalSettings, CancellationToken.None);

        Assert.True(atStart.TryTake("brand-c", out var rows));
        Assert.Equal([1L, 2L, 3L], rows.Select(r => r.SequenceNumber));
        Assert.Equal([(byte)1, (byte)2, (byte)3], rows.Select(r => r.Message[0]));
    }

    [Theory]
    [InlineData(24L << 30, 3L << 30)]
    [InlineData(1536L << 20, 192L << 20)]
    [InlineData(512L << 20, JournalAtStart.MinimumByteBudget)]
    public void The_read_holds_an_eighth_of_the_memory_the_node_may_use_and_never_less_than_the_minimum(long available, long budget)
    {
        Assert.Equal(budget, JournalAtStart.DefaultByteBudget(available));
        Assert.Equal(JournalAtStart.DefaultByteBudget(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes), new JournalAtStart().ByteBudget);
    }

    [Fact]
    public async Task An_id_that_alone_crosses_the_budget_is_left_to_the_store()
    {
        await WriteTwoBrandsAsync();
        await using var node = new EmbeddedNode(File);
        var atStart = new JournalAtStart { ByteBudget = 1 };
        var outcome = await atStart.ReadAsync(node.JournalSettings, CancellationToken.None);

        Assert.Equal((0, JournalReadEnd.Budget), (outcome.Ids, outcome.End));
        Assert.False(atStart.TryHighest("brand-a", 0, out _));
    }

    [Fact]
    public async Task A_read_past_its_deadline_leaves_every_id_it_had_not_finished_to_the_store()
    {
        await WriteTwoBrandsAsync();
        await using var node = new EmbeddedNode(File);
        var atStart = new JournalAtStart { Deadline = TimeSpan.FromSeconds(5), Clock = new HourPerReading() };
        var outcome = await atStart.ReadAsync(node.JournalSettings, CancellationToken.None);

        Assert.Equal((0, JournalReadEnd.Deadline), (outcome.Ids, outcome.End));
        Assert.False(atStart.TryHighest("brand-a", 0, out _));
        Assert.False(atStart.TryHighest("brand-unknown", 0, out _));
    }

    [Fact]
    public async Task Letting_go_is_final_even_when_a_read_ends_after_it()
    {
        await WriteTwoBrandsAsync();
        await using var node = new EmbeddedNode(File);
        var atStart = new JournalAtStart();
        atStart.Release();
        Assert.Equal(JournalReadEnd.TooLate, (await atStart.ReadAsync(node.JournalSettings, CancellationToken.None)).End);

        Assert.True(atStart.Released);
        Assert.False(atStart.TryHighest("brand-a", 0, out _));
        Assert.False(atStart.TryHighest("brand-unknown", 0, out _));
        Assert.Equal(0, atStart.Held);

        var held = new JournalAtStart();
        await held.ReadAsync(node.JournalSettings, CancellationToken.None);
        Assert.Equal(2, held.Held);
        held.Release();
        Assert.False(held.TryTake("brand-a", out _));
        Assert.Equal(0, held.Held);
    }

    [Fact]
    public async Task An_id_that_prunes_its_journal_after_the_read_is_left_to_the_store()
    {
        await WriteTwoBrandsAsync();
        await using var node = new EmbeddedNode(File);
        Assert.Equal("b1", await node.ReadAsync(node.Start("brand-b")));
        var a = node.Start("brand-a");
        Assert.Equal("a1,a2,a3", await node.ReadAsync(a));

        await node.AskAsync(a, new PruneJournal(3));
        await node.StopAsync(a);
        Assert.Equal("a1,a2", await node.ReadAsync(node.Start("brand-a")));
    }

    [Fact]
    public async Task Ids_asked_for_before_the_read_ends_are_left_to_the_store()
    {
        await WriteTwoBrandsAsync();
        await using var node = new EmbeddedNode(File);
        var atStart = new JournalAtStart();
        Assert.False(atStart.TryHighest("brand-a", 0, out _));
        atStart.Forget("brand-b");

        await atStart.ReadAsync(node.JournalSettings, CancellationToken.None);
        Assert.False(atStart.TryHighest("brand-a", 0, out _));
        Assert.False(atStart.TryTake("brand-b", out _));
        Assert.Equal(0, atStart.Held);
    }

    [Fact]
    public async Task The_snapshots_read_at_start_spare_a_query_only_for_ids_known_to_have_none()
    {
        await WriteTwoBrandsAsync();
        await using var node = new EmbeddedNode(File);
        var atStart = new SnapshotsAtStart();
        Assert.False(atStart.KnownToHaveNone("brand-early"));

        var read = await atStart.ReadAsync(node.SnapshotSettings, CancellationToken.None);
        Assert.Equal((1, 1), (read!.Ids, read.Held));
        Assert.False(atStart.KnownToHaveNone("brand-a"));
        Assert.True(atStart.KnownToHaveNone("brand-b"));
        Assert.False(atStart.KnownToHaveNone("brand-early"));

        atStart.Saved("brand-b");
        Assert.False(atStart.KnownToHaveNone("brand-b"));
    }

    [Fact]
    public async Task A_first_recovery_takes_its_snapshot_from_the_read_at_start_without_asking_the_store()
    {
        await WriteTwoBrandsAsync();
        await using var node = new EmbeddedNode(File);

        // brand-b's recovery waits for both reads, so once it answers they are done.
        Assert.Equal("b1", await node.ReadAsync(node.Start("brand-b")));
        await ExecuteAsync("DELETE FROM snapshot WHERE persistence_id = 'brand-a'");

        // Asked of the store, brand-a would now find no snapshot, and only the event after it.
        Assert.Equal("a1,a2,a3", await node.ReadAsync(node.Start("brand-a")));
    }

    [Fact]
    public async Task A_snapshot_read_at_start_is_handed_over_once_and_not_after_its_id_saved_again()
    {
        await WriteTwoBrandsAsync();
        await using var node = new EmbeddedNode(File);
        var atStart = new SnapshotsAtStart();
        await atStart.ReadAsync(node.SnapshotSettings, CancellationToken.None);

        var held = atStart.Take("brand-a");
        Assert.Equal(2, held?.SequenceNr);
        Assert.Null(atStart.Take("brand-a"));
        Assert.Null(atStart.Take("brand-b"));

        var again = new SnapshotsAtStart();
        await again.ReadAsync(node.SnapshotSettings, CancellationToken.None);
        again.Saved("brand-a");
        Assert.Null(again.Take("brand-a"));
        Assert.False(again.KnownToHaveNone("brand-a"));
    }

    [Fact]
    public async Task The_snapshot_read_holds_each_ids_newest_row_whatever_order_the_table_gives()
    {
        await WriteTwoBrandsAsync();

        // An older snapshot after the newer in the table's order, as no save of this node would leave it.
        await ExecuteAsync("INSERT INTO snapshot SELECT persistence_id, 1, created, snapshot, manifest, serializer_id FROM snapshot WHERE persistence_id = 'brand-a'");
        await using var node = new EmbeddedNode(File);
        var atStart = new SnapshotsAtStart();
        var read = await atStart.ReadAsync(node.SnapshotSettings, CancellationToken.None);

        Assert.Equal((1, 1), (read!.Ids, read.Held));
        Assert.Equal(2, atStart.Take("brand-a")?.SequenceNr);
    }

    [Fact]
    public async Task A_snapshot_past_the_budget_is_not_held_and_its_id_asks_the_store()
    {
        await WriteTwoBrandsAsync();
        await using var node = new EmbeddedNode(File);
        var atStart = new SnapshotsAtStart { ByteBudget = 1 };
        var read = await atStart.ReadAsync(node.SnapshotSettings, CancellationToken.None);

        Assert.Equal(new SnapshotReadOutcome(1, 0, 0), read);
        Assert.False(atStart.KnownToHaveNone("brand-a"));
        Assert.Null(atStart.Take("brand-a"));
    }

    [Fact]
    public async Task Snapshots_no_brand_took_are_let_go()
    {
        await WriteTwoBrandsAsync();
        await using var node = new EmbeddedNode(File);
        var atStart = new SnapshotsAtStart();
        await atStart.ReadAsync(node.SnapshotSettings, CancellationToken.None);
        Assert.Equal(1, atStart.Held);

        atStart.Release();
        Assert.Equal(0, atStart.Held);
        Assert.Null(atStart.Take("brand-a"));
        Assert.False(atStart.KnownToHaveNone("brand-a"));
    }

    [Fact]
    public async Task The_snapshot_read_settles_however_it_ends_so_that_loads_waiting_for_it_go_on()
    {
        await WriteTwoBrandsAsync();
        await using var node = new EmbeddedNode(File);
        var read = new SnapshotsAtStart();
        Assert.False(read.Settled.IsCompleted);
        await read.ReadAsync(node.SnapshotSettings, CancellationToken.None);
        Assert.True(read.Settled.IsCompletedSuccessfully);

        var left = new SnapshotsAtStart();
        left.LeaveAllToStore();
        Assert.True(left.Settled.IsCompletedSuccessfully);

        // A read that fails leaves every id to the store, and settles all the same.
        var failed = new SnapshotsAtStart();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => failed.ReadAsync(node.SnapshotSettings, cancelled.Token));
        Assert.True(failed.Settled.IsCompletedSuccessfully);
        Assert.False(failed.KnownToHaveNone("brand-b"));
    }

    [Fact]
    public async Task Snapshots_left_to_the_store_stay_there_whatever_a_later_read_finds()
    {
        await WriteTwoBrandsAsync();
        await using var node = new EmbeddedNode(File);
        var atStart = new SnapshotsAtStart();
        atStart.LeaveAllToStore();
        Assert.Null(await atStart.ReadAsync(node.SnapshotSettings, CancellationToken.None));

        Assert.False(atStart.KnownToHaveNone("brand-b"));
        Assert.False(atStart.KnownToHaveNone("brand-unknown"));
    }

    public void Dispose() => _dir.Dispose();

    private static string Fields(JournalRow row) =>
        string.Join('|', row.Ordering, row.Timestamp, row.Deleted, row.PersistenceId, row.SequenceNumber, Convert.ToHexString(row.Message),
            row.Manifest ?? "(null)", row.Identifier?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(null)",
            row.WriterUuid ?? "(null)", row.Tags ?? "(null)", row.EventManifest ?? "(null)", row.TagArray.Length);

    // A clock an hour later each time it is read: any deadline has passed by the first row.
    private sealed class HourPerReading : TimeProvider
    {
        private long _now;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _now += TimeSpan.TicksPerHour;
    }

    // brand-a: three notes, a snapshot after the second and the journal pruned up to it; brand-b: one note.
    private async Task WriteTwoBrandsAsync()
    {
        await using var first = new EmbeddedNode(File);
        var a = first.Start("brand-a");
        await first.WriteAsync(a, "a1", "a2");
        await first.AskAsync(a, new SnapshotNotes());
        await first.AskAsync(a, new PruneJournal(2));
        await first.WriteAsync(a, "a3");
        await first.WriteAsync(first.Start("brand-b"), "b1");
    }

    private Task ExecuteAsync(string sql) => StoreFile.ExecuteAsync(File, sql);

    // brand-a keeps two rows after its pruning: they are the ones a recovery from the store would miss.
    private async Task DeleteRowsAsync(string persistenceId)
    {
        await using var store = new SqliteConnection($"Data Source={File}");
        await store.OpenAsync();
        await using var remove = store.CreateCommand();
        remove.CommandText = "DELETE FROM journal WHERE persistence_id = $id";
        remove.Parameters.AddWithValue("$id", persistenceId);
        Assert.Equal(2, await remove.ExecuteNonQueryAsync());
    }
}
