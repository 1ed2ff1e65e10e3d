namespace StreamEngine.Domain.Sentiment;

/// <summary>
/// Every number the scorer uses, each with the rule it comes from. The rules are those of
/// C.J. Hutto and E. Gilbert, "VADER: A Parsimonious Rule-based Model for Sentiment Analysis of
/// Social Media Text", ICWSM 2014, section 3.3; the values are those the authors derived from their
/// human raters and publish with the lexicon.
/// </summary>
internal static class VaderConstants
{
    /// <summary>Rule 3 (degree modifiers): a booster ("extremely", "so") adds this much intensity.</summary>
    public const double BoosterIncrement = 0.293;

    /// <summary>Rule 3: a dampener ("slightly", "kind of") takes this much away.</summary>
    public const double DampenerIncrement = -0.293;

    /// <summary>
    /// Rule 3: a modifier's effect fades with its distance from the word it modifies: whole right
    /// before it, 95 % two tokens before, 90 % three tokens before.
    /// </summary>
    public static double ModifierDistanceFactor(int distance) => distance switch
    {
        1 => 1.0,
        2 => 0.95,
        _ => 0.9,
    };

    /// <summary>Rules 3 and 5 look this many tokens back from a sentiment-laden word.</summary>
    public const int ModifierWindow = 3;

    /// <summary>Rule 2 (capitalisation): an ALL-CAPS word in mixed-case text gains this much intensity.</summary>
    public const double AllCapsIncrement = 0.733;

    /// <summary>Rule 5 (negation): a negation within the window flips and shrinks the valence.</summary>
    public const double NegationScalar = -0.74;

    /// <summary>Rule 5, its idiomatic exception: "never so good", "never this bad" intensify instead.</summary>
    public const double NeverSoScalar = 1.25;

    /// <summary>Rule 4 (contrastive "but"): sentiment before the first "but" counts half...</summary>
    public const double BeforeButScalar = 0.5;

    /// <summary>Rule 4: ...and sentiment after it half as much again.</summary>
    public const double AfterButScalar = 1.5;

    /// <summary>Rule 1 (punctuation): each '!' adds this much intensity...</summary>
    public const double ExclamationIncrement = 0.292;

    /// <summary>Rule 1: ...up to this many of them.</summary>
    public const int MaxExclamations = 4;

    /// <summary>Rule 1: two or three '?' add this much each (a single '?' asks, it does not stress)...</summary>
    public const double QuestionIncrement = 0.18;

    /// <summary>Rule 1: ...and more than three add this much in all.</summary>
    public const double ManyQuestionsIncrement = 0.96;

    /// <summary>Rule 1: the number of '?' above which <see cref="ManyQuestionsIncrement"/> applies.</summary>
    public const int MaxQuestions = 3;

    /// <summary>
    /// Compound normalisation x / sqrt(x² + alpha): maps the sum of valences onto (-1, 1), alpha
    /// approximating the largest sums seen in practice.
    /// </summary>
    public const double NormalisationAlpha = 15;

    /// <summary>Labels: a compound above this is positive, below its opposite negative, else neutral.</summary>
    public const double LabelThreshold = 0.05;
}
