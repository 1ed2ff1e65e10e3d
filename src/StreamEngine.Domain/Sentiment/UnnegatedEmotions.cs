using System.Runtime.CompilerServices;

namespace StreamEngine.Domain.Sentiment;

/// <summary>
/// The emotions of a text's tokens read in order, less those negated: an emotion word counts unless it
/// stands within the three tokens after a negation ("not happy" expresses no joy), or right after
/// "least" ("the least happy"; not in "at least" or "very least"), as the sentiment rules read them:
/// a "so" or "this" after "never" ("never so happy"), or a "doubt" after "without" ("without a
/// doubt happy"), keeps that negation from the words after it.
/// The one statement of the rule for emotions, for the emotion detector over its own table and for
/// the scorer over its traits; read in order, as <see cref="ValenceRules"/> reads "least" for valence.
/// </summary>
internal struct UnnegatedEmotions
{
    /// <summary>The roles that keep an emotion word from counting: with none of them in a text, every emotion word counts.</summary>
    public const TermRole Negating = TermRole.Negation | TermRole.No | TermRole.Least;

    // The first token whose emotions count: past the window of the last negation read, other than
    // "never" and "without", whose windows are kept apart since a later word can lift them.
    private int _countsFrom;
    private int _liftableAt = -1;
    private int _liftableUntil;
    private TermRole _lifter;
    private int _liftedAt = -1;
    private Emotions _found;
    private int _afterLeast = -1;
    private int _atOrVery = -2;

    public UnnegatedEmotions()
    {
    }

    public readonly Emotions Found => _found;

    /// <summary>
    /// Reads token <paramref name="token"/>, which names <paramref name="emotions"/> and whose
    /// <paramref name="roles"/> may make it a negation ("not", "no"), "least", or "at" / "very"
    /// (which keep a "least" after them from negating).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Read(int token, Emotions emotions, TermRole roles)
    {
        var liftedOrOutside = token >= _liftableUntil || _liftedAt > _liftableAt;
        if (token >= _countsFrom && liftedOrOutside && token != _afterLeast)
        {
            _found |= emotions;
        }

        if ((roles & (TermRole.Never | TermRole.Without)) != 0 && (roles & TermRole.Negation) != 0)
        {
            _liftableAt = token;
            _liftableUntil = token + VaderConstants.ModifierWindow + 1;
            _lifter = (roles & TermRole.Never) != 0 ? TermRole.SoOrThis : TermRole.Doubt;
        }
        else if ((roles & (TermRole.Negation | TermRole.No)) != 0)
        {
            _countsFrom = token + VaderConstants.ModifierWindow + 1;
        }

        if ((roles & _lifter) != 0 && token < _liftableUntil && _liftedAt < _liftableAt)
        {
            _liftedAt = token;
        }

        if ((roles & TermRole.Least) != 0 && _atOrVery != token - 1)
        {
            _afterLeast = token + 1;
        }

        if ((roles & TermRole.AtOrVery) != 0)
        {
            _atOrVery = token;
        }
    }
}
