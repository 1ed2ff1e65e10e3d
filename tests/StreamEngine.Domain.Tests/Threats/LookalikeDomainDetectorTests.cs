using System.Globalization;
using StreamEngine.Domain.Threats;
using static StreamEngine.Domain.Tests.Threats.ThreatFixtures;

namespace StreamEngine.Domain.Tests.Threats;

public sealed class LookalikeDomainDetectorTests
{
    private static readonly LookalikeDomainDetector Detector = new(Brands);

    /// <summary>"аcme.com" with a Cyrillic а, as a link carries it.</summary>
    private static readonly string Punycode = new IdnMapping().GetAscii("аcme.com");

    /// <summary>Post text and the brand whose domain it imitates.</summary>
    public static TheoryData<string, string> Lookalikes => new()
    {
        { "Claim your refund at acme-refund.com today", "acme" },
        { "https://acme-login.com/verify", "acme" },
        { "ACME-LOGIN.COM", "acme" },
        { "our new site is acme.net", "acme" },
        { "https://acme.com.evil.io/login", "acme" },
        { "https://acme.com@evil.io/", "acme" },
        { "acme.com-verify.info", "acme" },
        { "https://acme.co.uk.account-verify.com", "acme" },
        { "www.acrne.com", "acme" },
        { "go to https://" + Punycode + "/account", "acme" },
        { "https://аcme.com", "acme" },                 // Cyrillic а as written
        { "acmе.com/help", "acme" },                    // Cyrillic е
        { "acme-support.co.uk", "acme" },
        { "http://secure-acme.com", "acme" },
        { "acme1.com", "acme" },
        { "https://myacme-account.com", "acme" },
        { "https://www.acme-secure.co", "acme" },
        { "write to refunds@acme-refunds.com now", "acme" },
        { "https://acme-login.evil.io", "acme" },
        { "acme-login。com", "acme" },                  // ideographic full stop
        { "(see acme.shop)", "acme" },
        { "hxxps://acme-login.com/x", "acme" },        // a defanged scheme is still a scheme
        { "gl0bex.io", "globex" },
        { "globex-support.io", "globex" },
        { "globexx.io", "globex" },
        { "globex.co", "globex" },
        { "https://globex.io@phish.example/x", "globex" },
        { "http://globex.io.account-update.com", "globex" },
        { "lnitech.com", "initech" },
        { "initech-pay.com", "initech" },
        { "initeck.com", "initech" },
        { "initech.org", "initech" },
        { "initech.com.secure-login.net", "initech" },
        { "northwindtraders-shop.com", "northwind" },
        { "northwlndtraders.com", "northwind" },
        { "northwind-traders.com", "northwind" },
        { "northwindtraders.com.login.example.net", "northwind" },
    };

    /// <summary>Official domains and their subdomains, unrelated sites, and text that only looks like a domain.</summary>
    public static TheoryData<string> Legitimate => new()
    {
        "acme.com",
        "ACME.COM",
        "https://www.acme.com/deals?x=1",
        "shop.acme.com",
        "https://help.acme.co.uk/x",
        "mail jane@acme.com please",
        "http://acme.com:8080/",
        "globex.io",
        "https://careers.globex.io",
        "initech.com/tps",
        "northwindtraders.com",
        "google.com",
        "https://github.com/acme/widgets",
        "twitter.com/acme",
        "https://www.reddit.com/r/acme",
        "youtube.com/watch?v=acme",
        "https://en.wikipedia.org/wiki/Acme_Corporation",
        "example.org",
        "acne.org",
        "academy.edu",
        "https://news.ycombinator.com",
        "bbc.co.uk",
        "amazon.co.uk",
        "acmestudios.net",
        "initiative.org",
        "northwest.com",
        "windnorth.io",
        "support@zendesk.com",
        "pizza.com",
        "I love Acme. Great stuff, e.g. the 3.5 inch drive; see file.txt and node.js",
        "Acme.Globex.Initech are all brands in the demo",
        "no links here at all",
    };

    [Theory]
    [MemberData(nameof(Lookalikes))]
    public void Catches_a_lookalike_domain(string text, string brand)
    {
        var finding = Assert.Single(Detector.Detect(Post(text)));

        Assert.Equal(brand, finding.BrandId);
        Assert.Equal(ThreatKind.Phishing, finding.Kind);
    }

    [Theory]
    [MemberData(nameof(Legitimate))]
    public void Passes_a_legitimate_domain(string text)
    {
        Assert.Empty(Detector.Detect(Post(text)));
    }

    [Fact]
    public void The_lists_are_long_enough()
    {
        Assert.True(Lookalikes.Count >= 30);
        Assert.True(Legitimate.Count >= 30);
    }

    [Theory]
    [InlineData("acme-login.com", "acme-login.com: acme.com + 'login'", ThreatSeverity.High)]
    [InlineData("acme.net", "acme.net: acme.com under another ending (.net)", ThreatSeverity.Medium)]
    [InlineData("https://acme.com.evil.io/x", "acme.com.evil.io: acme.com put in front of evil.io", ThreatSeverity.High)]
    [InlineData("https://acme.com@evil.io/", "acme.com@evil.io: acme.com put before '@', the link goes to what follows", ThreatSeverity.High)]
    [InlineData("globexx.io", "globexx.io: 1 edit from globex.io", ThreatSeverity.Medium)]
    [InlineData("acme-login.evil.io", "acme-login.evil.io: acme.com + 'login' as a subdomain of evil.io", ThreatSeverity.Medium)]
    [InlineData("acme.zendesk.com", "acme.zendesk.com: copy of acme.com as a subdomain of zendesk.com", ThreatSeverity.Low)]
    [InlineData("northwind-traders.com", "northwind-traders.com: northwindtraders.com with separators added", ThreatSeverity.Medium)]
    public void Says_why(string text, string evidence, ThreatSeverity severity)
    {
        var finding = Assert.Single(Detector.Detect(Post(text)));

        Assert.Equal(evidence, finding.Evidence);
        Assert.Equal(severity, finding.Severity);
    }

    [Theory]
    [InlineData("login at https://acme\u00AD-login.com now")]
    [InlineData("login at https://ac\u200Bme-login.com now")]
    [InlineData("login at https://acme-lo\u200Dgin.com now")]
    [InlineData("login at https://acme-login.com\u200B")]
    [InlineData("login at https://acme-login.com\u2060/")]
    [InlineData("login at https://acme-login.c\uFEFFom/x")]
    public void Characters_a_browser_drops_from_a_host_hide_nothing(string text)
    {
        // Also past the 63 characters a label may hold, counted with them.
        var padded = Assert.Single(Detector.Detect(Post("login at https://acme" + new string('\u200B', 60) + "-login.com now")));
        Assert.Equal("acme-login.com (written with 60 invisible characters): acme.com + 'login'", padded.Evidence);

        // Each of these links goes to acme-login.com, and none was reported.
        var finding = Assert.Single(Detector.Detect(Post(text)));

        Assert.Equal("acme-login.com (written with 1 invisible character): acme.com + 'login'", finding.Evidence);
        Assert.Equal(ThreatSeverity.High, finding.Severity);
    }

    [Fact]
    public void Punycode_is_decoded_before_comparing()
    {
        var finding = Assert.Single(Detector.Detect(Post("https://" + Punycode + "/")));

        Assert.Equal($"{Punycode} (аcme.com): homoglyph of acme.com", finding.Evidence);
        Assert.Equal(ThreatSeverity.High, finding.Severity);
    }

    [Fact]
    public void One_finding_per_brand_the_most_severe()
    {
        var finding = Assert.Single(Detector.Detect(Post("acme.net or acme-login.com or acme1.com")));

        Assert.Equal(ThreatSeverity.High, finding.Severity);
        Assert.StartsWith("acme-login.com", finding.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_brands_in_one_post()
    {
        var findings = Detector.Detect(Post("acme-login.com and gl0bex.io"));

        Assert.Equal(["acme", "globex"], findings.Select(f => f.BrandId).Order());
    }

    [Fact]
    public void A_brand_without_domains_is_skipped()
    {
        var detector = new LookalikeDomainDetector([BrandIdentity.NameOnly("acme", "Acme")]);

        Assert.Empty(detector.Detect(Post("acme-login.com")));
    }
}
