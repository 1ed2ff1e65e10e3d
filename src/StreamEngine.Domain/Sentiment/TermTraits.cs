namespace StreamEngine.Domain.Sentiment;

/// <summary>
/// All the scorer knows about one token, found with a single table look-up: 16 bytes.
/// <see cref="IdiomPlaces"/> has bit <c>idiom * <see cref="Idiom.MaxWords"/> + position</c> set for
/// every place the word holds in <see cref="ModifierWords.Idioms"/>, so that an idiom is recognised
/// from the traits of its tokens, without comparing their text.
/// </summary>
internal readonly record struct TermTraits(double Valence, TermRole Roles, uint IdiomPlaces = 0)
{
    public bool HasValence => (Roles & TermRole.Valenced) != 0;

    public bool Is(TermRole role) => (Roles & role) != 0;

    /// <summary>Whether the word can stand at <paramref name="position"/> of idiom <paramref name="idiom"/>.</summary>
    public bool IsInIdiom(int idiom, int position) => (IdiomPlaces & Idiom.Place(idiom, position)) != 0;

    /// <summary>The booster or dampener increment, 0 for any other word.</summary>
    public double Increment =>
        (Roles & TermRole.Booster) != 0 ? VaderConstants.BoosterIncrement
        : (Roles & TermRole.Dampener) != 0 ? VaderConstants.DampenerIncrement
        : 0;
}
