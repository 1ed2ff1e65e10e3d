using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Sql.Config;
using Akka.Persistence.Sql.Snapshot;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// The embedded store's snapshot store: Akka.Persistence.Sql's, except that a brand known at start
/// to have no snapshot (<see cref="SnapshotsAtStart"/>) recovers without asking the store for one.
/// </summary>
internal sealed class EmbeddedSnapshotStore : SqlSnapshotStore
{
    // Well inside the snapshot store's call timeout (20 s), which a load's wait counts towards: a
    // store slow enough to time out loads would trip its breaker a little sooner than before.
    private static readonly TimeSpan ReadWait = TimeSpan.FromSeconds(5);

    private readonly SnapshotsAtStart _atStart = new();
    private readonly SnapshotConfig _settings;
    private readonly ILoggingAdapter _log;
    private readonly CancellationTokenSource _stopping = new();

    public EmbeddedSnapshotStore(Akka.Configuration.Config snapshotConfig)
        : base(snapshotConfig)
    {
        _settings = PluginSettings.Snapshots(snapshotConfig, Context.System);
        _log = Context.GetLogger();
    }

    protected override void PreStart()
    {
        base.PreStart();

        // Handled once the store's tables exist: the base store holds back every message until then.
        Self.Tell(ReadSnapshotsAtStart.Instance);
    }

    protected override void PostRestart(Exception reason)
    {
        // Brands are live and a snapshot may be being saved: after a restart every load asks the store.
        _atStart.LeaveAllToStore();
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
        if (message is not ReadSnapshotsAtStart)
        {
            return base.ReceivePluginInternal(message);
        }

        // After a restart, the set left to the store skips the read.
        _ = ReadAtStartAsync(_stopping.Token);
        return true;
    }

    protected override async Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken)
    {
        // A restart's brands all ask at once, the store's tables just made: asked of the store, each
        // load that came before the read's one query ended paid for building the plugin's query, a
        // second of the start's CPU with 10,000 brands. A read slower than ReadWait leaves every
        // load to the store from then on, so that none waits for it again.
        try
        {
            await _atStart.Settled.WaitAsync(ReadWait, cancellationToken);
        }
        catch (TimeoutException)
        {
            _atStart.LeaveAllToStore();
        }

        return _atStart.KnownToHaveNone(persistenceId) ? null : await base.LoadAsync(persistenceId, criteria, cancellationToken);
    }

    protected override Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken)
    {
        _atStart.Saved(metadata.PersistenceId);
        return base.SaveAsync(metadata, snapshot, cancellationToken);
    }

    private async Task ReadAtStartAsync(CancellationToken stopping)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (await Task.Run(() => _atStart.ReadAsync(_settings, stopping)) is { } ids)
            {
                _log.Info("Read the snapshots at start: {0} persistence ids have one, in {1:0.00} s", ids, Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            _log.Warning(ex, "Reading the snapshots at start failed: brands ask for their snapshots one by one");
        }
    }

    private sealed class ReadSnapshotsAtStart
    {
        public static readonly ReadSnapshotsAtStart Instance = new();
    }
}
