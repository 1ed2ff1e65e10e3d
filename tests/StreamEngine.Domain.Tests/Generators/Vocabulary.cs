namespace StreamEngine.Domain.Tests.Generators;

/// <summary>
/// The few words and symbols that both queries and texts are made of. A small vocabulary shared by
/// both sides makes matches frequent, and so does every near miss worth testing.
/// </summary>
internal static class Vocabulary
{
    /// <summary>Folded words, some of them spelling operators or field names in lower case, some with digits or underscores.</summary>
    public static readonly string[] Words =
    [
        "acme", "corp", "globex", "deal", "cafe", "straße", "東", "京", "성", "ж", "x1", "_a", "2026", "and", "or", "not", "near", "raw",
        "lang", "ore", "ære", "acme_corp", "s", "com", "jo",
    ];

    /// <summary>Words of raw phrases: NFC, in the case, accents and width they must be written in.</summary>
    public static readonly string[] RawWords = ["Acme", "ACME", "Café", "Straße", "東", "京", "iPhone", "O2", "corp", "ＡＣＭＥ", "Øre", "acme_corp"];

    /// <summary>Emoji as a query names them: no skin tones, selectors or joiners; regional indicators one at a time.</summary>
    public static readonly string[] Symbols = ["🔥", "👍", "❤", "™", "🇺", "🇸", "😀", "👨", "👩", "👧", "☀", "♀"];

    /// <summary>The letters wildcard patterns are made of besides '*' and '?'.</summary>
    public static readonly char[] PatternLetters = [.. "acmeorpglæßж"];
}
