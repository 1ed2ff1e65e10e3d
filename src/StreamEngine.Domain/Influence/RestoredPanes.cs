namespace StreamEngine.Domain.Influence;

/// <summary>One ring's panes as a snapshot restores them: those still taking posts open, the older ones sealed.</summary>
public sealed record RestoredPanes(IReadOnlyList<InfluencePane> Open, IReadOnlyList<SealedInfluencePane> Sealed);
