using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Alerts;
using StreamEngine.Engine.Serialization;

namespace StreamEngine.Engine.Brands;

/// <summary>Marks what a brand writes to the journal and snapshot store; all of it goes through <c>BrandStateSerializer</c>.</summary>
public interface IBrandPersistedState;

/// <summary>A batch of mentions as journaled: already folded per minute, never one event per post.</summary>
public sealed record MentionsRecorded(BrandDelta Delta) : IBrandPersistedState;

/// <summary>Alerts a brand raised as minutes closed, journaled so they outlive a restart.</summary>
public sealed record AlertsRaised(IReadOnlyList<Alert> Alerts) : IBrandPersistedState;

/// <summary>
/// A brand's aggregate as encoded when the snapshot was taken (encoded eagerly because the live
/// state keeps changing) and the alerts it keeps.
/// </summary>
/// <param name="Version">The aggregate encoding's format version, so snapshots written by an older engine still decode.</param>
/// <param name="Alerts">Null in snapshots written before brands raised alerts.</param>
/// <param name="BatchesBehind">
/// Batches the journal still holds behind the snapshot: one taken as the brand stopped prunes
/// nothing, and the brand's next snapshot that prunes comes as if it had not been taken.
/// </param>
/// <param name="MinutesBehind">The minutes of mentions those batches hold.</param>
public sealed record BrandSnapshot(
    byte[] EncodedAggregate,
    int Version = BrandAggregateCodec.CurrentVersion,
    IReadOnlyList<Alert>? Alerts = null,
    int BatchesBehind = 0,
    long MinutesBehind = 0) : IBrandPersistedState;
