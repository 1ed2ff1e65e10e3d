using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Threats;
using static StreamEngine.Domain.Tests.Threats.ThreatFixtures;

namespace StreamEngine.Domain.Tests.Threats;

public sealed class ImpersonationDetectorTests
{
    private static readonly ImpersonationDetector Detector = new(Brands);

    /// <summary>Handle, display name, network, and the brand each imitates.</summary>
    public static TheoryData<string?, string?, Network, string> Lookalikes => new()
    {
        { "acme_support", null, Network.X, "acme" },
        { "acrne", null, Network.X, "acme" },
        { "αcme", null, Network.X, "acme" },          // Greek alpha
        { "аcme", null, Network.X, "acme" },          // Cyrillic a
        { "acmе_help", null, Network.X, "acme" },     // Cyrillic e, plus a word
        { "acme1", null, Network.X, "acme" },
        { "acme2024", null, Network.X, "acme" },
        { "acmeofficial", null, Network.X, "acme" },
        { "acme_0fficial", null, Network.X, "acme" },
        { "4cme", null, Network.X, "acme" },
        { "ACME-help", null, Network.X, "acme" },
        { "realacme", null, Network.X, "acme" },
        { "the_acme_team", null, Network.X, "acme" },
        { "acme.care", null, Network.X, "acme" },
        { "acmecustomerservice", null, Network.X, "acme" },
        { "acme_hq", null, Network.X, "acme" },
        { "ａｃｍｅ", null, Network.X, "acme" },          // full-width
        { "ácme", null, Network.X, "acme" },
        { "a_c_m_e", null, Network.X, "acme" },
        { "@@acme", null, Network.X, "acme" },        // one leading @ is the sign, a second is not: not the official acme
        { "amce", null, Network.X, "acme" },          // two neighbours swapped
        { "acme_support_1", null, Network.X, "acme" },
        { "acme_uk", null, Network.Instagram, "acme" }, // official on X only
        { "jsmith", "Acme Customer Care", Network.X, "acme" },
        { "deals4u", "ACME", Network.X, "acme" },
        { "promo_bot", "𝐀𝐜𝐦𝐞 𝐒𝐮𝐩𝐩𝐨𝐫𝐭", Network.X, "acme" }, // mathematical bold
        { "globex_support", null, Network.X, "globex" },
        { "gl0bex", null, Network.X, "globex" },
        { "glob3x", null, Network.X, "globex" },
        { "gIobex", null, Network.X, "globex" },       // capital I for l
        { "globexx", null, Network.X, "globex" },
        { "globexhelp", null, Network.Facebook, "globex" },
        { "lnitech", null, Network.X, "initech" },
        { "1nitech", null, Network.X, "initech" },
        { "ınitech", null, Network.X, "initech" },     // Turkish dotless i
        { "initech_care", null, Network.X, "initech" },
        { "initeck", null, Network.X, "initech" },
        { "initechhelp", null, Network.X, "initech" }, // the official initech_help, underscore dropped
        { "northwindtrader", null, Network.X, "northwind" },
        { "nortwindtradres", null, Network.X, "northwind" }, // a deletion and a swap
        { "northvvindtraders", null, Network.X, "northwind" },
        { "nw_news", "Northwind Support", Network.X, "northwind" },
    };

    /// <summary>Official handles, unrelated users and fans; none imitates a brand.</summary>
    public static TheoryData<string?, string?, Network> Legitimate => new()
    {
        { "acme", "Acme", Network.X },
        { "ACME", "Acme", Network.Instagram },
        { "@acme", null, Network.X },
        { "AcmeSupport", "Acme Support", Network.X },
        { "acmesupport", null, Network.Facebook },
        { "acme_uk", "Acme UK", Network.X },
        { "globex", "Globex Corporation", Network.X },
        { "initech", "Initech", Network.X },
        { "initech_help", "Initech Help", Network.X },
        { "northwindtraders", "Northwind", Network.X },
        { "john_smith", "John Smith", Network.X },
        { "pizzalover", "Pizza Lover", Network.X },
        { "ilove_pizza", null, Network.X },
        { "camera_guy", "Cam", Network.X },
        { "acne", null, Network.X },          // one letter from acme, but four letters allow no substitution
        { "acre", null, Network.X },
        { "academy", "The Academy", Network.X },
        { "macmen", null, Network.X },
        { "lacrosse_team", null, Network.X },
        { "i_love_acme", "Acme fan", Network.X },
        { "acme_sucks", null, Network.X },
        { "acmefan", "Acme Fan Club", Network.X },
        { "notacme", null, Network.X },
        { "global_news", "Global News", Network.X },
        { "customer_care_uk", null, Network.X },
        { "help_desk_hero", null, Network.X },
        { "realmadrid", "Real Madrid", Network.X },
        { "the_rock", null, Network.X },
        { "initiative", null, Network.X },
        { "northwest_trader", null, Network.X },
        { "windnorth", null, Network.X },
        { "maria_gomez", "María Gómez", Network.X },
        { "support_ninja", null, Network.X },
        { "tech_guru99", null, Network.X },
        { null, null, Network.X },
        { "", "", Network.X },
    };

    [Theory]
    [MemberData(nameof(Lookalikes))]
    public void Catches_a_lookalike(string? handle, string? name, Network network, string brand)
    {
        var findings = Detector.Detect(Post(handle: handle, name: name, network: network));

        var finding = Assert.Single(findings);
        Assert.Equal(brand, finding.BrandId);
        Assert.Equal(ThreatKind.Impersonation, finding.Kind);
        Assert.Equal($"{network.ToName()}/p1", finding.PostId);
        Assert.False(string.IsNullOrWhiteSpace(finding.Evidence));
    }

    [Theory]
    [MemberData(nameof(Legitimate))]
    public void Passes_a_legitimate_author(string? handle, string? name, Network network)
    {
        Assert.Empty(Detector.Detect(Post(handle: handle, name: name, network: network)));
    }

    [Fact]
    public void The_lists_are_long_enough()
    {
        Assert.True(Lookalikes.Count >= 30);
        Assert.True(Legitimate.Count >= 30);
    }

    [Theory]
    [InlineData("αcme", "@αcme: homoglyph of @acme", ThreatSeverity.High)]
    [InlineData("acme_support", "@acme_support: copy of @AcmeSupport", ThreatSeverity.Medium)]
    [InlineData("acme_help", "@acme_help: @acme + 'help'", ThreatSeverity.High)]
    [InlineData("realacme", "@realacme: 'real' + @acme", ThreatSeverity.High)]
    [InlineData("acme1", "@acme1: @acme + digits '1'", ThreatSeverity.Medium)]
    [InlineData("globexx", "@globexx: 1 edit from @globex", ThreatSeverity.Medium)]
    [InlineData("acrne_care", "@acrne_care: homoglyph of @acme + 'care'", ThreatSeverity.High)]
    public void Says_why(string handle, string evidence, ThreatSeverity severity)
    {
        var finding = Assert.Single(Detector.Detect(Post(handle: handle)));

        Assert.Equal(evidence, finding.Evidence);
        Assert.Equal(severity, finding.Severity);
        Assert.EndsWith("/@" + handle, finding.Author, StringComparison.Ordinal);
    }

    [Fact]
    public void Says_which_words_were_added_to_a_display_name()
    {
        var finding = Assert.Single(Detector.Detect(Post(handle: "jsmith", name: "Acme Customer Care")));

        Assert.Equal("name 'Acme Customer Care': @acme + 'Customer Care'", finding.Evidence);
        Assert.Equal(ThreatSeverity.High, finding.Severity);
    }

    [Fact]
    public void An_official_handle_on_an_unlisted_network_is_low()
    {
        var finding = Assert.Single(Detector.Detect(Post(handle: "acme_uk", network: Network.TikTok)));

        Assert.Equal(ThreatSeverity.Low, finding.Severity);
        Assert.Equal("@acme_uk is official on x, not on tiktok", finding.Evidence);
    }

    [Fact]
    public void A_verified_author_is_lower_risk()
    {
        // Typos and copies are not reported for a verified author; deliberate tricks are, one step lower.
        Assert.Empty(Detector.Detect(Post(handle: "globexx", verified: true)));
        Assert.Empty(Detector.Detect(Post(handle: "deals4u", name: "Acme", verified: true)));
        var homoglyph = Assert.Single(Detector.Detect(Post(handle: "αcme", verified: true)));
        Assert.Equal(ThreatSeverity.Medium, homoglyph.Severity);
        var support = Assert.Single(Detector.Detect(Post(handle: "acme_help", verified: true)));
        Assert.Equal(ThreatSeverity.Medium, support.Severity);
    }

    [Fact]
    public void Each_brand_imitated_is_reported()
    {
        var detector = new ImpersonationDetector(
        [
            BrandIdentity.NameOnly("acme", "Acme"),
            BrandIdentity.NameOnly("acme-labs", "Acme Labs"),
        ]);

        var findings = detector.Detect(Post(handle: "acmelabs_support"));

        Assert.Equal(["acme-labs"], findings.Select(f => f.BrandId));
    }

    [Fact]
    public void A_name_match_is_dropped_when_the_handle_already_imitates_the_brand()
    {
        var finding = Assert.Single(Detector.Detect(Post(handle: "acme_help", name: "Acme Help")));

        Assert.StartsWith("@acme_help", finding.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Custom_affixes_replace_the_defaults()
    {
        var detector = new ImpersonationDetector(Brands, ["giveaways"]);

        Assert.Single(detector.Detect(Post(handle: "acme_giveaways")));
        Assert.Empty(detector.Detect(Post(handle: "acme_support_desk")));
    }
}
