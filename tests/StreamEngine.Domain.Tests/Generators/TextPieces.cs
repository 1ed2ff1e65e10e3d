namespace StreamEngine.Domain.Tests.Generators;

/// <summary>
/// What texts are cut from: the vocabulary as people write it and near misses of it, emoji as
/// keyboards send them, the places where word boundaries are easy to get wrong, and what goes
/// around a piece.
/// </summary>
internal static class TextPieces
{
    /// <summary>Vocabulary words and near misses (one edit, a prefix, a longer word), some accented precomposed, some combining.</summary>
    public static readonly string[] Words =
    [
        "acme", "Acme", "corp", "Corp.", "globex", "deal", "Café", "cafe\u0301", "café", "straße", "STRASSE", "東京", "東京に", "ж",
        "ж\u0301", "x1", "_a", "2026", "and", "or", "not", "near", "raw", "lang", "øre", "Øre", "ære", "Ære", "Łore", "iPhone", "iphone", "O2", "acmes",
        "corpo", "glob", "globe", "acne", "cor", "nea", "中", "gløß", "s", "com", "jo", "京東", "acme東京", "삼성전자", "ｿﾆｰ",
        "हिंदी", "हद", "कुल", "कल", "भारत", "ที่", "ท", "ΣΟΦΟΣ", "σοφος", "οδός",
    ];

    /// <summary>
    /// Emoji sequences: skin tones, variation selectors (emoji and text style), ZWJ families and
    /// professions, flags in both orders, a tag-sequence flag, a keycap, a BMP symbol.
    /// </summary>
    public static readonly string[] Emoji =
    [
        "🔥", "🔥🔥", "👍", "👍🏽", "👍🏻", "❤", "❤\uFE0F", "❤\uFE0E", "™", "™\uFE0F", "🇺🇸", "🇸🇺", "😀", "👨\u200D👩\u200D👧",
        "👩🏽\u200D💻", "🤷\u200D♀\uFE0F", "☀\uFE0F", "🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F", "#\uFE0F\u20E3",
    ];

    /// <summary>
    /// Where a word ends is easy to get wrong: apostrophes (straight and curly), underscores, e-mail
    /// addresses and domains, digits glued to letters, hyphens and slashes, invisible format
    /// characters and NUL between letters, full-width signs, a ligature, a letter that folds to two,
    /// other scripts' digits, letters beyond U+FFFF, symbols that fold to letters, line breaks and
    /// lone surrogates.
    /// </summary>
    public static readonly string[] Boundaries =
    [
        "acme's", "acme\u2019s", "l'acme", "acme_corp", "_acme_", "jo@acme.com", "acme.com", "x1x1", "acme2026", "2026acme", "acme2",
        "acme-corp", "acme/corp", "a\u200Bcme", "acme\u00ADcorp", "acme\u200Dcorp", "acme\u0000corp", "Ｃｏｒｐ", "＃acme", "＠corp",
        "＄deal", "ﬁ", "İ", "٢٠٢٦", "𝐀𝐜𝐦𝐞", "ℹ\uFE0F", "Ⓜ\uFE0F", "\u2028", "\r\n", "\uD83D", "\uDE00",
    ];

    /// <summary>What may come right before a piece: often nothing, sometimes a sign (also full-width or in a keycap) or an opening mark.</summary>
    public static readonly string[] Before = ["", "", "", "", "#", "@", "$", "＃", "(", "\"", "'", "#\uFE0F\u20E3"];

    /// <summary>What may come right after a piece: mostly a separator, sometimes something glued on.</summary>
    public static readonly string[] After =
        [" ", " ", " ", " ", ", ", ". ", "-", "\n", "! ", "", "'s ", "\u2019s ", "_", "\u0301 ", "2 ", "@acme.com ", "\u3000", "\u00A0"];
}
