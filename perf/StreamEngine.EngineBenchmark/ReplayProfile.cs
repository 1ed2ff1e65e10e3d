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
/// sealed as a recovering brand seals it. Akka's recovery around it, the journal's read and the
/// brands' actors are left out, so what is timed is what a change to the codec or the aggregates moves.
/// </summary>
internal static class ReplayProfile
{
    public static int Run(CommandArgs a)
    {
        var store = a.Required("store");
        var rounds = a.Int("rounds", 12, min: 1);
        a.RejectUnknown();
        if (!File.Exists(store))
        {
            throw new ArgumentException($"--store {store}: no such file (a node's streamengine.db)");
        }

        var (events, skipped) = Read(store);
        if (events.Count == 0)
        {
            throw new ArgumentException($"--store {store}: the journal holds no brand events to replay");
        }

        var brands = events.Select(e => e.PersistenceId).Distinct(StringComparer.Ordinal).Count();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{events.Count:N0} events of {brands:N0} brands, {events.Average(e => e.Message.Length):0} B each on average; {skipped:N0} rows of other kinds left out; {Program.Machine()}"));

        using var system = (ExtendedActorSystem)ActorSystem.Create("replay", "akka.loglevel = WARNING");
        var serializer = new BrandStateSerializer(system);
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
            var aggregates = Replay(events, decoded);
            var replay = clock.Elapsed;
            var replayBytes = GC.GetAllocatedBytesForCurrentThread() - allocated;

            decodeNs.Add(decode.TotalNanoseconds / events.Count);
            replayNs.Add(replay.TotalNanoseconds / events.Count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round + 1,2}: decode {decode.TotalNanoseconds / events.Count / 1000:0.00} µs and {decodeBytes / events.Count:N0} B an event; replay and seal {replay.TotalNanoseconds / events.Count / 1000:0.00} µs and {replayBytes / events.Count:N0} B an event, {aggregates:N0} brands"));
        }

        // The first rounds run code the JIT has not optimised yet.
        var settled = rounds > 3 ? 3 : 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median of rounds {settled + 1}–{rounds}: decode {Median(decodeNs.Skip(settled)) / 1000:0.00} µs an event, replay and seal {Median(replayNs.Skip(settled)) / 1000:0.00} µs an event"));
        return 0;
    }

    private static int Replay(List<JournalEvent> events, MentionsRecorded[] decoded)
    {
        var count = 0;
        BrandAggregate? current = null;
        string? brand = null;
        for (var i = 0; i < events.Count; i++)
        {
            if (!string.Equals(events[i].PersistenceId, brand, StringComparison.Ordinal))
            {
                current?.Seal();
                current = new BrandAggregate();
                brand = events[i].PersistenceId;
                count++;
            }

            current!.Replay(decoded[i].Delta);
        }

        current?.Seal();
        return count;
    }

    private static (List<JournalEvent> Events, long Skipped) Read(string store)
    {
        var events = new List<JournalEvent>();
        long skipped = 0;
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = store, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
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

        return (events, skipped);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }

    private sealed record JournalEvent(string PersistenceId, byte[] Message, string Manifest);
}
