using System.Runtime.CompilerServices;

namespace StreamEngine.Domain.Sentiment;

/// <summary>
/// The emotions of a text's tokens read in order, less those negated: an emotion word counts unless it
/// stands within the three tokens after a negation ("not happy" expresses no joy). The one statement
/// of the rule, for the emotion detector over its own table and for the scorer over its traits.
/// </summary>
internal struct UnnegatedEmotions
{
    // The first token whose emotions count: past the window of the last negation read.
    private int _countsFrom;
    private Emotions _found;

    public readonly Emotions Found => _found;

    /// <summary>Reads token <paramref name="token"/>, which names <paramref name="emotions"/> and may itself be a negation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Read(int token, Emotions emotions, bool negates)
    {
        if (token >= _countsFrom)
        {
            _found |= emotions;
        }

        if (negates)
        {
            _countsFrom = token + VaderConstants.ModifierWindow + 1;
        }
    }
}
