using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Sql.Config;
using Akka.Persistence.Sql.Snapshot;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// The embedded store's snapshot store: Akka.Persistence.Sql's, except that a brand's first recovery
/// is answered from the snapshots read at start (<see cref="SnapshotsAtStart"/>): none for a brand
/// known to have none, the row read for one that has, without asking the store; and that snapshots
/// are saved many to a commit (<see cref="SnapshotWrites"/>).
/// </summary>
internal sealed class EmbeddedSnapshotStore : SqlSnapshotStore
{
    // Well inside the snapshot store's call timeout (20 s), which a load's wait counts towards: a
    // store slow enough to time out loads would trip its breaker a little sooner than before.
    private static readonly TimeSpan ReadWait = TimeSpan.FromSeconds(5);

    private readonly SnapshotsAtStart _atStart = new();
    private readonly SnapshotWrites _writes;
    private readonly SnapshotConfig _settings;
    private readonly Akka.Serialization.Serialization _serialization;
    private readonly ILoggingAdapter _log;
    private readonly CancellationTokenSource _stopping = new();

    public EmbeddedSnapshotStore(Akka.Configuration.Config snapshotConfig)
        : base(snapshotConfig)
    {
        _settings = PluginSettings.Snapshots(snapshotConfig, Context.System);
        _writes = new SnapshotWrites(_settings);
        _serialization = Context.System.Serialization;
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
        switch (message)
        {
            case ReadSnapshotsAtStart:
                // After a restart, the set left to the store skips the read.
                _ = ReadAtStartAsync(_stopping.Token);
                return true;
            case ReleaseReadAtStart:
                var held = _atStart.Held;
                _atStart.Release();
                if (held > 0)
                {
                    _log.Info("Let go of the snapshots of {0} persistence ids that no brand recovered", held);
                }

                return true;
            default:
                return base.ReceivePluginInternal(message);
        }
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

        if (_atStart.KnownToHaveNone(persistenceId))
        {
            return null;
        }

        // The plugin reads the newest snapshot whatever the lower bounds; a recovery asks for it.
        if (criteria.MaxSequenceNr == long.MaxValue && criteria.MaxTimeStamp == DateTime.MaxValue && _atStart.Take(persistenceId) is { } row)
        {
            var snapshot = StoredPayload.Read(_serialization, row.Payload, row.SerializerId, row.Manifest, _settings.DefaultSerializer);
            return new SelectedSnapshot(new SnapshotMetadata(persistenceId, row.SequenceNr, new DateTime(row.Created)), snapshot);
        }

        return await base.LoadAsync(persistenceId, criteria, cancellationToken);
    }

    protected override Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken)
    {
        _atStart.Saved(metadata.PersistenceId);
        return _writes.SaveAsync(metadata.PersistenceId, StoredPayload.Snapshot(_serialization, metadata, snapshot, _settings.DefaultSerializer), cancellationToken);
    }

    protected override Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken)
    {
        _atStart.Saved(metadata.PersistenceId);
        return base.DeleteAsync(metadata, cancellationToken);
    }

    protected override Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken)
    {
        _atStart.Saved(persistenceId);
        return base.DeleteAsync(persistenceId, criteria, cancellationToken);
    }

    private async Task ReadAtStartAsync(CancellationToken stopping)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (await Task.Run(() => _atStart.ReadAsync(_settings, stopping)) is { } read)
            {
                _log.Info(
                    "Read the snapshots at start: {0} persistence ids have one, {1} held for their recovery ({2:0.0} MB), in {3:0.00} s",
                    read.Ids, read.Held, read.HeldBytes / 1e6, Stopwatch.GetElapsedTime(started).TotalSeconds);
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
