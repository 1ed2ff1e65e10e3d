namespace StreamEngine.Domain.Threats;

/// <summary>A host found in text: where it is, and where the user-info before an '@' in its URL is (length 0 when none).</summary>
internal readonly record struct FoundHost(int Start, int Length, int UserInfoStart, int UserInfoLength);

/// <summary>
/// Finds the hosts of links and e-mail addresses in a post, in one pass and without regular
/// expressions: the text is cut into tokens at white space and brackets, and a token counts when it
/// is a URL with a scheme (https://, hxxp:// and the like), starts with www., is an e-mail address
/// (the domain after '@' is taken), or is a bare name.name whose last label is a known top-level
/// domain or any two letters. Ports, paths, queries and trailing punctuation are cut off.
/// </summary>
internal ref struct DomainScanner(ReadOnlySpan<char> text)
{
    /// <summary>Hosts longer than the DNS allows are not hosts.</summary>
    public const int MaxHostLength = 253;

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> KnownTopLevel = new HashSet<string>(
        [
            "com", "net", "org", "info", "biz", "io", "co", "app", "dev", "xyz", "top", "online", "site", "website",
            "shop", "store", "live", "link", "click", "club", "vip", "win", "bid", "icu", "buzz", "support", "help",
            "services", "service", "email", "center", "world", "today", "news", "cloud", "tech", "pro", "page",
            "loan", "finance", "bank", "money", "gift", "gifts", "deals", "sale", "promo", "claims", "security",
            "secure", "login", "account", "edu", "gov", "mil", "int", "asia", "mobi", "name", "tel", "wiki",
        ],
        StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly ReadOnlySpan<char> _text = text;
    private int _at;

    public bool Next(out FoundHost host)
    {
        while (_at < _text.Length)
        {
            while (_at < _text.Length && IsBreak(_text[_at]))
            {
                _at++;
            }

            var start = _at;
            while (_at < _text.Length && !IsBreak(_text[_at]))
            {
                _at++;
            }

            if (_at > start && TryRead(_text[start.._at], start, out host))
            {
                return true;
            }
        }

        host = default;
        return false;
    }

    private static bool TryRead(ReadOnlySpan<char> token, int offset, out FoundHost host)
    {
        host = default;
        var dot = token.IndexOfAny('.', '。', '．');
        if (dot < 0)
        {
            return false;
        }

        var schemeEnd = token.IndexOf("://", StringComparison.Ordinal);
        var explicitLink = false;
        int authority;
        if (schemeEnd > 0 && schemeEnd <= 8 && IsScheme(token[..schemeEnd]))
        {
            authority = schemeEnd + 3;
            explicitLink = true;
        }
        else
        {
            authority = 0;
            explicitLink = token.StartsWith("www.", StringComparison.OrdinalIgnoreCase);
        }

        var rest = token[authority..];
        var end = rest.IndexOfAny("/?#\\");
        if (end >= 0)
        {
            rest = rest[..end];
        }

        var userInfoStart = 0;
        var userInfoLength = 0;
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            // In a URL what precedes '@' is user-info, the browser's destination follows it; in an
            // e-mail address it is the mailbox. Either way the host is after the '@'.
            userInfoStart = offset + authority;
            userInfoLength = explicitLink ? at : 0;
            explicitLink |= at > 0;
            authority += at + 1;
            rest = rest[(at + 1)..];
        }

        var colon = rest.IndexOf(':');
        if (colon >= 0)
        {
            rest = rest[..colon];
        }

        rest = rest.TrimEnd(".,;:!?'\"…。．*_~");
        // The written host may hold invisible characters beyond its visible length (IsHost counts
        // that); a token this long is no host, and is not read further.
        if (rest.Length is 0 or > 4 * MaxHostLength || !IsHost(rest, explicitLink))
        {
            return false;
        }

        host = new FoundHost(offset + authority, rest.Length, userInfoStart, userInfoLength);
        return true;
    }

    private static bool IsScheme(ReadOnlySpan<char> scheme)
    {
        foreach (var c in scheme)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Labels of letters, digits and hyphens; at least two; the last alphabetic (or punycode).</summary>
    private static bool IsHost(ReadOnlySpan<char> host, bool explicitLink)
    {
        // Lengths are counted as the browser counts them, without the characters it drops: sixty
        // zero-width spaces inside a label must not push it past the limit and out of sight.
        var labels = 0;
        var labelLength = 0;
        var visible = 0;
        for (var i = 0; i <= host.Length; i++)
        {
            if (i < host.Length && IsIgnoredInHost(host[i]))
            {
                continue;
            }

            if (i < host.Length && !IsDot(host[i]))
            {
                var c = host[i];
                if (!(char.IsLetterOrDigit(c) || c == '-' || char.IsSurrogate(c)))
                {
                    return false;
                }

                labelLength++;
                visible++;
                continue;
            }

            if (labelLength is 0 or > 63)
            {
                return false;
            }

            labels++;
            labelLength = 0;
            visible += i < host.Length ? 1 : 0;
        }

        if (labels < 2 || visible > MaxHostLength)
        {
            return false;
        }

        var lastDot = host.Length - 1;
        while (!IsDot(host[lastDot]))
        {
            lastDot--;
        }

        Span<char> shown = stackalloc char[64];
        var length = 0;
        foreach (var c in host[(lastDot + 1)..])
        {
            if (!IsIgnoredInHost(c))
            {
                shown[length++] = c;
            }
        }

        var top = shown[..length];
        if (top.StartsWith("xn--", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var c in top)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return explicitLink || (top.Length == 2 && char.IsAsciiLetter(top[0])) || KnownTopLevel.Contains(top);
    }

    public static bool IsDot(char c) => c is '.' or '。' or '．' or '｡';

    /// <summary>
    /// Invisible characters that IDNA mapping (UTS #46) removes from a host, so a link holding them
    /// (<c>acme&#173;-login.com</c> with a soft hyphen, a zero-width space or joiner, a word joiner, a
    /// byte-order mark, a variation selector) leads where it would without them.
    /// </summary>
    public static bool IsIgnoredInHost(char c) =>
        c is '\u00AD' or '\u034F' or '\u180B' or '\u180C' or '\u180D' or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or (>= '\uFE00' and <= '\uFE0F');

    private static bool IsBreak(char c) =>
        char.IsWhiteSpace(c) || c is '<' or '>' or '"' or '\'' or '(' or ')' or '[' or ']' or '{' or '}' or '|' or ',' or ';' or '`'
            or '“' or '”' or '‘' or '’' or '«' or '»';
}
