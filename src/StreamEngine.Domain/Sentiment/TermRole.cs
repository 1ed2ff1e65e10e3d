namespace StreamEngine.Domain.Sentiment;

/// <summary>The parts a token can play in VADER's rules besides carrying a valence of its own.</summary>
[Flags]
internal enum TermRole : uint
{
    None = 0,

    /// <summary>Negates a sentiment-laden word up to three tokens after it ("not", "never", any "n't").</summary>
    Negation = 1 << 0,

    /// <summary>"no": negates the word after it; a sentiment word of its own when standing alone.</summary>
    No = 1 << 1,

    /// <summary>"or" / "nor": carries the negation of a "no" three tokens back ("no love or hope").</summary>
    Alternative = 1 << 2,

    /// <summary>The contrastive conjunction "but".</summary>
    But = 1 << 3,

    /// <summary>A booster: adds <see cref="VaderConstants.BoosterIncrement"/> to the word it modifies.</summary>
    Booster = 1 << 4,

    /// <summary>"kind" or "sort" before "of": together a dampener, and "kind" then carries no valence.</summary>
    KindOrSort = 1 << 5,

    Of = 1 << 6,

    Just = 1 << 7,

    /// <summary>"enough" after "just": a dampener ("just enough").</summary>
    Enough = 1 << 8,

    /// <summary>"least": negates the word after it, unless in "at least" / "very least".</summary>
    Least = 1 << 9,

    /// <summary>"at" / "very" before "least".</summary>
    AtOrVery = 1 << 10,

    Never = 1 << 11,

    /// <summary>"so" / "this" after "never": the pair intensifies instead of negating.</summary>
    SoOrThis = 1 << 12,

    Without = 1 << 13,

    /// <summary>"doubt" after "without": the pair does not negate.</summary>
    Doubt = 1 << 14,

    /// <summary>A word of some idiom (<see cref="ModifierWords.Idioms"/>).</summary>
    IdiomWord = 1 << 15,

    /// <summary>A dampener: adds <see cref="VaderConstants.DampenerIncrement"/> to the word it modifies.</summary>
    Dampener = 1 << 16,

    /// <summary>Has a valence in the lexicon.</summary>
    Valenced = 1 << 17,

    /// <summary>Set per token, not per form: the token is in ALL CAPS.</summary>
    AllCaps = 1 << 18,

    DegreeModifier = Booster | Dampener,

    /// <summary>Roles that can change the valence of a word up to three tokens after them.</summary>
    ModifiesFollowing = Negation | No | DegreeModifier | Of | Enough | Least,

    /// <summary>Roles that can change a word's own valence.</summary>
    ModifiesItself = DegreeModifier | No | KindOrSort | IdiomWord | AllCaps,
}
