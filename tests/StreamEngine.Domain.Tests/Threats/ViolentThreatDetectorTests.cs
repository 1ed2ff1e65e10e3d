using StreamEngine.Domain.Threats;
using static StreamEngine.Domain.Tests.Threats.ThreatFixtures;

namespace StreamEngine.Domain.Tests.Threats;

public sealed class ViolentThreatDetectorTests
{
    private static readonly ViolentThreatDetector Detector = new(Brands);

    /// <summary>Post text, the brand threatened and whether it is a threat (true) or a call to attack.</summary>
    public static TheoryData<string, string, bool> Threats => new()
    {
        { "I will kill Jane Doe if this isn't fixed", "acme", true },
        { "i'm going to murder the acme ceo", "acme", true },
        { "Imma burn down the Acme store on 5th", "acme", true },
        { "someone should burn Acme down", "acme", true },
        { "gonna shoot up the acme office tomorrow", "acme", true },
        { "There's a bomb in the Globex lobby", "globex", true },
        { "there is a bomb in the acme store", "acme", true },
        { "This is a bomb threat against Acme HQ", "acme", true },
        { "that is a bomb in the acme lobby", "acme", true },
        { "i will blow up acme phone store tomorrow", "acme", true },
        { "acme, I will set our office on fire", "acme", true },
        { "acme, I will set your hq on fire", "acme", true },
        { "we're going to blow up initech", "initech", true },
        { "Bill Lumbergh should be shot", "initech", true },
        { "death to Globex", "globex", true },
        { "I know where Hank Scorpio lives", "globex", true },
        { "Acme ruined my life. I'll hurt everyone in that store", "acme", true },
        { "you're going to pay for this @acme", "acme", true },
        { "let's raid acme's discord tonight at 9", "acme", false },
        { "everyone go ddos northwind traders, they deserve it", "northwind", false },
        { "Let's swarm @globex's replies", "globex", false },
        { "time to dox Ravi Kumar", "acme", false },
        { "flood Initech with fake orders", "initech", false },
        { "mass report the acme page", "acme", false },
        { "Burn the Acme store down", "acme", true },
        { "set the acme store on fire", "acme", true },
        { "set the acme store on fire with gasoline", "acme", true },
        { "Acme, I'll shoot you. Text me where you are", "acme", true },
        { "I'm going to shoot you, call the cops Acme", "acme", true },
        { "acme there is bomb in your store", "acme", true },
        { "bomb the acme store", "acme", true },
    };

    public static TheoryData<string> NotThreats => new()
    {
        "this Acme deal is killer",
        "Acme's new fries are the bomb dot com",
        "acme's new phone is a bomb, best buy this year",
        "this acme sale is a bomb deal",
        "the acme battery caught fire, set my couch on fire!",
        "blow up acme's phone lines until they answer",
        "the acme bath bombs smell amazing",
        "I would kill for an Acme burger right now",
        "Acme absolutely killed it at the show",
        "this acme price will kill me",
        "Acme's burn down chart is a mess",
        "let's raid tonight with my Acme headset, raid boss at 9",
        "Globex stock is going to shoot up",
        "I'm going to shoot the acme launch video tomorrow",
        "I will kill Bill",                                     // no brand or executive near
        "I will kill it at the interview tomorrow. Acme here I come",
        "they bombed the exam, not acme's fault",
        "Initech is dead to me",
        "Acme is gonna kill my battery with this update",
        "Globex will beat you to it",
        "Sorry to hear that! We'll shoot you a DM to sort this out, Acme Support",
        "@acme I'll shoot you an email with the order details",
        "Acme support: I'll shoot you a DM with the tracking number",
        "Acme new phone is bomb",
        "the acme burger looks bomb",
        "Acme's bomb new headphones just dropped",
        "acme has bomb sneakers this season",
    };

    [Theory]
    [MemberData(nameof(Threats))]
    public void Catches_a_threat_near_a_brand(string text, string brand, bool threat)
    {
        var finding = Assert.Single(Detector.Detect(Post(text)));

        Assert.Equal(brand, finding.BrandId);
        Assert.Equal(ThreatKind.Violence, finding.Kind);
        Assert.Equal(threat ? ThreatSeverity.High : ThreatSeverity.Medium, finding.Severity);
    }

    [Theory]
    [MemberData(nameof(NotThreats))]
    public void Passes_figures_of_speech(string text)
    {
        Assert.Empty(Detector.Detect(Post(text)));
    }

    [Fact]
    public void A_known_false_positive_a_figurative_call()
    {
        // Rules cannot tell a backlog from a target: docs/threats.md lists this among the limits.
        var finding = Assert.Single(Detector.Detect(Post("we should attack the backlog before acme ships")));

        Assert.Equal(ThreatSeverity.Medium, finding.Severity);
    }

    [Fact]
    public void A_threat_far_from_any_brand_is_not_reported()
    {
        // "I will kill" ends at word 3; "them" and n fillers follow, so Acme is n + 1 words away.
        static string Filler(int n) => string.Join(' ', Enumerable.Repeat("and", n));

        Assert.Empty(Detector.Detect(Post($"I will kill them {Filler(ViolentThreatDetector.Window)} Acme")));
        Assert.Single(Detector.Detect(Post($"I will kill them {Filler(ViolentThreatDetector.Window - 1)} Acme")));
    }

    [Fact]
    public void Evidence_quotes_the_threat_and_what_it_is_near()
    {
        var finding = Assert.Single(Detector.Detect(Post("I will kill Jane Doe if this isn't fixed")));

        Assert.Equal("threat 'I will kill' near executive Jane Doe", finding.Evidence);
    }

    [Fact]
    public void A_brand_named_like_a_threat_word_is_not_threatened_by_its_own_name()
    {
        var detector = new ViolentThreatDetector([new BrandIdentity("bomb", "Bomb", [new OfficialHandle("bombshop")], [], ["bomb.com"], [])]);

        Assert.Empty(detector.Detect(Post("Bomb's new sneakers look great")));
        Assert.Empty(detector.Detect(Post("Bomb just dropped a new sneaker line")));
        Assert.Single(detector.Detect(Post("there is a bomb in the Bomb store")));
        Assert.Single(detector.Detect(Post("I will kill the Bomb ceo")));

        // Named twice, or beside another brand: each mention of the name is a name, not a threat to the other.
        var beside = new ViolentThreatDetector([
            new BrandIdentity("bomb", "Bomb", [new OfficialHandle("bombshop")], [], ["bomb.com"], []),
            new BrandIdentity("acme", "Acme", [new OfficialHandle("acme")], [], ["acme.com"], []),
        ]);
        Assert.Empty(beside.Detect(Post("Bomb top!! #bomb")));
        Assert.Empty(beside.Detect(Post("Just bought the new Bomb bath set, Bomb never disappoints")));
        Assert.Empty(beside.Detect(Post("bomb.com has a sale, check bomb.com")));
        Assert.Empty(beside.Detect(Post("Acme vs Bomb: which phone should I get?")));
        Assert.Single(beside.Detect(Post("there is a bomb in the acme store")));

        // Shouted, not named.
        Assert.Single(beside.Detect(Post("THERE IS A BOMB IN THE ACME STORE")));
        Assert.Single(beside.Detect(Post("THERE IS A BOMB IN THE BOMB STORE")));

        // Inside a longer match the threat word is still the threat, not its target: Bomb was
        // threatened whenever anyone meant to bomb anything.
        Assert.Empty(beside.Detect(Post("we are going to bomb their office tonight")));
        Assert.Equal(["acme"], beside.Detect(Post("I will bomb the acme store")).Select(f => f.BrandId));
        Assert.Equal(["acme"], beside.Detect(Post("everyone review bomb acme")).Select(f => f.BrandId));
        Assert.Equal(["bomb"], beside.Detect(Post("I will bomb the Bomb store")).Select(f => f.BrandId));
    }

    [Fact]
    public void A_brand_is_named_by_its_domain_name_but_not_by_www()
    {
        var detector = new ViolentThreatDetector([new BrandIdentity("acme", "Acme Corporation", [], [], ["www.acmecorp.co.uk"], [])]);

        Assert.Single(detector.Detect(Post("death to acmecorp")));
        Assert.Empty(detector.Detect(Post("death to www")));
    }

    [Fact]
    public void The_shipped_list_loads()
    {
        Assert.True(ThreatPatterns.Load().Count >= 20);
    }

    [Theory]
    [InlineData("kill")]                              // before any section
    [InlineData("[threat]\n(i) will kill")]           // optional first slot
    [InlineData("[threat]\ni will make-believe")]     // two words in one slot
    [InlineData("[menace]\ni will kill")]
    public void A_bad_list_is_refused(string list)
    {
        Assert.Throws<FormatException>(() => ThreatPatterns.Parse(new StringReader(list)));
    }

    [Fact]
    public void A_custom_list_replaces_the_shipped_one()
    {
        var patterns = ThreatPatterns.Parse(new StringReader("[call]\nboycott {brand}\n"));
        var detector = new ViolentThreatDetector(Brands, patterns);

        var finding = Assert.Single(detector.Detect(Post("boycott Globex now")));
        Assert.Equal("call to attack 'boycott Globex' near Globex", finding.Evidence);
        Assert.Empty(detector.Detect(Post("I will kill Jane Doe")));
    }
}
