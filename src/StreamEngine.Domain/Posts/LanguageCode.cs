namespace StreamEngine.Domain.Posts;

/// <summary>
/// The primary subtag of a BCP 47 language tag ("pt" of "pt-BR"), lower case, and a language's
/// two-letter code for its three-letter ones. Each spelling's code is kept once, so a post's
/// language costs no allocation once the spelling has been seen.
/// </summary>
public static partial class LanguageCode
{
    private const int Letters = 26;

    // Indexed by the code's letters in base 26, two-letter codes after the three-letter ones.
    private static readonly string?[] Codes = new string?[(Letters * Letters * Letters) + (Letters * Letters)];

    public static bool TryPrimary(ReadOnlySpan<char> tag, out string? code)
    {
        code = null;
        var dash = tag.IndexOfAny('-', '_');
        var primary = dash >= 0 ? tag[..dash] : tag;
        if (primary.Length == 1 && dash == 1 && primary[0] is 'x' or 'X' or 'i' or 'I')
        {
            return TryPrivateOrGrandfathered(tag, out code);
        }

        if (primary.Length is < 2 or > 3)
        {
            return false;
        }

        var index = 0;
        foreach (var c in primary)
        {
            var letter = (c | 0x20) - 'a';
            if (!char.IsAsciiLetter(c) || letter is < 0 or >= Letters)
            {
                return false;
            }

            index = (index * Letters) + letter;
        }

        if (primary.Length == 2)
        {
            index += Letters * Letters * Letters;
        }

        // Two threads may both create a code the first time; either string is the same code.
        var known = Codes[index] ??= Canonical(primary.ToString().ToLowerInvariant());
        code = known.Length == 0 ? null : known;
        return true;
    }

    /// <summary>
    /// The language value every private-use tag (<c>x-…</c>) reads as, and every grandfathered
    /// <c>i-</c> tag without a language code of today: no language this engine knows (its posts are
    /// unscored), one breakdown value for all of them, since their names are each producer's own
    /// and a value per name would grow the breakdown, and every brand's buckets, without end.
    /// </summary>
    public const string Other = "x-other";

    // The grandfathered i- tags the IANA registry gives a language code of today.
    private static readonly (string Tag, string Code)[] Grandfathered =
    [
        ("i-ami", "ami"), ("i-bnn", "bnn"), ("i-hak", "hak"), ("i-klingon", "tlh"), ("i-lux", "lb"),
        ("i-navajo", "nv"), ("i-pwn", "pwn"), ("i-tao", "tao"), ("i-tay", "tay"), ("i-tsu", "tsu"),
    ];

    private static bool TryPrivateOrGrandfathered(ReadOnlySpan<char> tag, out string? code)
    {
        code = null;
        if (tag.Length is < 3 or > 64)
        {
            return false;
        }

        // Subtags of 1 to 8 letters or digits, separated by single dashes.
        var run = 0;
        foreach (var c in tag)
        {
            if (c == '-')
            {
                if (run == 0)
                {
                    return false;
                }

                run = 0;
            }
            else if (char.IsAsciiLetterOrDigit(c) && ++run <= 8)
            {
                continue;
            }
            else
            {
                return false;
            }
        }

        if (run == 0)
        {
            return false;
        }

        code = Other;
        foreach (var (grandfathered, replacement) in Grandfathered)
        {
            if (tag.Equals(grandfathered, StringComparison.OrdinalIgnoreCase))
            {
                code = replacement;
                break;
            }
        }

        return true;
    }

    /// <summary>The code a post's language is kept as; empty for codes that name no language.</summary>
    private static string Canonical(string code) => code switch
    {
        // Undetermined, several, none, missing, and X's own (media only, hashtags only, mentions
        // only, cashtags only, too short to tell): the post reads as one without lang.
        "und" or "mul" or "zxx" or "mis" or "qme" or "qht" or "qam" or "qct" or "qst" => "",

        // Codes ISO 639-1 withdrew that older exports still carry (Twitter wrote "iw" and "in"):
        // read as the codes that replaced them, so a language is one segment, not two.
        "iw" => "he",
        "in" => "id",
        "ji" => "yi",
        "jw" => "jv",
        "mo" => "ro",
        { Length: 3 } when TwoLetterOf.TryGetValue(code, out var twoLetter) => twoLetter,
        _ => code,
    };
}
