using System.Numerics;
using static StreamEngine.Domain.Sentiment.VaderConstants;

namespace StreamEngine.Domain.Sentiment;

/// <summary>
/// The valence of one token in its context: the lexicon's valence adjusted by idioms, "no",
/// capitals, degree modifiers, negation and "least" (Hutto and Gilbert 2014, section 3.3, rules 2,
/// 3 and 5 and the special cases). The contrastive "but" and punctuation act on the whole text and
/// are applied by <see cref="SentimentScorer"/>.
/// </summary>
internal static class ValenceRules
{
    /// <summary>
    /// The valence of token <paramref name="i"/>; <paramref name="mixedCase"/> tells whether the
    /// text is mixed-case, the only case in which capitals add emphasis.
    /// </summary>
    public static double Valence(int i, ReadOnlySpan<TermTraits> traits, bool mixedCase)
    {
        var term = traits[i];
        var before = (i >= 1 ? traits[i - 1].Roles : TermRole.None)
            | (i >= 2 ? traits[i - 2].Roles : TermRole.None)
            | (i >= 3 ? traits[i - 3].Roles : TermRole.None);
        if (((before & TermRole.ModifiesFollowing) | (term.Roles & TermRole.ModifiesItself)) == 0)
        {
            // Most sentiment words stand alone: nothing around them for any rule to act on.
            return term.Valence;
        }

        if (!term.HasValence || term.Is(TermRole.DegreeModifier))
        {
            // Modifiers qualify other words; they carry no sentiment of their own.
            return 0;
        }

        if (term.Is(TermRole.KindOrSort) && i + 1 < traits.Length && traits[i + 1].Is(TermRole.Of))
        {
            // "kind of" hedges the next word; it says nothing about kindness.
            return 0;
        }

        var valence = term.Is(TermRole.IdiomWord) ? IdiomValence(i, term.Valence, traits) : term.Valence;
        valence = ApplyNo(i, valence, traits);
        if (valence == 0)
        {
            return 0;
        }

        if (mixedCase && term.Is(TermRole.AllCaps))
        {
            valence += valence > 0 ? AllCapsIncrement : -AllCapsIncrement;
        }

        valence = ApplyPrecedingModifiers(i, valence, traits, mixedCase);
        return ApplyLeast(i, valence, traits);
    }

    /// <summary>
    /// "no" negates the sentiment word after it (so does not count itself then), the one after
    /// that, and the third one when an "or"/"nor" stands between ("no love or hope"). A "no" is
    /// never negated by another: "No no no!" says no three times (the reference implementation's
    /// rule made each negate the next, and the post positive).
    /// </summary>
    private static double ApplyNo(int i, double valence, ReadOnlySpan<TermTraits> traits)
    {
        var own = valence;
        var isNo = traits[i].Is(TermRole.No);
        if (isNo && i + 1 < traits.Length && traits[i + 1].HasValence && !traits[i + 1].Is(TermRole.No))
        {
            valence = 0;
        }

        if (isNo)
        {
            return valence;
        }

        if ((i >= 1 && traits[i - 1].Is(TermRole.No))
            || (i >= 2 && traits[i - 2].Is(TermRole.No))
            || (i >= 3 && traits[i - 3].Is(TermRole.No) && traits[i - 1].Is(TermRole.Alternative)))
        {
            valence = own * NegationScalar;
        }

        return valence;
    }

    /// <summary>Boosters, dampeners and negations among the three tokens before the word, nearest first.</summary>
    private static double ApplyPrecedingModifiers(int i, double valence, ReadOnlySpan<TermTraits> traits, bool mixedCase)
    {
        for (var distance = 1; distance <= ModifierWindow && i - distance >= 0; distance++)
        {
            var j = i - distance;
            var modifier = traits[j];
            var increment = modifier.Is(TermRole.DegreeModifier) ? modifier.Increment
                : modifier.Is(TermRole.Of | TermRole.Enough) && distance < ModifierWindow && IsTwoWordDampener(j, traits) ? DampenerIncrement
                : 0;
            if (increment != 0)
            {
                // A booster intensifies whichever way the word leans; a shouted one more so. A
                // shouted dampener still dampens: given the booster's emphasis, "SLIGHTLY good"
                // would read better than "good".
                var scalar = valence < 0 ? -increment : increment;
                if (mixedCase && modifier.Is(TermRole.AllCaps) && increment > 0)
                {
                    scalar += valence > 0 ? AllCapsIncrement : -AllCapsIncrement;
                }

                valence += scalar * ModifierDistanceFactor(distance);
            }

            if (modifier.Is(TermRole.Negation))
            {
                if (modifier.Is(TermRole.Never) && HasRoleBetween(TermRole.SoOrThis, j, i, traits))
                {
                    // The "so" or "this" may stand anywhere between "never" and the word ("never
                    // slept so well", "never been this good"), as "doubt" may after "without".
                    valence *= NeverSoScalar;
                }
                else if (!(modifier.Is(TermRole.Without) && HasRoleBetween(TermRole.Doubt, j, i, traits)))
                {
                    valence *= NegationScalar;
                }
            }
        }

        return valence;
    }

    /// <summary>
    /// "kind of", "sort of" and "just enough" dampen like one word, from the position of their last;
    /// the caller keeps both words within the three tokens before the sentiment word.
    /// </summary>
    private static bool IsTwoWordDampener(int j, ReadOnlySpan<TermTraits> traits) =>
        j >= 1 && ((traits[j].Is(TermRole.Of) && traits[j - 1].Is(TermRole.KindOrSort))
            || (traits[j].Is(TermRole.Enough) && traits[j - 1].Is(TermRole.Just)));

    private static bool HasRoleBetween(TermRole role, int from, int to, ReadOnlySpan<TermTraits> traits)
    {
        for (var k = from + 1; k < to; k++)
        {
            if (traits[k].Is(role))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"least" negates the word after it ("the least fun"), except in "at least" and "very least".</summary>
    private static double ApplyLeast(int i, double valence, ReadOnlySpan<TermTraits> traits) =>
        i >= 1 && traits[i - 1].Is(TermRole.Least) && !(i >= 2 && traits[i - 2].Is(TermRole.AtOrVery))
            ? valence * NegationScalar
            : valence;

    /// <summary>
    /// When the word is part of an idiom, the idiom's valence replaces the valences of its words,
    /// counted once: on its last sentiment-laden word, the others scoring zero.
    /// </summary>
    private static double IdiomValence(int i, double valence, ReadOnlySpan<TermTraits> traits)
    {
        // Idioms in list order, then the word's positions in each: the first that occurs wins.
        var places = traits[i].IdiomPlaces;
        while (places != 0)
        {
            var place = BitOperations.TrailingZeroCount(places);
            places &= places - 1;
            var idiom = place / Idiom.MaxWords;
            var words = ModifierWords.Idioms[idiom].Words.Length;
            var start = i - (place % Idiom.MaxWords);
            if (start < 0 || start + words > traits.Length || !Occurs(idiom, words, start, traits))
            {
                continue;
            }

            var carrier = start + words - 1;
            while (!traits[carrier].HasValence)
            {
                carrier--;
            }

            return carrier == i ? ModifierWords.Idioms[idiom].Valence : 0;
        }

        return valence;
    }

    private static bool Occurs(int idiom, int words, int start, ReadOnlySpan<TermTraits> traits)
    {
        for (var w = 0; w < words; w++)
        {
            if (!traits[start + w].IsInIdiom(idiom, w))
            {
                return false;
            }
        }

        return true;
    }
}
