using System.Runtime.InteropServices;

namespace StreamEngine.Domain.Sentiment;

/// <summary>
/// All the scorer knows about one token, found with a single table look-up: 16 bytes, so that a
/// post's traits stay few cache lines.
/// <see cref="IdiomPlaces"/> has bit <c>idiom * <see cref="Idiom.MaxWords"/> + position</c> set for
/// every place the word holds in <see cref="ModifierWords.Idioms"/>, so that an idiom is recognised
/// from the traits of its tokens, without comparing their text. <see cref="Emotions"/> are those the
/// word expresses when the lexicon was merged with an emotion word list, so that one look-up per
/// token serves sentiment and emotions alike; they share a word with the roles.
/// </summary>
// Laid out by the runtime: in declaration order the shared word, the double and the idiom places
// padded out to 24 bytes, and every entry of the lexicon's table and every token's traits with them.
[StructLayout(LayoutKind.Auto)]
internal readonly record struct TermTraits
{
    /// <summary>The roles take the low bits of the shared word, the emotions the high byte.</summary>
    internal const int EmotionShift = 24;

    private const uint RoleMask = (1u << EmotionShift) - 1;

    private readonly uint _rolesAndEmotions;

    public TermTraits(double valence, TermRole roles, uint idiomPlaces = 0, Emotions emotions = Emotions.None)
    {
        Valence = valence;
        IdiomPlaces = idiomPlaces;
        Roles = roles;
        Emotions = emotions;
    }

    public double Valence { get; init; }

    public TermRole Roles
    {
        get => (TermRole)(_rolesAndEmotions & RoleMask);
        init => _rolesAndEmotions = (_rolesAndEmotions & ~RoleMask) | ((uint)value & RoleMask);
    }

    public uint IdiomPlaces { get; init; }

    public Emotions Emotions
    {
        get => (Emotions)(_rolesAndEmotions >> EmotionShift);
        init => _rolesAndEmotions = (_rolesAndEmotions & RoleMask) | ((uint)value << EmotionShift);
    }

    public bool HasValence => (Roles & TermRole.Valenced) != 0;

    public bool Is(TermRole role) => (_rolesAndEmotions & (uint)role) != 0;

    /// <summary>Whether the word can stand at <paramref name="position"/> of idiom <paramref name="idiom"/>.</summary>
    public bool IsInIdiom(int idiom, int position) => (IdiomPlaces & Idiom.Place(idiom, position)) != 0;

    /// <summary>The booster or dampener increment, 0 for any other word.</summary>
    public double Increment =>
        (Roles & TermRole.Booster) != 0 ? VaderConstants.BoosterIncrement
        : (Roles & TermRole.Dampener) != 0 ? VaderConstants.DampenerIncrement
        : 0;
}
