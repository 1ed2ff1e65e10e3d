using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Alerts;

namespace StreamEngine.Engine.Brands;

/// <summary>How a brand actor keeps its journal short and watches its series.</summary>
/// <param name="SnapshotEvery">Journaled batches between snapshots; older snapshots and events are deleted once a snapshot lands.</param>
/// <param name="Alerts">Spike and dip detection; <see cref="AlertSettings.Default"/> when null.</param>
/// <param name="KeptAlerts">How many of its latest alerts a brand keeps to answer queries.</param>
/// <param name="PublishClusterWide">
/// Publish raised alerts and recovery failures on the cluster's topics (<see cref="AlertTopic.Name"/>,
/// <see cref="BrandRecoveryTopic.Name"/>), as a node of a cluster does; otherwise on the local event stream.
/// </param>
/// <param name="History">The node's store of sealed history (<see cref="HistoryStore"/>); kept in memory when null.</param>
/// <param name="SnapshotEveryMinutes">
/// Minutes of mentions journaled between snapshots, whichever of this and <paramref name="SnapshotEvery"/>
/// comes first. A batch of the live firehose holds a minute or two, so the batches decide; one of a
/// backfill or a replayed file holds hundreds, and a restart would replay every one of them: past a
/// day of minutes, the journal holds more than a snapshot of every minute and hour a brand keeps.
/// </param>
/// <param name="SnapshotOnStopAfter">
/// Batches journaled since its newest snapshot from which a brand snapshots as it stops (0: never),
/// so that its next start reads one snapshot instead of replaying them. Such a snapshot prunes
/// nothing: the count towards the next snapshot that prunes goes on from the batches behind it.
/// </param>
public sealed record BrandActorSettings(
    int SnapshotEvery = 200,
    AlertSettings? Alerts = null,
    int KeptAlerts = 1_000,
    bool PublishClusterWide = false,
    HistoryStore? History = null,
    int SnapshotEveryMinutes = 1_440,
    int SnapshotOnStopAfter = 10);
