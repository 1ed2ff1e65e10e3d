using StreamEngine.Domain.Aggregates;
using StreamEngine.Engine.Serialization;

namespace StreamEngine.Engine.Brands;

/// <summary>Marks what a brand writes to the journal and snapshot store; all of it goes through <c>BrandStateSerializer</c>.</summary>
public interface IBrandPersistedState;

/// <summary>A batch of mentions as journaled: already folded per minute, never one event per post.</summary>
public sealed record MentionsRecorded(BrandDelta Delta) : IBrandPersistedState;

/// <summary>A brand's aggregate as encoded when the snapshot was taken; encoded eagerly because the live state keeps changing.</summary>
/// <param name="Version">The encoding's format version, so snapshots written by an older engine still decode.</param>
public sealed record BrandSnapshot(byte[] EncodedAggregate, int Version = BrandAggregateCodec.CurrentVersion) : IBrandPersistedState;
