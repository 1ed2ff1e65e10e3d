using StreamEngine.Domain.Threats;
using static StreamEngine.Domain.Tests.Threats.ThreatFixtures;

namespace StreamEngine.Domain.Tests.Threats;

public sealed class DoxxingDetectorTests
{
    private static readonly DoxxingDetector Detector = new(Brands);

    public static TheoryData<string, string> Doxxing => new()
    {
        { "Jane Doe's cell is +1 (555) 123-4567, call her and tell her what you think", "acme" },
        { "call jane doe at 555-123-4567", "acme" },
        { "JANE DOE personal number 07700 900123", "acme" },
        { "Jane Doe lives at 42 Elm Street, Springfield. Pay her a visit", "acme" },
        { "here's where Ravi Kumar lives: 1600 Pennsylvania Avenue", "acme" },
        { "ravi kumar home address is on file, 221b Baker St", "acme" },
        { "email Ravi Kumar directly at ravi.k.1980@gmail.com and let him have it", "acme" },
        { "Hank Scorpio lives at the big house on the hill", "globex" },
        { "Bill Lumbergh 555-1234", "initech" },
        { "+44 7700 900123 is Bill Lumbergh's number", "initech" },
        { "Jane Doe lives at 42 elm street", "acme" },                      // a residence cue, whatever the case
        { "jane doe at 42 elm street, everyone go", "acme" },               // a post with no capitals at all
        { "Jane Doe: 5 W 42nd St", "acme" },
        { "Jane Doe 2026-11-29 +1 555 123 4567", "acme" },                 // a date, then a phone
        { "Jane Doe: 12 rue de Rivoli, Paris", "acme" },                   // the street word first
        { "Jane Doe: 42 elm street", "acme" },                             // a street word that is no everyday word
        { "Jane Doe 0475.12.34.56", "acme" },                              // a Belgian mobile, not a date
        { "Jane Doe call 555-123-4567 10:30 tomorrow", "acme" },           // a phone, then a time
    };

    public static TheoryData<string> NotDoxxing => new()
    {
        "Jane Doe announced record results today",
        "call Acme support at 1-800-555-0199",                       // a number, but no executive named
        "Jane Doe spoke at the conference. Much later, in a different thread entirely, someone posted 555-123-4567 as the helpline for the event venue",
        "Jane Doe was born in 1975 and joined in 2019",                // years are not phone numbers
        "Jane Doe took 3 steps forward",
        "Jane Doe's server is at 192.168.100.200",                     // an IP address
        "Ravi Kumar's order #1234567890 shipped",
        "Ravi Kumar paid $1500000000 for it",
        "Jane Smith lives at 42 Elm Street",                          // not an executive
        "Doe lives at 42 Elm Street",                                 // a surname alone is not matched
        "jane@",                                                      // not an address
        "Jane Doe at the acme event 2026-11-29 10:30",                // a date and a time
        "Jane Doe at the acme event 29.11.2026 10:30",
        "Jane Doe says 3 new products will drive growth",             // a street word, but no street's name
        "Ravi Kumar said 10 teams will court new clients",
        "Jane Doe met 3 analysts in the row behind",
        "Jane Doe said in 2023 that 15 stores would close",
    };

    [Theory]
    [MemberData(nameof(Doxxing))]
    public void Catches_contact_details_next_to_an_executive(string text, string brand)
    {
        var finding = Assert.Single(Detector.Detect(Post(text)));

        Assert.Equal(brand, finding.BrandId);
        Assert.Equal(ThreatKind.Doxxing, finding.Kind);
        Assert.Equal(ThreatSeverity.High, finding.Severity);
    }

    [Theory]
    [MemberData(nameof(NotDoxxing))]
    public void Passes_posts_without_doxxing(string text)
    {
        Assert.Empty(Detector.Detect(Post(text)));
    }

    [Fact]
    public void Evidence_names_the_kind_of_detail_but_not_the_detail()
    {
        var finding = Assert.Single(Detector.Detect(Post("call jane doe at 555-123-4567")));

        Assert.Equal("a phone number 1 word from executive Jane Doe", finding.Evidence);
        Assert.DoesNotContain("4567", finding.Evidence, StringComparison.Ordinal);
        Assert.Equal("where they live right beside executive Jane Doe", Assert.Single(Detector.Detect(Post("Jane Doe lives at 221b Baker Street"))).Evidence);
    }

    [Fact]
    public void A_work_address_at_the_brands_own_domain_is_low()
    {
        var finding = Assert.Single(Detector.Detect(Post("Jane Doe, jane.doe@acme.com, please answer my complaint")));

        Assert.Equal(ThreatSeverity.Low, finding.Severity);
        Assert.StartsWith("a work e-mail address", finding.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void The_most_severe_detail_wins()
    {
        var finding = Assert.Single(Detector.Detect(Post("Jane Doe: jane.doe@acme.com, home 555-123-4567")));

        Assert.Equal(ThreatSeverity.High, finding.Severity);
        Assert.StartsWith("a phone number", finding.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Brands_without_executives_raise_nothing()
    {
        var detector = new DoxxingDetector([BrandIdentity.NameOnly("acme", "Acme")]);

        Assert.Empty(detector.Detect(Post("Jane Doe lives at 42 Elm Street")));
    }
}
