using System.Runtime.CompilerServices;

namespace StreamEngine.Domain.Sentiment;

/// <summary>
/// The emotions of a text's tokens read in order, less those negated: an emotion word counts unless it
/// stands within the three tokens after a negation ("not happy" expresses no joy), or right after
/// "least" ("the least happy"; not in "at least" or "very least"), as the sentiment rules read them.
/// The one statement of the rule, for the emotion detector over its own table and for the scorer
/// over its traits.
/// </summary>
internal struct UnnegatedEmotions
{
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
    /// Reads token <paramref name="token"/>, which names <paramref name="emotions"/> and may itself be
    /// a negation, "least", or "at" / "very" (which keep a "least" after them from negating).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Read(int token, Emotions emotions, bool negates, bool least = false, bool atOrVery = false)
    {
        if (token >= _countsFrom && token != _afterLeast)
        {
            _found |= emotions;
        }

        if (negates)
        {
            _countsFrom = token + VaderConstants.ModifierWindow + 1;
        }

        if (least && _atOrVery != token - 1)
        {
            _afterLeast = token + 1;
        }

        if (atOrVery)
        {
            _atOrVery = token;
        }
    }
}
