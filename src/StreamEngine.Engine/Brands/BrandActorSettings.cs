namespace StreamEngine.Engine.Brands;

/// <summary>How a brand actor keeps its journal short.</summary>
/// <param name="SnapshotEvery">Journaled batches between snapshots; older snapshots and events are deleted once a snapshot lands.</param>
public sealed record BrandActorSettings(int SnapshotEvery = 200);
