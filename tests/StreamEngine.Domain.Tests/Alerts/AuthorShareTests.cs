using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Alerts;
using StreamEngine.Domain.Influence;

namespace StreamEngine.Domain.Tests.Alerts;

/// <summary>An author's share of what an alert measures, where the brand's own mentions barely moved.</summary>
public sealed class AuthorShareTests
{
    private const long Start = 29_000_000;
    private static readonly AlertSettings Settings = new(Threshold: 4, MinimumMentions: 20, CoolDownMinutes: 30, WarmUpMinutes: 30, Smoothing: 0.05, GraceMinutes: 1);

    [Fact]
    public void A_share_of_voice_leap_does_not_make_every_passing_author_all_of_it()
    {
        var aggregate = new BrandAggregate();
        var detector = new SpikeDetector("acme", Settings);
        var alerts = new List<Alert>();
        var random = new Random(11);
        for (var m = 0; m < 100; m++)
        {
            // 20 new authors a minute, 3 mentions each: the brand's 60 a minute; competitors 180, silent at minute 80.
            var mentions = m == 80 ? 62 : 60;
            var authors = Enumerable.Range(0, 20).Select(i => new AuthorContribution($"x/@p{m}-{i}", new AuthorTally(i == 0 && m == 80 ? 5 : 3, 10, 1, 1, 0))).ToList();
            var sentiment = new SentimentTally(mentions - 5, 0, 5, 0, 0);
            var minute = new MinuteDelta(Start + m, mentions, mentions * 100, mentions,
                [new SegmentCount(SegmentDimension.Country, "US", mentions)], [], sentiment)
            { Authors = authors, CompetitorMentions = m == 80 ? 2 : 180 + random.Next(-13, 14) };
            aggregate.Apply(new BrandDelta([minute]));
            alerts.AddRange(detector.Advance(aggregate.NewestMinute!.Value, aggregate));
        }

        var voice = Assert.Single(alerts, a => a.Metric == AlertMetric.ShareOfVoice);
        var authorsShown = voice.Drivers.Where(d => d.Dimension == "author").ToList();
        Assert.NotEmpty(authorsShown);
        // Each author made 3 (one 5) of the minute's 62 mentions.
        Assert.All(authorsShown, a => Assert.InRange(a.Share, 0, 0.5));
    }
}
