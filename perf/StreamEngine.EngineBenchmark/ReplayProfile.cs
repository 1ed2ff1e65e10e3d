using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Microsoft.Data.Sqlite;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Engine.Brands;
using StreamEngine.Engine.Serialization;
using StreamEngine.LoadGenerator.Firehose;

namespace StreamEngine.EngineBenchmark;

/// <summary>
/// The domain's part of a restart, on one thread: every live event of a node's SQLite journal
/// decoded with the node's serializer, then replayed brand by brand into fresh aggregates, each
/// sealed as a recovering brand seals it, into a history store as the host keeps one (or in memory,
/// as with the host's <c>--history-in-memory</c>). Akka's recovery around it, the journal's read, the
/// brands' actors and what a brand does once recovered (its spike baselines) are left out, so what is
/// timed is what a change to the codec or the aggregates moves. Every event of a round is decoded
/// before any is replayed, and all are held until the round ends, where a restart lets each go once
/// applied: the decoding's figures include promoting them, which a restart pays less of.
/// </summary>
internal static class ReplayProfile
{
    public static int Run(CommandArgs a)
    {
        var store = a.Required("store");
        var rounds = a.Int("rounds", 12, min: 1);
        var historyInMemory = a.Flag("history-in-memory");
        a.RejectUnknown();
        if (!File.Exists(store))
        {
            throw new ArgumentException($"--store {store}: no such file (a node's streamengine.db)");
        }

        List<JournalEvent> events;
        long skipped, snapshots;
        try
        {
            (events, skipped, snapshots) = Read(store);
        }
        catch (SqliteException ex)
        {
            throw new ArgumentException($"--store {store}: not a node's journal: {ex.Message}", ex);
        }

        if (events.Count == 0)
        {
            throw new ArgumentException($"--store {store}: the journal holds no brand events to replay");
        }

        if (snapshots > 0)
        {
            // A brand with a snapshot recovers from it and the events after it; replayed alone they are a different brand.
            throw new ArgumentException($"--store {store}: {snapshots:N0} brands have snapshots, which this replay does not load; fill a store without them");
        }

        var brands = events.Select(e => e.PersistenceId).Distinct(StringComparer.Ordinal).Count();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{events.Count:N0} events of {brands:N0} brands, {events.Average(e => e.Message.Length):0} B each on average; {skipped:N0} rows of other kinds left out; {Program.Machine()}"));

        using var system = (ExtendedActorSystem)ActorSystem.Create("replay", "akka.loglevel = WARNING");
        var serializer = new BrandStateSerializer(system);
        var historyDirectory = Path.Combine(Path.GetTempPath(), $"streamengine-replay-{Guid.NewGuid():N}");
        using var history = historyInMemory ? null : HistoryStore.Open(historyDirectory);
        var decodeNs = new List<double>();
        var replayNs = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            var decoded = new MentionsRecorded[events.Count];
            for (var i = 0; i < events.Count; i++)
            {
                decoded[i] = (MentionsRecorded)serializer.FromBinary(events[i].Message, events[i].Manifest);
            }

            var decode = clock.Elapsed;
            var decodeBytes = GC.GetAllocatedBytesForCurrentThread() - allocated;

            allocated = GC.GetAllocatedBytesForCurrentThread();
            clock.Restart();
            var aggregates = Replay(events, decoded, history);
            var replay = clock.Elapsed;
            var replayBytes = GC.GetAllocatedBytesForCurrentThread() - allocated;

            // The history store's space back before the next round, as brands that stop give it back.
            foreach (var aggregate in aggregates)
            {
                aggregate.Release();
            }

            decodeNs.Add(decode.TotalNanoseconds / events.Count);
            replayNs.Add(replay.TotalNanoseconds / events.Count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round + 1,2}: decode {decode.TotalNanoseconds / events.Count / 1000:0.00} µs and {decodeBytes / events.Count:N0} B an event; replay and seal {replay.TotalNanoseconds / events.Count / 1000:0.00} µs and {replayBytes / events.Count:N0} B an event, {aggregates.Count:N0} brands"));
        }

        // The first rounds run code the JIT has not optimised yet.
        var settled = rounds > 3 ? 3 : 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median of rounds {settled + 1}–{rounds}{(settled == 0 ? " (some not yet optimised by the JIT)" : "")}: decode {Median(decodeNs.Skip(settled)) / 1000:0.00} µs an event, replay and seal {Median(replayNs.Skip(settled)) / 1000:0.00} µs an event; sealed history {(history is null ? "in memory" : "in a history store")}"));
        if (history is not null)
        {
            history.Dispose();
            Directory.Delete(historyDirectory, recursive: true);
        }

        return 0;
    }

    private static List<BrandAggregate> Replay(List<JournalEvent> events, MentionsRecorded[] decoded, HistoryStore? history)
    {
        var aggregates = new List<BrandAggregate>();
        BrandAggregate? current = null;
        string? brand = null;
        for (var i = 0; i < events.Count; i++)
        {
            if (!string.Equals(events[i].PersistenceId, brand, StringComparison.Ordinal))
            {
                current?.Seal();
                current = new BrandAggregate(history);
                aggregates.Add(current);
                brand = events[i].PersistenceId;
            }

            current!.Replay(decoded[i].Delta);
        }

        current?.Seal();
        return aggregates;
    }

    // The host's table and column names, as its store lays them out (SqliteStore).
    private static (List<JournalEvent> Events, long Skipped, long Snapshots) Read(string store)
    {
        var events = new List<JournalEvent>();
        long skipped = 0;
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = store, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(DISTINCT persistence_id) FROM snapshot";
        var snapshots = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT persistence_id, message, manifest FROM journal WHERE deleted = 0 ORDER BY persistence_id, sequence_number";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var manifest = reader.IsDBNull(2) ? "" : reader.GetString(2);
            if (!manifest.StartsWith("mentions-recorded.", StringComparison.Ordinal))
            {
                skipped++;
                continue;
            }

            events.Add(new JournalEvent(reader.GetString(0), reader.GetFieldValue<byte[]>(1), manifest));
        }

        return (events, skipped, snapshots);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private sealed record JournalEvent(string PersistenceId, byte[] Message, string Manifest);
}
