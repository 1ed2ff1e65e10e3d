using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Data.Common;
using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Sql.Config;
using Akka.Persistence.Sql.Journal;
using Akka.Persistence.Sql.Journal.Types;
using Npgsql;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// Akka.Persistence.Sql's journal on PostgreSQL, with brands' recoveries read through plain queries
/// (<see cref="JournalRowReader"/>), many brands a query (<see cref="RecoveryReadGroups{TRead}"/>),
/// instead of the plugin's LINQ mapping, its transaction and the stream it runs each replay
/// through, a brand at a time. Those took 5.6 ms of CPU a brand: a node of 10,000 brands was ready
/// 33–40 s after it started (perf/README.md, <i>Recovery on PostgreSQL</i>). The rows read and the
/// events replayed are the plugin's: the same filter and order.
/// </summary>
internal sealed class PostgresJournal : SqlWriteJournal
{
    private readonly JournalConfig _settings;
    private readonly Akka.Serialization.Serialization _serialization;
    private readonly string _replays;
    private readonly string _highest;
    private readonly bool _withWriter;
    private readonly RecoveryReadGroups<HighestRead> _highestReads;
    private readonly RecoveryReadGroups<ReplayRead> _replayReads;

    // A brand's write still in flight, which its highest sequence number must wait for, as the
    // plugin's own read of it does.
    private readonly ConcurrentDictionary<string, Task> _writing = new(StringComparer.Ordinal);

    public PostgresJournal(Akka.Configuration.Config journalConfig)
        : base(journalConfig)
    {
        _settings = PluginSettings.Journal(journalConfig, Context.System);
        _serialization = Context.System.Serialization;
        _replays = JournalRowReader.SelectRangesOfGroup(_settings.TableConfig);
        _highest = JournalRowReader.SelectHighestOfGroup(_settings.TableConfig);
        _withWriter = JournalRowReader.HasWriter(_settings.TableConfig);
        _highestReads = new RecoveryReadGroups<HighestRead>(PostgresStore.RecoveryQueriesAtOnce, ReadHighestAsync);
        _replayReads = new RecoveryReadGroups<ReplayRead>(PostgresStore.RecoveryQueriesAtOnce, ReplayAsync);
    }

    // The journal's metadata table of compatibility mode holds sequence numbers too: the plugin reads it.
    private bool Plain => !_settings.DaoConfig.SqlCommonCompatibilityMode;

    public override async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken)
    {
        if (!Plain)
        {
            return await base.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken);
        }

        if (_writing.TryGetValue(persistenceId, out var write))
        {
            // Whether it was made or not, only its end matters.
            await write.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        var read = new HighestRead(persistenceId, fromSequenceNr, cancellationToken);
        _highestReads.Add(read);
        return await read.Answer;
    }

    public override async Task ReplayMessagesAsync(
        IActorContext context,
        string persistenceId,
        long fromSequenceNr,
        long toSequenceNr,
        long max,
        Action<IPersistentRepresentation> recoveryCallback)
    {
        ArgumentNullException.ThrowIfNull(recoveryCallback);
        if (!Plain)
        {
            await base.ReplayMessagesAsync(context, persistenceId, fromSequenceNr, toSequenceNr, max, recoveryCallback);
            return;
        }

        if (max <= 0 || fromSequenceNr > toSequenceNr)
        {
            return;
        }

        var read = new ReplayRead(persistenceId, fromSequenceNr, toSequenceNr, max, recoveryCallback);
        _replayReads.Add(read);
        await read.Answer;
    }

    protected override Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var writes = messages as IReadOnlyCollection<AtomicWrite> ?? messages.ToList();
        var written = base.WriteMessagesAsync(writes, cancellationToken);
        foreach (var id in writes.Select(w => w.PersistenceId).Distinct(StringComparer.Ordinal))
        {
            _writing[id] = written;
            _ = written.ContinueWith(
                done => _writing.TryRemove(new KeyValuePair<string, Task>(id, done)),
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return written;
    }

    protected override void PostStop()
    {
        _highestReads.Stop();
        _replayReads.Stop();
        base.PostStop();
    }

    private async Task ReadHighestAsync(IReadOnlyList<HighestRead> reads)
    {
        await using var reader = await PostgresStore.QueryGroupAsync(_settings.ConnectionString, _highest, reads, ("froms", [.. reads.Select(r => r.From)]));
        while (await reader.ReadAsync())
        {
            // Null when the id has no row; widened, as the plugin's mapping would, from a narrower column.
            var highest = reader.IsDBNull(0) ? 0 : Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
            reads[(int)reader.GetInt64(1) - 1].Answered(highest);
        }
    }

    private async Task ReplayAsync(IReadOnlyList<ReplayRead> reads)
    {
        await using var reader = await PostgresStore.QueryGroupAsync(_settings.ConnectionString, _replays, reads,
            ("froms", [.. reads.Select(r => r.From)]), ("tos", [.. reads.Select(r => r.To)]), ("maxes", [.. reads.Select(r => r.Max)]));
        await ReplayGroupAsync(reader, reads, (row, read) =>
            JournalRowReader.Event(JournalRowReader.Read(row, read.PersistenceId, _withWriter), _serialization, _settings.DefaultSerializer));
    }

    /// <summary>
    /// Hands each replay of a group the events of its rows (<see cref="JournalRowReader.SelectRangesOfGroup"/>),
    /// and answers it as soon as its rows are read: its brand goes on recovering while the group's
    /// others are read. A row that cannot be read fails its own replay only.
    /// </summary>
    internal static async Task ReplayGroupAsync(DbDataReader reader, IReadOnlyList<ReplayRead> reads, Func<DbDataReader, ReplayRead, IPersistentRepresentation> eventOf)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(reads);
        ArgumentNullException.ThrowIfNull(eventOf);
        var answered = 0;
        while (await reader.ReadAsync())
        {
            var index = (int)reader.GetInt64(reader.FieldCount - 1) - 1;
            if (index < answered)
            {
                // The query's order gives each replay's rows together: a row after them would be lost.
                throw new InvalidOperationException($"a row of the replay of {reads[index].PersistenceId} came after the rows of a later replay");
            }

            for (; answered < index; answered++)
            {
                reads[answered].Answered(true);
            }

            var read = reads[index];
            if (read.IsAnswered)
            {
                continue;
            }

            try
            {
                read.Replayed(eventOf(reader, read));
            }
            catch (Exception ex)
            {
                read.Fail(ex);
            }
        }

        for (; answered < reads.Count; answered++)
        {
            reads[answered].Answered(true);
        }
    }

    private sealed class HighestRead(string persistenceId, long from, CancellationToken cancellation) : RecoveryRead<long>(persistenceId, cancellation)
    {
        public long From { get; } = from;
    }

    /// <summary>A brand's replay waiting for its group: its range, its max, and where its events go.</summary>
    internal sealed class ReplayRead(string persistenceId, long from, long to, long max, Action<IPersistentRepresentation> replayed)
        : RecoveryRead<bool>(persistenceId, CancellationToken.None)
    {
        public long From { get; } = from;

        public long To { get; } = to;

        public long Max { get; } = max;

        // The range may hold rows no longer there (deleted, or below a snapshot), never more.
        public override long Rows => (long)Int128.Clamp(Int128.Min(Max, (Int128)To - From + 1), 1, long.MaxValue);

        public void Replayed(IPersistentRepresentation @event) => replayed(@event);
    }
}
