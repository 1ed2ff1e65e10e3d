using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Threats;
using static StreamEngine.Domain.Tests.Threats.ThreatFixtures;

namespace StreamEngine.Domain.Tests.Threats;

public sealed class CoordinatedBurstDetectorTests
{
    private const string Template = "Acme just stole my money and their support refuses to help, never buy from them";

    /// <summary>The edits a campaign makes so its posts are not exact duplicates.</summary>
    private static readonly Func<string, int, string>[] Variations =
    [
        (s, i) => s,
        (s, i) => $"@acme {s} #boycott",
        (s, i) => s.ToUpperInvariant(),
        (s, i) => $"{s} https://t.co/x{i}",
        (s, i) => s.Replace("never", "don't", StringComparison.Ordinal),
        (s, i) => $"{s} 😡😡 {i}",
        (s, i) => s.Replace(",", "!!!", StringComparison.Ordinal),
        (s, i) => s.Replace("my", "our", StringComparison.Ordinal) + " #acme #fail",
    ];

    private static Post Campaign(int i, TimeSpan after, long followers = 3, string? author = null) =>
        Post(Variations[i % Variations.Length](Template, i), handle: author ?? $"user{i}", followers: followers, at: Noon + after, id: $"c{i}");

    private static IEnumerable<string> Tweets() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Sentiment", "Data", "tweets_GroundTruth.txt")).Select(l => l.Split('\t')[2]);

    private static List<ThreatFinding> Feed(CoordinatedBurstDetector detector, IEnumerable<Post> posts) =>
        posts.Select(detector.Observe).OfType<ThreatFinding>().ToList();

    [Fact]
    public void Five_small_accounts_posting_the_same_text_within_the_window_are_a_burst()
    {
        var detector = new CoordinatedBurstDetector("acme");

        var findings = Feed(detector, Enumerable.Range(0, 5).Select(i => Campaign(i, TimeSpan.FromMinutes(i * 2))));

        var finding = Assert.Single(findings);
        Assert.Equal(ThreatKind.Coordination, finding.Kind);
        Assert.Equal("acme", finding.BrandId);
        Assert.Equal("x/c4", finding.PostId);
        Assert.Equal(ThreatSeverity.Medium, finding.Severity);
        Assert.StartsWith("5 authors with at most 100 followers posted near-identical text within 10 min (first post x/c0)", finding.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_post_that_cannot_join_a_burst_still_moves_event_time_on()
    {
        // A large account's post has no print, but it is news of the time all the same: the campaign
        // post dated before it by more than the window is out of reach when it arrives.
        var detector = new CoordinatedBurstDetector("acme");
        Feed(detector, Enumerable.Range(0, 4).Select(i => Campaign(i, TimeSpan.Zero)));
        var large = Campaign(9, TimeSpan.FromMinutes(30), followers: 5_000);
        Assert.Null(CoordinatedBurstDetector.PrintOf(large));

        Assert.Null(detector.Observe(large, null));
        var late = Campaign(4, TimeSpan.FromMinutes(5));
        Assert.Null(detector.Observe(late, CoordinatedBurstDetector.PrintOf(late)));

        var fresh = new CoordinatedBurstDetector("acme");
        Feed(fresh, Enumerable.Range(0, 4).Select(i => Campaign(i, TimeSpan.Zero)));
        Assert.NotNull(fresh.Observe(late, CoordinatedBurstDetector.PrintOf(late)));
    }

    [Fact]
    public void A_growing_burst_is_reported_again_as_high_when_its_authors_double()
    {
        var detector = new CoordinatedBurstDetector("acme");

        var findings = Feed(detector, Enumerable.Range(0, 12).Select(i => Campaign(i, TimeSpan.FromSeconds(i * 30))));

        Assert.Equal([ThreatSeverity.Medium, ThreatSeverity.High], findings.Select(f => f.Severity));
        Assert.Equal(["x/c4", "x/c9"], findings.Select(f => f.PostId));
    }

    [Fact]
    public void The_same_posts_spread_over_more_than_the_window_are_not()
    {
        var detector = new CoordinatedBurstDetector("acme");

        Assert.Empty(Feed(detector, Enumerable.Range(0, 8).Select(i => Campaign(i, TimeSpan.FromMinutes(i * 4)))));
    }

    [Fact]
    public void One_author_repeating_themselves_is_not()
    {
        var detector = new CoordinatedBurstDetector("acme");

        Assert.Empty(Feed(detector, Enumerable.Range(0, 10).Select(i => Campaign(i, TimeSpan.FromSeconds(i), author: "angry_customer"))));
    }

    [Fact]
    public void Large_accounts_are_not_counted()
    {
        var detector = new CoordinatedBurstDetector("acme");

        Assert.Empty(Feed(detector, Enumerable.Range(0, 10).Select(i => Campaign(i, TimeSpan.FromSeconds(i), followers: 5_000))));
    }

    [Fact]
    public void Short_texts_and_retweets_are_not_compared()
    {
        var detector = new CoordinatedBurstDetector("acme");

        Assert.Empty(Feed(detector, Enumerable.Range(0, 10).Select(i => Post("acme sucks so bad", handle: $"u{i}", at: Noon, id: $"s{i}"))));
        Assert.Empty(Feed(detector, Enumerable.Range(0, 10).Select(i => Post("RT @acme: " + Template, handle: $"r{i}", at: Noon, id: $"r{i}"))));
    }

    [Fact]
    public void Different_texts_from_many_small_accounts_are_not()
    {
        // VADER's human-rated tweets stand in for organic traffic: 600 authors, 600 texts, 5 minutes.
        var tweets = Tweets()
            .Take(600)
            .Select((t, i) => Post(t + " acme", handle: $"t{i}", at: Noon + TimeSpan.FromMilliseconds(i * 500), id: $"t{i}"));
        var detector = new CoordinatedBurstDetector("acme");

        Assert.Empty(Feed(detector, tweets));
    }

    [Fact]
    public void A_post_older_than_the_window_when_it_arrives_is_ignored()
    {
        var detector = new CoordinatedBurstDetector("acme");
        Feed(detector, Enumerable.Range(0, 4).Select(i => Campaign(i, TimeSpan.FromMinutes(30))));

        Assert.Null(detector.Observe(Campaign(4, TimeSpan.FromMinutes(5))));
        Assert.NotNull(detector.Observe(Campaign(5, TimeSpan.FromMinutes(31))));
    }

    [Fact]
    public void Findings_depend_only_on_the_posts_never_on_a_clock()
    {
        var organic = Tweets().Take(40).ToArray();
        var posts = Enumerable.Range(0, 40)
            .Select(i => i % 3 == 0
                ? Campaign(i, TimeSpan.FromSeconds(i * 20))
                : Post(organic[i] + " acme", handle: $"o{i}", at: Noon + TimeSpan.FromSeconds(i * 20), id: $"o{i}"))
            .ToList();

        var first = Feed(new CoordinatedBurstDetector("acme"), posts);
        var second = Feed(new CoordinatedBurstDetector("acme"), posts);

        Assert.NotEmpty(first);
        Assert.All(first, f => Assert.StartsWith("x/c", f.PostId, StringComparison.Ordinal));
        Assert.Equal(first, second);
    }

    [Fact]
    public void Memory_stays_bounded_and_a_burst_amid_noise_is_still_found()
    {
        var settings = CoordinationSettings.Default with { MaxClusters = 64 };
        var detector = new CoordinatedBurstDetector("acme", settings);
        var findings = new List<ThreatFinding>();
        var random = new Random(7);
        var second = 0;
        for (var i = 0; i < 5; i++)
        {
            // Forty unrelated posts between each campaign post: the campaign's cluster, once it has
            // two authors, outlives the singletons around it.
            for (var n = 0; n < 40; n++)
            {
                var words = string.Join(' ', Enumerable.Range(0, 8).Select(_ => "w" + random.Next(100_000).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                findings.AddRange(Feed(detector, [Post(words, handle: $"n{i}-{n}", at: Noon + TimeSpan.FromSeconds(second++), id: $"n{i}-{n}")]));
                Assert.True(detector.TrackedTexts <= settings.MaxClusters);
            }

            findings.AddRange(Feed(detector, [Campaign(i, TimeSpan.FromSeconds(second++))]));
        }

        var finding = Assert.Single(findings);
        Assert.Equal("x/c4", finding.PostId);
    }

    [Fact]
    public void Settings_are_checked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CoordinatedBurstDetector("acme", CoordinationSettings.Default with { MinAuthors = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CoordinatedBurstDetector("acme", CoordinationSettings.Default with { Window = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CoordinatedBurstDetector("acme", CoordinationSettings.Default with { MinSimilarity = 0 }));
    }
}
