using System.Globalization;
using StreamEngine.Domain.Matching;

namespace StreamEngine.Domain.Text;

/// <summary>What the tokenizer needs to know about one UTF-16 unit besides its folded form.</summary>
[Flags]
internal enum CharTrait : ushort
{
    None = 0,

    /// <summary>Its folded form is a word character (<see cref="TextFolding.IsWordChar"/>).</summary>
    Word = 1,

    /// <summary>Folding removes it (a combining mark).</summary>
    Dropped = 2,

    /// <summary>White space: separates sentiment tokens.</summary>
    Space = 4,

    /// <summary>Punctuation stripped from the ends of a sentiment token.</summary>
    Punctuation = 8,

    Upper = 16,

    Lower = 32,

    Cased = Upper | Lower,

    /// <summary>Folds to '!' or '?', which add emphasis.</summary>
    Emphasis = 64,

    /// <summary>An apostrophe, typographic ones included, all read as ' so that "don’t" negates like "don't".</summary>
    Apostrophe = 128,

    /// <summary>
    /// May start an emoji: a high surrogate, © and ®, or a unit in U+2000..U+32FF (where every
    /// other emoji of the BMP lies). Only these are looked up in the emoji lexicon.
    /// </summary>
    MaybeEmoji = 256,

    /// <summary>A word by itself (<see cref="TextFolding.IsSoloWordChar"/>); always with <see cref="Word"/>.</summary>
    Solo = 512,
}

/// <summary>
/// One table giving, for every UTF-16 unit, its folded form (low 16 bits) and its
/// <see cref="CharTrait"/> (high 16 bits), built once so the tokenizer's walk makes a single read
/// per unit and never asks for a Unicode category.
/// </summary>
internal static class CharTraits
{
    // Python's string.punctuation: VADER strips exactly these from token ends. Beyond ASCII the
    // Unicode punctuation categories are stripped too (curly quotes, ellipsis, ¡¿), which posts use.
    private const string AsciiPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private static readonly uint[] Table = BuildTable();

    /// <summary>The folded form in the low 16 bits, the traits in the high 16.</summary>
    public static uint Of(char c) => Table[c];

    public static CharTrait Traits(uint entry) => (CharTrait)(entry >> 16);

    public static char Folded(uint entry) => (char)entry;

    /// <summary>Whether an emoji may start with <paramref name="c"/> (see <see cref="CharTrait.MaybeEmoji"/>).</summary>
    public static bool MayStartEmoji(char c) => (Traits(Table[c]) & CharTrait.MaybeEmoji) != 0;

    private static uint[] BuildTable()
    {
        var table = new uint[65536];
        for (var i = 0; i < table.Length; i++)
        {
            var c = (char)i;
            table[i] = TextFolding.Fold(c) | ((uint)Classify(c) << 16);
        }

        return table;
    }

    private static CharTrait Classify(char c)
    {
        var traits = CharTrait.None;
        var folded = TextFolding.Fold(c);
        if (folded == TextFolding.Dropped)
        {
            traits |= CharTrait.Dropped;
        }
        else if (TextFolding.IsWordChar(folded))
        {
            traits |= CharTrait.Word;
            if (TextFolding.IsSoloWordChar(folded))
            {
                traits |= CharTrait.Solo;
            }
        }

        if (char.IsWhiteSpace(c))
        {
            traits |= CharTrait.Space;
        }

        // Invisible format characters (direction marks and isolates, joiners, the BOM) are stripped
        // from token ends like punctuation: the matcher's words end before them, so "good\u200F"
        // must read as "good" here too. Folding drops combining marks only, never these, as
        // stripping requires of punctuation.
        var format = c >= 128 && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;
        if (c < 128 ? AsciiPunctuation.Contains(c, StringComparison.Ordinal) : char.IsPunctuation(c) || format)
        {
            traits |= CharTrait.Punctuation;
        }

        if (char.IsUpper(c))
        {
            traits |= CharTrait.Upper;
        }
        else if (char.IsLower(c))
        {
            traits |= CharTrait.Lower;
        }

        if (folded is '!' or '?')
        {
            traits |= CharTrait.Emphasis;
        }

        if (c is '\'' or '\u2019' or '\u2018' or '\u02BC' or '\uFF07')
        {
            traits |= CharTrait.Apostrophe;
        }

        if (char.IsHighSurrogate(c) || c is '\u00A9' or '\u00AE' || (c is >= '\u2000' and <= '\u32FF' && (traits & (CharTrait.Space | CharTrait.Dropped)) == 0))
        {
            traits |= CharTrait.MaybeEmoji;
        }

        return traits;
    }
}
