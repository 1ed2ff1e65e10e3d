namespace StreamEngine.Domain.Influence;

/// <summary>A pane in its sealed form, built from a snapshot by <see cref="SealedPaneBuilder"/> for <see cref="BrandInfluence.Restore(RestoredPanes, RestoredPanes, RestoredPanes, Aggregates.HistoryStore?)"/>.</summary>
public sealed class SealedInfluencePane
{
    internal SealedInfluencePane(SealedPane pane) => Pane = pane;

    public long Period => Pane.Period;

    internal SealedPane Pane { get; }
}
