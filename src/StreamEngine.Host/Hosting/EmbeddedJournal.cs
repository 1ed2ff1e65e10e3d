using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Sql.Config;
using Akka.Persistence.Sql.Journal;
using Akka.Persistence.Sql.Journal.Types;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// The embedded store's journal: <see cref="SqliteJournal"/>, except that each brand's first recovery
/// after a start replays rows read for every brand in one pass (<see cref="JournalAtStart"/>).
/// <para>
/// Recovered one by one, a brand costs the store three queries and the replay two stream graphs
/// and a transaction: with 20 events a brand that came to 3.4 ms of CPU, most of it in code still
/// running unoptimised, and 10,000 brands answered 19 s after a restart instead of 8 (perf/README.md).
/// </para>
/// </summary>
internal sealed class EmbeddedJournal : SqliteJournal
{
    private readonly JournalAtStart _atStart;
    private readonly JournalConfig _settings;
    private readonly Akka.Serialization.Serialization _serialization;
    private readonly ILoggingAdapter _log;
    private readonly CancellationTokenSource _stopping = new();
    private bool _reading;

    // The read begun before the node started (JournalReadAhead), until this journal has taken its outcome.
    private Task<JournalReadOutcome>? _readAhead;

    public EmbeddedJournal(Akka.Configuration.Config journalConfig)
        : base(journalConfig)
    {
        _settings = PluginSettings.Journal(journalConfig, Context.System);
        _serialization = Context.System.Serialization;
        _log = Context.GetLogger();
        var covering = CoveringSnapshots(Context.System.Settings.Config, _settings);
        if (JournalReadAhead.TryTake(_settings, _settings.ConnectionString, covering, out var held, out var read))
        {
            (_atStart, _readAhead) = (held, read);
        }
        else
        {
            _atStart = new JournalAtStart { CoveringSnapshots = covering };
        }
    }

    /// <summary>
    /// The snapshot table brands recover from, when it is the embedded snapshot store's in this
    /// journal's file: only then may the read at start leave out the events its snapshots cover.
    /// </summary>
    internal static SnapshotTableConfig? CoveringSnapshots(Akka.Configuration.Config config, JournalConfig journal)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(journal);
        var path = config.GetString("akka.persistence.snapshot-store.plugin", null);
        if (string.IsNullOrEmpty(path) || !config.HasPath(path))
        {
            return null;
        }

        var section = config.GetConfig(path);
        var snapshots = PluginSettings.Snapshots(section);
        var embedded = section.GetString("class", string.Empty).StartsWith(typeof(EmbeddedSnapshotStore).FullName + ",", StringComparison.Ordinal);
        return embedded && string.Equals(snapshots.ConnectionString, journal.ConnectionString, StringComparison.Ordinal)
            ? snapshots.TableConfig.SnapshotTable
            : null;
    }

    protected override void PreStart()
    {
        base.PreStart();

        // Handled once the store's tables exist: the base journal holds back every message until then.
        Self.Tell(ReadJournalAtStart.Instance);
    }

    protected override void PostRestart(Exception reason)
    {
        // Brands are live and their writes may be in flight: what a read now saw could already be
        // behind the store, so after a restart of the journal every recovery asks the store.
        _atStart.Release();
        base.PostRestart(reason);
    }

    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        base.PostStop();
    }

    protected override bool ReceivePluginInternal(object message)
    {
        switch (message)
        {
            case ReadJournalAtStart:
                // Also the one a restarted journal sends itself, which its released rows answer at once.
                _reading = true;
                ReadAtStartAsync(_stopping.Token).PipeTo(Self, success: () => JournalReadAtStart.Instance);
                return true;
            case JournalReadAtStart:
                _reading = false;
                Stash.UnstashAll();
                return true;
            case ReleaseReadAtStart:
                var held = _atStart.Held;
                _atStart.Release();
                if (held > 0)
                {
                    _log.Info("Let go of the journal rows of {0} persistence ids that no brand recovered", held);
                }

                return true;
            default:
                return base.ReceivePluginInternal(message);
        }
    }

    protected override bool AroundReceive(Receive receive, object message)
    {
        // A recovery waits for the read rather than querying the store beside it: the read stops
        // at its budget or its deadline, well inside a recovery's 30 s timeout.
        if (_reading && message is ReplayMessages)
        {
            Stash.Stash();
            return true;
        }

        return base.AroundReceive(receive, message);
    }

    public override async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken) =>
        _atStart.TryHighest(persistenceId, fromSequenceNr, out var highest)
            ? highest
            : await base.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken);

    public override async Task ReplayMessagesAsync(
        IActorContext context,
        string persistenceId,
        long fromSequenceNr,
        long toSequenceNr,
        long max,
        Action<IPersistentRepresentation> recoveryCallback)
    {
        if (!_atStart.TryTake(persistenceId, out var rows))
        {
            await base.ReplayMessagesAsync(context, persistenceId, fromSequenceNr, toSequenceNr, max, recoveryCallback);
            return;
        }

        long replayed = 0;
        foreach (var row in rows)
        {
            if (replayed >= max || row.SequenceNumber > toSequenceNr)
            {
                break;
            }

            if (row.SequenceNumber >= fromSequenceNr)
            {
                recoveryCallback(JournalRowReader.Event(row, _serialization, _settings.DefaultSerializer));
                replayed++;
            }
        }
    }

    protected override Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var writes = messages as IReadOnlyCollection<AtomicWrite> ?? messages.ToList();
        foreach (var write in writes)
        {
            _atStart.Forget(write.PersistenceId);
        }

        return base.WriteMessagesAsync(writes, cancellationToken);
    }

    protected override Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken)
    {
        _atStart.Forget(persistenceId);
        return base.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken);
    }


    private async Task ReadAtStartAsync(CancellationToken stopping)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var readAhead = _readAhead;
            _readAhead = null;
            var outcome = readAhead is not null ? await readAhead : await Task.Run(() => _atStart.ReadAsync(_settings, stopping));
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            switch (outcome.End)
            {
                case JournalReadEnd.Whole:
                    _log.Info("Read the journal at start: {0} rows of {1} persistence ids, {2:0.0} MB held, read in {3:0.00} s, done {4:0.00} s after the journal started{5}",
                        outcome.Rows, outcome.Ids, outcome.HeldBytes / 1e6, outcome.Took.TotalSeconds, seconds, readAhead is not null ? " (begun before the node started)" : "");
                    break;
                case JournalReadEnd.Budget:
                    // Snapshots keep a brand's journal short; a journal this long means they are failing or rare.
                    _log.Warning("The journal is longer than {0} MB can hold: {1} persistence ids recover from the read, the rest with queries of their own", _atStart.ByteBudget >> 20, outcome.Ids);
                    break;
                case JournalReadEnd.Deadline:
                    _log.Warning("Reading the journal at start took over {0} s: {1} persistence ids recover from the read, the rest with queries of their own", _atStart.Deadline.TotalSeconds, outcome.Ids);
                    break;
                case JournalReadEnd.NotRead:
                    _log.Info("The journal keeps sequence numbers beside its rows (compatibility mode): brands recover with queries of their own");
                    break;
                case JournalReadEnd.TooLate:
                    break;
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            _log.Warning(ex, "Reading the journal at start failed: brands recover with queries of their own");
        }
    }

    private sealed class ReadJournalAtStart
    {
        public static readonly ReadJournalAtStart Instance = new();
    }

    private sealed class JournalReadAtStart
    {
        public static readonly JournalReadAtStart Instance = new();
    }
}

/// <summary>Tells the embedded journal and snapshot store that the brands have recovered, so what they read at start and no brand asked for can go.</summary>
internal sealed class ReleaseReadAtStart
{
    public static readonly ReleaseReadAtStart Instance = new();

    private ReleaseReadAtStart()
    {
    }
}
