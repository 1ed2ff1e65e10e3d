namespace StreamEngine.Domain.Sentiment;

/// <summary>All the scorer knows about one token, found with a single table look-up: 16 bytes.</summary>
internal readonly record struct TermTraits(double Valence, TermRole Roles)
{
    public bool HasValence => (Roles & TermRole.Valenced) != 0;

    public bool Is(TermRole role) => (Roles & role) != 0;

    /// <summary>The booster or dampener increment, 0 for any other word.</summary>
    public double Increment =>
        (Roles & TermRole.Booster) != 0 ? VaderConstants.BoosterIncrement
        : (Roles & TermRole.Dampener) != 0 ? VaderConstants.DampenerIncrement
        : 0;
}
