using System.Globalization;
using StreamEngine.Domain.Influence;
using StreamEngine.Domain.Posts;

namespace StreamEngine.Domain.Threats;

/// <summary>
/// Flags links and e-mail addresses whose domain imitates a brand's official ones: the bought name
/// (acme of acme-login.co) is compared like a handle, as a skeleton with homoglyphs, added digits
/// and added words stripped and a few typos allowed; the same name under another ending (acme.net
/// for acme.com); an official domain placed in front of someone else's (acme.com.evil.io) or before
/// the '@' of a URL (https://acme.com@evil.io goes to evil.io); a brand-like label as a subdomain
/// of someone else's domain (acme-login.evil.io). Punycode (xn--) is decoded first, so an IDN
/// homograph is compared as it displays. The official domains and their real subdomains are never
/// flagged, nor the official domains of any other brand. Brands that list no domain are skipped:
/// without an official domain there is nothing to tell an imitation from. Immutable and
/// thread-safe; a post with no lookalike allocates nothing unless it links a punycode host.
/// </summary>
public sealed class LookalikeDomainDetector
{
    /// <summary>Words phishing domains add to a brand's name.</summary>
    public static IReadOnlyList<string> DefaultAffixes { get; } =
    [
        "login", "signin", "logon", "secure", "security", "verify", "verification", "validate", "account", "accounts",
        "update", "billing", "pay", "payment", "payments", "wallet", "support", "help", "helpdesk", "service",
        "services", "care", "customer", "official", "online", "web", "app", "my", "portal", "auth", "id", "shop",
        "store", "sale", "sales", "deal", "deals", "promo", "promos", "gift", "gifts", "giveaway", "refund",
        "refunds", "claim", "bonus", "free", "reward", "rewards", "outlet", "team", "hq", "us", "uk", "usa",
        "global", "info", "mail", "com", "net", "www", "the", "get", "go", "try",
    ];

    /// <summary>At most this many hosts of one post are looked at: a post of links is spam whatever they are.</summary>
    private const int MaxHosts = 16;

    private const int MaxFindings = 8;

    private readonly IReadOnlyList<BrandIdentity> _brands;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _official;
    private readonly SkeletonIndex _index;
    private readonly AffixWords _affixes;

    public LookalikeDomainDetector(IReadOnlyList<BrandIdentity> brands, IEnumerable<string>? affixes = null)
    {
        ArgumentNullException.ThrowIfNull(brands);
        _brands = brands;
        _affixes = new AffixWords(affixes ?? DefaultAffixes);
        var official = new Dictionary<string, int>(StringComparer.Ordinal);
        var targets = new List<LookalikeTarget>();
        for (var b = 0; b < brands.Count; b++)
        {
            var brand = brands[b];
            if (brand.Domains.Count == 0)
            {
                continue;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var domain in brand.Domains)
            {
                var host = Canonical(domain);
                official.TryAdd(host, b);
                AddTarget(targets, seen, b, host, new DomainName(host).Name.ToString());
            }

            AddTarget(targets, seen, b, "'" + brand.Name + "'", brand.Name);
        }

        _official = official.GetAlternateLookup<ReadOnlySpan<char>>();
        _index = new SkeletonIndex(targets);
    }

    public IReadOnlyList<ThreatFinding> Detect(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (_index.Count == 0)
        {
            return [];
        }

        var text = post.Text.AsSpan();
        var scanner = new DomainScanner(text);
        Span<char> buffer = stackalloc char[DomainScanner.MaxHostLength];
        List<ThreatFinding>? findings = null;
        for (var hosts = 0; hosts < MaxHosts && scanner.Next(out var found); hosts++)
        {
            var written = text.Slice(found.Start, found.Length);
            var host = Normalise(written, buffer);
            string? decoded = null;
            if (host.Contains("xn--", StringComparison.Ordinal))
            {
                decoded = Decode(host);
                host = decoded;
            }

            if (IsOfficial(host))
            {
                continue;
            }

            if (found.UserInfoLength > 0)
            {
                UserInfoTrick(post, text.Slice(found.UserInfoStart, found.UserInfoLength), text[found.UserInfoStart..(found.Start + found.Length)], ref findings);
            }

            Lookalikes(post, new DomainName(host), written, decoded, ref findings);
        }

        return findings ?? (IReadOnlyList<ThreatFinding>)[];
    }

    private void Lookalikes(Post post, DomainName domain, ReadOnlySpan<char> written, string? decoded, ref List<ThreatFinding>? findings)
    {
        Span<SkeletonUnit> units = stackalloc SkeletonUnit[SkeletonText.MaxUnits];
        Span<char> letters = stackalloc char[SkeletonText.MaxUnits];
        Span<LookalikeMatch> matches = stackalloc LookalikeMatch[MaxFindings];
        var name = domain.Name;
        var count = Search(name, units, letters, matches, out var length);
        foreach (var match in matches[..count])
        {
            var target = _index[match.Target];
            var shown = Shown(written, decoded);
            var evidence = !match.IsCopy
                ? $"{shown}: {LookalikeEvidence.Describe(match, name, units[..length], target)}"
                : domain.Suffix.SequenceEqual(new DomainName(target.Label).Suffix)
                    ? $"{shown}: {target.Label} with separators added"
                    : $"{shown}: {target.Label} under another ending (.{domain.Suffix})";
            Report(ref findings, post, target.Owner, evidence, LookalikeEvidence.Severity(match));
        }

        // acme.com.evil.io, acme.com-verify.info: an official domain leads, someone else's follows.
        var beforeSuffix = domain.Host[..(domain.Host.Length - domain.Suffix.Length - 1)];
        if (ContainsOfficial(beforeSuffix, out var official))
        {
            Report(ref findings, post, official.Owner, $"{Shown(written, decoded)}: {official.Domain} put in front of {domain.Registrable}", ThreatSeverity.High);
            return;
        }

        var sub = domain.Subdomain;

        // Each label of the subdomain on its own: acme-login.evil.io, secure.acme.evil.io.
        while (!sub.IsEmpty)
        {
            var dot = sub.IndexOf('.');
            var label = dot < 0 ? sub : sub[..dot];
            sub = dot < 0 ? default : sub[(dot + 1)..];
            count = Search(label, units, letters, matches, out length);
            foreach (var match in matches[..count])
            {
                var target = _index[match.Target];
                var evidence = $"{Shown(written, decoded)}: {LookalikeEvidence.Describe(match, label, units[..length], target)} as a subdomain of {domain.Registrable}";
                // A plain copy as a subdomain is how hosted platforms name tenants (acme.zendesk.com).
                Report(ref findings, post, target.Owner, evidence, match.IsCopy ? ThreatSeverity.Low : ThreatSeverity.Medium);
            }
        }
    }

    /// <summary>https://acme.com@evil.io shows acme.com but goes to evil.io.</summary>
    private void UserInfoTrick(Post post, ReadOnlySpan<char> userInfo, ReadOnlySpan<char> link, ref List<ThreatFinding>? findings)
    {
        Span<char> buffer = stackalloc char[Math.Min(userInfo.Length, DomainScanner.MaxHostLength)];
        var normal = Normalise(userInfo[..buffer.Length], buffer);
        if (ContainsOfficial(normal, out var official))
        {
            Report(ref findings, post, official.Owner, $"{link}: {official.Domain} put before '@', the link goes to what follows", ThreatSeverity.High);
        }
    }

    /// <summary>
    /// Whether a run of whole labels of <paramref name="labels"/> is an official domain; the run may
    /// also end at a hyphen, since "acme.com-verify" reads as acme.com at a glance.
    /// </summary>
    private bool ContainsOfficial(ReadOnlySpan<char> labels, out (int Owner, string Domain) official)
    {
        for (var start = 0; start < labels.Length; start++)
        {
            if (start > 0 && labels[start - 1] is not ('.' or '-'))
            {
                continue;
            }

            for (var end = labels.Length; end > start; end--)
            {
                if ((end == labels.Length || labels[end] is '.' or '-') && _official.TryGetValue(labels[start..end], out var domain, out var owner))
                {
                    official = (owner, domain);
                    return true;
                }
            }
        }

        official = default;
        return false;
    }

    /// <summary>
    /// The host as written, and as it displays when it was punycode; characters a browser drops
    /// are left out, and said to be there, since the analyst could not see them.
    /// </summary>
    private static string Shown(ReadOnlySpan<char> written, string? decoded)
    {
        var hidden = 0;
        foreach (var c in written)
        {
            hidden += DomainScanner.IsIgnoredInHost(c) ? 1 : 0;
        }

        var visible = hidden == 0 ? written.ToString() : string.Concat(written.ToString().Where(c => !DomainScanner.IsIgnoredInHost(c)));
        var shown = decoded is null ? visible : $"{visible} ({decoded})";
        return hidden == 0 ? shown : $"{shown} (written with {hidden} invisible {(hidden == 1 ? "character" : "characters")})";
    }

    /// <summary>The host or one of its parent domains is official.</summary>
    private bool IsOfficial(ReadOnlySpan<char> host)
    {
        for (var i = 0; i < host.Length; i++)
        {
            if ((i == 0 || host[i - 1] == '.') && _official.ContainsKey(host[i..]))
            {
                return true;
            }
        }

        return false;
    }

    private int Search(ReadOnlySpan<char> label, Span<SkeletonUnit> units, Span<char> letters, Span<LookalikeMatch> matches, out int length)
    {
        length = SkeletonText.Build(label, units, letters);
        return length < LookalikeTarget.MinLength
            ? 0
            : LookalikeSearch.Find(units[..length], letters[..length], _index, _affixes, matches, 0);
    }

    /// <summary>Keeps one finding per brand and post, the most severe.</summary>
    private void Report(ref List<ThreatFinding>? findings, Post post, int owner, string evidence, ThreatSeverity severity)
    {
        findings ??= [];
        var brandId = _brands[owner].BrandId;
        var finding = new ThreatFinding(ThreatKind.Phishing, brandId, ThreatFinding.PostOf(post), AuthorKeys.Of(post), evidence, severity);
        var at = findings.FindIndex(f => f.BrandId == brandId);
        if (at < 0)
        {
            findings.Add(finding);
        }
        else if (findings[at].Severity < severity)
        {
            findings[at] = finding;
        }
    }

    /// <summary>Lower case, every kind of full stop a '.', and without the characters browsers drop from a host (<see cref="DomainScanner.IsIgnoredInHost"/>).</summary>
    private static ReadOnlySpan<char> Normalise(ReadOnlySpan<char> host, Span<char> into)
    {
        var length = 0;
        for (var i = 0; i < host.Length; i++)
        {
            var c = host[i];
            if (!DomainScanner.IsIgnoredInHost(c))
            {
                into[length++] = DomainScanner.IsDot(c) ? '.' : c < 128 ? (char)(c | (char.IsAsciiLetterUpper(c) ? 0x20 : 0)) : char.ToLowerInvariant(c);
            }
        }

        return into[..length];
    }

    private static string Decode(ReadOnlySpan<char> host)
    {
        var ascii = host.ToString();
        try
        {
            return new IdnMapping().GetUnicode(ascii);
        }
        catch (ArgumentException)
        {
            return ascii; // not valid punycode: compare it as written
        }
    }

    private static string Canonical(string domain)
    {
        var host = domain.Trim().TrimEnd('.').ToLowerInvariant();
        if (host.StartsWith("www.", StringComparison.Ordinal))
        {
            host = host[4..];
        }

        try
        {
            return new IdnMapping().GetUnicode(host);
        }
        catch (ArgumentException)
        {
            return host;
        }
    }

    private static void AddTarget(List<LookalikeTarget> targets, HashSet<string> seen, int brand, string label, string text)
    {
        var units = SkeletonText.Of(text);
        if (units is not null && seen.Add(SkeletonText.LettersOf(units)))
        {
            targets.Add(new LookalikeTarget(brand, label, units));
        }
    }
}
