namespace StreamEngine.Domain.Threats;

/// <summary>
/// A host split the way a reader of a link sees it: the <em>registrable</em> part (the name
/// somebody bought, "acme" of acme.co.uk), its public suffix ("co.uk") and the subdomain in front
/// ("login.secure"). Without the Public Suffix List the suffix is approximated: the last label, or
/// the last two when the second-last is a generic second level under a two-letter country code
/// (co.uk, com.au, org.br, ne.jp...). Hosts on other multi-label suffixes (a.github.io, b.blogspot.com)
/// are split as if github and blogspot were the names bought, which only matters when such a
/// platform's name imitates a brand.
/// </summary>
internal readonly ref struct DomainName
{
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> SecondLevels = new HashSet<string>(
        ["co", "com", "net", "org", "gov", "edu", "ac", "or", "ne", "go", "gob", "nic", "ltd", "plc", "me", "biz", "info"],
        StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    public DomainName(ReadOnlySpan<char> host)
    {
        Host = host;
        var last = host.LastIndexOf('.');
        var suffixStart = last + 1;
        if (last > 0)
        {
            var secondDot = host[..last].LastIndexOf('.');
            var second = host[(secondDot + 1)..last];
            if (host.Length - last - 1 == 2 && secondDot > 0 && SecondLevels.Contains(second))
            {
                suffixStart = secondDot + 1;
            }
        }

        Suffix = host[suffixStart..];
        var nameEnd = Math.Max(0, suffixStart - 1);
        var nameStart = host[..nameEnd].LastIndexOf('.') + 1;
        Name = host[nameStart..nameEnd];
        Subdomain = nameStart == 0 ? default : host[..(nameStart - 1)];
    }

    public ReadOnlySpan<char> Host { get; }

    /// <summary>The label bought: "acme" of login.acme.co.uk.</summary>
    public ReadOnlySpan<char> Name { get; }

    /// <summary>"co.uk" of login.acme.co.uk.</summary>
    public ReadOnlySpan<char> Suffix { get; }

    /// <summary>"login" of login.acme.co.uk; empty when there is none.</summary>
    public ReadOnlySpan<char> Subdomain { get; }

    /// <summary>Name and suffix: "acme.co.uk".</summary>
    public ReadOnlySpan<char> Registrable => Host[(Host.Length - Name.Length - Suffix.Length - 1)..];
}
