namespace StreamEngine.Domain.Sentiment;

/// <summary>
/// The closed word lists VADER's rules act on (Hutto and Gilbert 2014, section 3.3), in their
/// folded look-up form. Any token containing "n't" negates as well, so only the forms written
/// without an apostrophe need listing.
/// </summary>
internal static class ModifierWords
{
    /// <summary>Rule 5: negations.</summary>
    public static readonly string[] Negations =
    [
        "not", "never", "none", "nope", "nor", "neither", "nothing", "nowhere", "without", "cannot",
        "rarely", "seldom", "despite", "uhuh", "uh-uh",
        "aint", "arent", "cant", "couldnt", "darent", "didnt", "doesnt", "dont", "hadnt", "hasnt",
        "havent", "isnt", "mightnt", "mustnt", "neednt", "oughtnt", "shant", "shouldnt", "wasnt",
        "werent", "wont", "wouldnt",
    ];

    /// <summary>Rule 3: boosters, which add <see cref="VaderConstants.BoosterIncrement"/>.</summary>
    public static readonly string[] Boosters =
    [
        "absolutely", "amazingly", "awfully", "completely", "considerable", "considerably", "decidedly",
        "deeply", "effing", "enormous", "enormously", "entirely", "especially", "exceptional",
        "exceptionally", "extreme", "extremely", "fabulously", "flipping", "flippin", "frackin",
        "fracking", "fricking", "frickin", "frigging", "friggin", "fully", "fuckin", "fucking",
        "fuggin", "fugging", "greatly", "hella", "highly", "hugely", "incredible", "incredibly",
        "intensely", "major", "majorly", "more", "most", "particularly", "purely", "quite", "really",
        "remarkably", "so", "substantially", "thoroughly", "total", "totally", "tremendous",
        "tremendously", "uber", "unbelievably", "unusually", "utter", "utterly", "very",
    ];

    /// <summary>
    /// Rule 3: dampeners, which add <see cref="VaderConstants.DampenerIncrement"/>. The two-word
    /// dampeners "kind of", "sort of" and "just enough" are recognised through their roles.
    /// </summary>
    public static readonly string[] Dampeners =
    [
        "almost", "barely", "hardly", "kinda", "kindof", "kind-of", "less", "little", "marginal",
        "marginally", "occasional", "occasionally", "partly", "scarce", "scarcely", "slight",
        "slightly", "somewhat", "sorta", "sortof", "sort-of",
    ];

    /// <summary>
    /// Idioms whose meaning is not the sum of their words, with the valence the authors rated them
    /// at; it replaces that of the words, counted once.
    /// </summary>
    public static readonly Idiom[] Idioms =
    [
        new(["the", "shit"], 3),
        new(["the", "bomb"], 3),
        new(["bad", "ass"], 1.5),
        new(["yeah", "right"], -2),
        new(["kiss", "of", "death"], -1.5),
        new(["to", "die", "for"], 3),
        new(["beating", "heart"], 3.1),
        new(["broken", "heart"], -2.9),
        new(["bus", "stop"], 0),
    ];

    /// <summary>Words that play a part in some rule without being negations or degree modifiers.</summary>
    public static IEnumerable<(string Word, TermRole Role)> RoleWords()
    {
        yield return ("no", TermRole.No);
        yield return ("or", TermRole.Alternative);
        yield return ("nor", TermRole.Alternative);
        yield return ("but", TermRole.But);
        yield return ("kind", TermRole.KindOrSort);
        yield return ("sort", TermRole.KindOrSort);
        yield return ("of", TermRole.Of);
        yield return ("just", TermRole.Just);
        yield return ("enough", TermRole.Enough);
        yield return ("least", TermRole.Least);
        yield return ("at", TermRole.AtOrVery);
        yield return ("very", TermRole.AtOrVery);
        yield return ("never", TermRole.Never);
        yield return ("so", TermRole.SoOrThis);
        yield return ("this", TermRole.SoOrThis);
        yield return ("without", TermRole.Without);
        yield return ("doubt", TermRole.Doubt);
    }
}

/// <summary>A phrase of two or three words scored as a whole.</summary>
internal sealed record Idiom(string[] Words, double Valence)
{
    /// <summary>The most words an idiom has: each word's places in the idioms fit one 32-bit mask.</summary>
    public const int MaxWords = 3;

    /// <summary>The bit of <see cref="TermTraits.IdiomPlaces"/> for a word at <paramref name="position"/> of idiom <paramref name="idiom"/>.</summary>
    public static uint Place(int idiom, int position) => 1u << ((idiom * MaxWords) + position);
}
