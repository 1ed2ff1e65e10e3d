using System.Text;
using StreamEngine.Domain.Matching;

namespace StreamEngine.Domain.Threats;

/// <summary>
/// Maps every UTF-16 unit to its <em>skeleton</em> letter: the plain Latin letter it can pass for in
/// a handle, a name or a domain. Two strings with the same skeleton look alike to a reader. The map
/// is a small, reviewed subset of Unicode's confusables (UTS #39), chosen for what impersonators
/// use rather than the full table; <see cref="FoldedGroups"/> lists it. Besides that list:
/// <list type="bullet">
/// <item>case, accents and compatibility forms (full-width Ａ, circled ⓐ, superscripts) fold as
/// <see cref="TextFolding"/> folds them, before the list is consulted;</item>
/// <item>a few Greek capitals look like a different Latin letter than their lower case does (Η is
/// H but η is n), so they are looked up as written, before folding;</item>
/// <item>i, I, ı, l, 1 and | share the skeleton l, as they do in many fonts;</item>
/// <item>anything that is not a letter or digit afterwards (separators _ - . and spaces,
/// punctuation, emoji, zero-width and other format characters) is dropped.</item>
/// </list>
/// The two-letter lookalikes rn→m and vv→w are merged by <see cref="SkeletonText"/>, which sees
/// neighbours. Letters of other scripts with no Latin lookalike stay themselves.
/// </summary>
internal static class Confusables
{
    /// <summary>Marks a unit the skeleton drops.</summary>
    public const char Dropped = '\0';

    /// <summary>Capitals whose lower case passes for another letter, looked up before folding.</summary>
    private static readonly (string From, char To)[] CaseSensitiveGroups =
    [
        ("Η", 'h'), // Greek Eta; η is n
        ("Μ", 'm'), // Greek Mu; μ is u
        ("Ν", 'n'), // Greek Nu; ν is v
        ("Υ", 'y'), // Greek Upsilon; υ is u
        ("Ζ", 'z'), // Greek Zeta
    ];

    /// <summary>Folded units (Cyrillic, Greek, Armenian, IPA, digits, symbols) and the Latin letter each passes for.</summary>
    private static readonly (string From, char To)[] FoldedGroups =
    [
        ("аα4@", 'a'),
        ("вβъь8", 'b'),
        ("сϲ", 'c'),
        ("ԁ", 'd'),
        ("еєε3€", 'e'),
        ("ɡ9", 'g'),
        ("һн", 'h'),
        ("iıіїɩι1|", 'l'),
        ("ј", 'j'),
        ("кκ", 'k'),
        ("м", 'm'),
        ("ηпոռ", 'n'),
        ("оοσօ0", 'o'),
        ("рρ", 'p'),
        ("ѕ5$", 's'),
        ("тτ7", 't'),
        ("υμսц", 'u'),
        ("ν", 'v'),
        ("ωѡш", 'w'),
        ("хχ", 'x'),
        ("уγү", 'y'),
    ];

    private static readonly char[] Table = BuildTable();

    public static char Map(char c) => Table[c];

    /// <summary>Whether the unit is a digit once folded (full-width digits included).</summary>
    public static bool IsDigit(char c) => (uint)(TextFolding.Fold(c) - '0') <= 9;

    /// <summary>
    /// The skeleton letter of a code point beyond the BMP: mathematical alphanumerics (𝐚𝐜𝐦𝐞) and
    /// enclosed ones (🅰) decompose to a plain letter; anything else there (emoji) is dropped. Rare
    /// enough in handles and names that normalising a string here costs nothing that matters.
    /// </summary>
    public static char MapSupplementary(Rune rune)
    {
        if (rune.Value is not ((>= 0x1D400 and <= 0x1D7FF) or (>= 0x1F100 and <= 0x1F1FF)))
        {
            return Dropped;
        }

        var decomposed = rune.ToString().Normalize(NormalizationForm.FormKD);
        return decomposed.Length == 1 ? Map(decomposed[0]) : Dropped;
    }

    private static char[] BuildTable()
    {
        var folded = new Dictionary<char, char>();
        foreach (var (from, to) in FoldedGroups)
        {
            foreach (var c in from)
            {
                folded.Add(c, to);
            }
        }

        var table = new char[65536];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = MapSlow((char)i, folded);
        }

        foreach (var (from, to) in CaseSensitiveGroups)
        {
            foreach (var c in from)
            {
                table[c] = to;
            }
        }

        return table;
    }

    private static char MapSlow(char c, Dictionary<char, char> folded)
    {
        if (char.IsSurrogate(c))
        {
            return Dropped; // pairs are mapped by SkeletonText, which sees both halves
        }

        var f = TextFolding.Fold(c);
        if (f == TextFolding.Dropped)
        {
            return Dropped;
        }

        if (folded.TryGetValue(f, out var to))
        {
            return to;
        }

        return char.IsLetterOrDigit(f) ? f : Dropped;
    }
}
