using System.Runtime.CompilerServices;

namespace StreamEngine.Domain.Sentiment;

/// <summary>
/// The emotions of a text's tokens read in order, less those negated: an emotion word counts unless it
/// stands within the three tokens after a negation ("not happy" expresses no joy), or right after
/// "least" ("the least happy"; not in "at least" or "very least"), as the sentiment rules read them.
/// The one statement of the rule for emotions, for the emotion detector over its own table and for
/// the scorer over its traits; read in order, as <see cref="ValenceRules"/> reads "least" for valence.
/// </summary>
internal struct UnnegatedEmotions
{
    /// <summary>The roles that keep an emotion word from counting: with none of them in a text, every emotion word counts.</summary>
    public const TermRole Negating = TermRole.Negation | TermRole.No | TermRole.Least;

    // The first token whose emotions count: past the window of the last negation read.
    private int _countsFrom;
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
        if (token >= _countsFrom && token != _afterLeast)
        {
            _found |= emotions;
        }

        if ((roles & (TermRole.Negation | TermRole.No)) != 0)
        {
            _countsFrom = token + VaderConstants.ModifierWindow + 1;
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
