using System.Globalization;
using System.Text;

namespace StreamEngine.Domain.Matching;

/// <summary>
/// Folds text for matching: lower case (Greek final sigma as sigma), accents removed (and the
/// strokes of the Latin letters typed without them, ł ø đ), full-width and other compatibility forms
/// mapped to their plain letters. Folding is per UTF-16 unit through a
/// table built once, so the hot path never normalises strings.
/// <para>
/// Only marks that writers add or leave out at will are removed: the accents of the Latin, Greek and
/// Cyrillic alphabets, Hebrew points, Arabic vowel signs, variation selectors. The vowel signs,
/// viramas and tone marks of the Brahmic scripts (Devanagari, Bengali, Tamil, Thai, ...) spell the
/// word: <c>कुल</c> (total) is not <c>कल</c> (tomorrow), so they are kept as part of their word.
/// </para>
/// </summary>
public static class TextFolding
{
    /// <summary>Marks a unit that folding removes (a combining mark).</summary>
    public const char Dropped = '\0';

    private static readonly char[] Table = BuildTable();

    public static char Fold(char c)
    {
        if (c < 128)
        {
            // NUL parts words like the other control characters: as itself it would read as Dropped.
            return (uint)(c - 'A') <= 'Z' - 'A' ? (char)(c | 0x20) : c == Dropped ? ' ' : c;
        }

        return Table[c];
    }

    /// <summary>
    /// Letters, digits, the underscore and the marks folding keeps (a vowel sign inside a Hindi word)
    /// make words; everything else separates them.
    /// </summary>
    public static bool IsWordChar(char folded) =>
        folded < 128
            ? (uint)(folded - 'a') <= 'z' - 'a' || (uint)(folded - '0') <= 9 || folded == '_'
            : (WordChars[folded >> 6] >> folded & 1) != 0;

    // One bit per unit beyond ASCII: threat words and fingerprints ask per unit of every post.
    private static readonly ulong[] WordChars = BuildWordChars();

    private static ulong[] BuildWordChars()
    {
        var bits = new ulong[65536 / 64];
        for (var c = 128; c < 65536; c++)
        {
            var unit = (char)c;
            if (!char.IsSurrogate(unit) && (char.IsLetterOrDigit(unit) || IsKeptMark(unit)))
            {
                bits[c >> 6] |= 1UL << c;
            }
        }

        return bits;
    }

    private static bool IsKeptMark(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
        && !IsOptionalMark(c);

    /// <summary>A mark writers add or leave out at will, which folding removes (see the type's remarks).</summary>
    private static bool IsOptionalMark(char c) =>
        c is (>= '\u0300' and <= '\u036F') // combining diacritical marks: Latin, Greek and Cyrillic accents
            or (>= '\u0483' and <= '\u0489') // Cyrillic titlo and number signs
            or (>= '\u0591' and <= '\u05C7') // Hebrew points and cantillation
            or (>= '\u0610' and <= '\u061A') or (>= '\u064B' and <= '\u065F') or '\u0670' or (>= '\u06D6' and <= '\u06ED') // Arabic vowel signs
            or '\u093C' or '\u09BC' or '\u0A3C' or '\u0ABC' or '\u0B3C' or '\u0C3C' or '\u0CBC' // nuktas: NFC writes ज़ as ज and a nukta, the precomposed ज़ folds to ज, so both read as ज
            or (>= '\u180B' and <= '\u180F') // Mongolian variation selectors
            or (>= '\u1AB0' and <= '\u1AFF') or (>= '\u1DC0' and <= '\u1DFF') // more diacritical marks
            or (>= '\u20D0' and <= '\u20FF') // marks for symbols, the keycap's square among them
            or '\u3099' or '\u309A' // a combining kana voicing mark, as text rarely holds it (the precomposed kana keep theirs)
            or (>= '\uFE00' and <= '\uFE0F') // variation selectors (text or emoji presentation)
            or (>= '\uFE20' and <= '\uFE2F'); // half marks

    /// <summary>
    /// A word character that is a word by itself: a Chinese character, kana or a Hangul syllable.
    /// These scripts are written without spaces between words (or, in Korean, with particles joined
    /// to the noun), so a run of them is read one character at a time, as search engines' standard
    /// tokenizers read CJK ideographs, and a term of several such characters matches as a phrase of
    /// them: <c>ソニー</c> is found in <c>ソニーの新製品</c>, <c>삼성</c> in <c>삼성전자</c>.
    /// </summary>
    public static bool IsSoloWordChar(char folded) =>
        folded >= '\u3005' && (
            folded is '\u3005' or '\u3006' // 々 〆
            || (folded >= '\u3041' && folded <= '\u30FF') // hiragana, katakana
            || (folded >= '\u31F0' && folded <= '\u31FF') // katakana phonetic extensions
            || (folded >= '\u3400' && folded <= '\u4DBF') // CJK extension A
            || (folded >= '\u4E00' && folded <= '\u9FFF') // CJK unified ideographs
            || (folded >= '\uAC00' && folded <= '\uD7A3') // Hangul syllables
            || (folded >= '\uF900' && folded <= '\uFAFF')) // CJK compatibility ideographs
            && IsWordChar(folded);

    private static char[] BuildTable()
    {
        var table = new char[65536];
        for (var i = 0; i < table.Length; i++)
        {
            var c = (char)i;
            table[i] = char.IsSurrogate(c) ? c : FoldSlow(c);
        }

        return table;
    }

    private static char FoldSlow(char c)
    {
        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
        {
            return IsOptionalMark(c) ? Dropped : c;
        }

        // The half-width voicing marks (ｶﾞ) are spacing letters of their own, yet stand for the
        // combining ones, which fold away: read as those, so that one is no word of its own.
        // A soft hyphen (where a word may break) and the Arabic tatweel (a letter drawn out) shape
        // how a word is shown, not what it says: ac­me is acme, ســلام is سلام.
        if (c is '\uFF9E' or '\uFF9F' or '\u00AD' or '\u0640')
        {
            return Dropped;
        }

        // Greek writes sigma as ς at a word's end: the same letter as σ (and Σ).
        if (c == '\u03C2')
        {
            return '\u03C3';
        }

        // A voicing mark makes another kana (か, が) and the breve another Cyrillic letter (и, й):
        // letters of their own, not accents, so they are kept whole.
        if (c is (>= '\u3041' and <= '\u30FF') or '\u0439' or '\u0419')
        {
            return char.ToLowerInvariant(c);
        }

        string decomposed;
        try
        {
            decomposed = c.ToString().Normalize(NormalizationForm.FormKD);
        }
        catch (ArgumentException)
        {
            return c;
        }

        // A compatibility form may decompose into several letters (ﬁ → fi); keep the unit whole then,
        // since one unit must map to one unit for spans to stay aligned with the original text.
        var letters = 0;
        var first = c;
        foreach (var d in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(d) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark && IsOptionalMark(d))
            {
                continue;
            }

            if (letters++ == 0)
            {
                first = d;
            }
        }

        return letters == 1 ? WithoutStroke(char.ToLowerInvariant(first)) : char.ToLowerInvariant(c);
    }

    /// <summary>
    /// Latin letters written with a stroke or bar, and the dotless i, have no decomposition, yet an
    /// analyst types <c>lodz</c> for Łódź, <c>orsted</c> for Ørsted and <c>dokovic</c> for Đoković
    /// as they leave off any accent; so these fold to the plain letter too.
    /// </summary>
    private static char WithoutStroke(char lower) => lower switch
    {
        '\u0142' => 'l', // ł
        '\u00F8' => 'o', // ø
        '\u0111' => 'd', // đ
        '\u0127' => 'h', // ħ
        '\u0167' => 't', // ŧ
        '\u0180' => 'b', // ƀ
        '\u01E5' => 'g', // ǥ
        '\u0268' => 'i', // ɨ
        '\u0131' => 'i', // ı
        '\u01B6' => 'z', // ƶ
        '\u024D' => 'r', // ɍ
        '\u024F' => 'y', // ɏ
        _ => lower,
    };
}
