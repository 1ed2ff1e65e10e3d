using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Alerts;
using StreamEngine.Domain.Influence;

namespace StreamEngine.Domain.Tests.Alerts;

/// <summary>
/// The detector on synthetic minute series: a seeded noisy but flat series, the same with a
/// planted burst, a silence. Minutes are built directly as deltas so that every count is known.
/// </summary>
public sealed class SpikeDetectorTests
{
    private const long Start = 29_000_000; // minutes since the epoch, in 2025
    private static readonly AlertSettings Settings = new(Threshold: 4, MinimumMentions: 20, CoolDownMinutes: 30, WarmUpMinutes: 30, Smoothing: 0.05, GraceMinutes: 1);

    [Fact]
    public void A_flat_noisy_series_never_fires()
    {
        var (aggregate, detector) = Watch();
        var random = new Random(5);
        for (var m = 0; m < 6 * 60; m++)
        {
            aggregate.Apply(Minute(Start + m, Noisy(random, 60), concepts: [("price", 10)], countries: [("US", 30), ("FR", 30)], negative: Noisy(random, 10)));
        }

        var alerts = detector.Advance(aggregate.NewestMinute!.Value, aggregate);
        Assert.Empty(alerts);
        Assert.Equal(Start + (6 * 60) - 3, detector.JudgedThrough);
    }

    [Fact]
    public void Minutes_that_raise_nothing_are_judged_without_allocating()
    {
        // As a restart relearns a brand's baselines: hours of minutes judged in one go.
        var aggregate = new BrandAggregate();
        var random = new Random(5);
        for (var m = 0; m < 6 * 60; m++)
        {
            aggregate.Apply(Minute(Start + m, Noisy(random, 60), concepts: [("price", 10)], countries: [("US", 30), ("FR", 30)], negative: Noisy(random, 10)));
        }

        Assert.Empty(new SpikeDetector("warm-up", Settings).Advance(aggregate.NewestMinute!.Value, aggregate));
        var detector = new SpikeDetector("acme", Settings);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var alerts = detector.Advance(aggregate.NewestMinute!.Value, aggregate);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Empty(alerts);
        Assert.Equal(Start + (6 * 60) - 3, detector.JudgedThrough);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void A_planted_burst_fires_once_with_its_concept_and_country_as_top_drivers()
    {
        var (aggregate, detector) = Watch();
        var random = new Random(6);
        var alerts = new List<Alert>();
        for (var m = 0; m < 3 * 60; m++)
        {
            // Three minutes of a delivery crisis in Germany on top of the usual traffic.
            var burst = m is >= 120 and < 123;
            aggregate.Apply(Minute(
                Start + m,
                Noisy(random, 60) + (burst ? 240 : 0),
                concepts: burst ? [("price", 10), ("delivery", 240)] : [("price", 10), ("delivery", 2)],
                countries: burst ? [("US", 30), ("FR", 30), ("DE", 240)] : [("US", 30), ("FR", 30)],
                negative: Noisy(random, 10) + (burst ? 200 : 0)));

            // Event time moving a minute at a time, as a live firehose does.
            alerts.AddRange(detector.Advance(aggregate.NewestMinute!.Value, aggregate));
        }

        var volume = Assert.Single(alerts, a => a.Metric == AlertMetric.Mentions);
        Assert.Equal(EventTime.StartOfMinute(Start + 120), volume.Minute);
        Assert.Equal(AlertDirection.Spike, volume.Direction);
        Assert.True(volume.ZScore >= 4, $"z = {volume.ZScore}");
        Assert.InRange(volume.Expected, 50, 70);
        Assert.Equal("delivery", TopDriver(volume, "concept").Value);
        Assert.Equal("DE", TopDriver(volume, "country").Value);
        Assert.True(TopDriver(volume, "country").Share > 0.9, "Germany carries nearly all of the excess");

        var negative = Assert.Single(alerts, a => a.Metric == AlertMetric.NegativeMentions);
        Assert.Equal(volume.Minute, negative.Minute);
        Assert.Equal("sentiment", negative.Category);
        var net = Assert.Single(alerts, a => a.Metric == AlertMetric.NetSentiment);
        Assert.Equal((AlertDirection.Dip, volume.Minute), (net.Direction, net.Minute));
        Assert.Equal(3, alerts.Count);

        // Net sentiment dips because negative mentions rose: their rise explains it.
        Assert.Equal("delivery", TopDriver(negative, "concept").Value);
        Assert.Equal("delivery", TopDriver(net, "concept").Value);
        Assert.Equal("DE", TopDriver(net, "country").Value);
    }

    [Fact]
    public void An_author_behind_most_of_a_burst_is_named_among_the_drivers()
    {
        var (aggregate, detector) = Watch();
        var alerts = new List<Alert>();
        for (var m = 0; m < 100; m++)
        {
            var regulars = Enumerable.Range(0, 20).Select(i => new AuthorContribution($"x/@regular{i}", new AuthorTally(3, 30, 3, 1, 1))).ToList();
            var burst = m == 90;
            var delta = Minute(Start + m, 60 + (burst ? 150 : 0), [], [("US", 60)], negative: burst ? 150 : 5);
            var authors = burst ? [.. regulars, new AuthorContribution("x/@angry", new AuthorTally(150, 1_000, 0, 0, 150))] : regulars;
            aggregate.Apply(new BrandDelta([delta.Minutes[0] with { Authors = authors }]));
            alerts.AddRange(detector.Advance(aggregate.NewestMinute!.Value, aggregate));
        }

        var volume = Assert.Single(alerts, a => a.Metric == AlertMetric.Mentions);
        var author = TopDriver(volume, "author");
        Assert.Equal("x/@angry", author.Value);
        Assert.Equal(150, author.Observed);
        Assert.Equal(1.0, author.Share);
        Assert.Equal("x/@angry", TopDriver(Assert.Single(alerts, a => a.Metric == AlertMetric.NegativeMentions), "author").Value);
    }

    [Fact]
    public void A_hashtag_that_defines_a_burst_is_named_among_the_drivers_of_a_volume_alert()
    {
        // #acmefail carried a surge and never showed: drivers had no hashtags.
        var (aggregate, detector) = Watch();
        var alerts = new List<Alert>();
        for (var m = 0; m < 100; m++)
        {
            var burst = m == 90;
            var delta = Minute(Start + m, 60 + (burst ? 150 : 0), [], [("US", 60)], negative: burst ? 150 : 5);
            TermContribution[] hashtags = burst ? [new("deals", 5), new("acmefail", 150)] : [new("deals", 5)];
            aggregate.Apply(new BrandDelta([delta.Minutes[0] with { Hashtags = hashtags }]));
            alerts.AddRange(detector.Advance(aggregate.NewestMinute!.Value, aggregate));
        }

        var hashtag = TopDriver(Assert.Single(alerts, a => a.Metric == AlertMetric.Mentions), "hashtag");
        Assert.Equal(("#acmefail", 150.0, 1.0), (hashtag.Value, hashtag.Observed, hashtag.Share));

        // The panes count hashtags by mentions alone: a sentiment alert does not list them.
        Assert.DoesNotContain(Assert.Single(alerts, a => a.Metric == AlertMetric.NegativeMentions).Drivers, d => d.Dimension == "hashtag");
    }

    [Fact]
    public void An_author_who_made_the_whole_burst_among_authors_who_come_and_go_is_given_all_of_it()
    {
        // Twenty new authors every minute, each a small excess of its own: the shouter's 20 extra
        // mentions are the minute's whole excess, not 20 of the 35 the leaders' excesses sum to.
        var (aggregate, detector) = Watch();
        var alerts = new List<Alert>();
        for (var m = 0; m < 100; m++)
        {
            var passing = Enumerable.Range(0, 20).Select(i => new AuthorContribution($"x/@passer{m}-{i}", new AuthorTally(1, 10, 1, 1, 0))).ToList();
            var burst = m == 90;
            var delta = Minute(Start + m, 20 + (burst ? 20 : 0), [], [("US", 20 + (burst ? 20 : 0))], negative: 0);
            var authors = burst ? [.. passing, new AuthorContribution("x/@shouter", new AuthorTally(20, 200, 20, 1, 0))] : passing;
            aggregate.Apply(new BrandDelta([delta.Minutes[0] with { Authors = authors }]));
            alerts.AddRange(detector.Advance(aggregate.NewestMinute!.Value, aggregate));
        }

        var author = TopDriver(Assert.Single(alerts, a => a.Metric == AlertMetric.Mentions), "author");
        Assert.Equal(("x/@shouter", 1.0), (author.Value, author.Share));
    }

    [Fact]
    public void Each_author_of_a_crowd_is_given_the_small_part_of_the_burst_it_made()
    {
        var (aggregate, detector) = Watch();
        var alerts = new List<Alert>();
        for (var m = 0; m < 100; m++)
        {
            var regulars = Enumerable.Range(0, 20).Select(i => new AuthorContribution($"x/@regular{i}", new AuthorTally(3, 30, 3, 1, 0))).ToList();
            var burst = m == 90;

            // 80 newcomers of one post each: far more authors than a minute's pane keeps.
            var crowd = Enumerable.Range(0, 80).Select(i => new AuthorContribution($"x/@newcomer{i}", new AuthorTally(1, 10, 1, 1, 0)));
            var delta = Minute(Start + m, 60 + (burst ? 80 : 0), [], [("US", 60 + (burst ? 80 : 0))], negative: 5);
            aggregate.Apply(new BrandDelta([delta.Minutes[0] with { Authors = burst ? [.. regulars, .. crowd] : regulars }]));
            alerts.AddRange(detector.Advance(aggregate.NewestMinute!.Value, aggregate));
        }

        var volume = Assert.Single(alerts, a => a.Metric == AlertMetric.Mentions);
        var authors = volume.Drivers.Where(d => d.Dimension == "author").ToList();
        Assert.NotEmpty(authors);
        Assert.All(authors, a => Assert.InRange(a.Share, 0.001, 1.0 / 70));
    }

    [Fact]
    public void A_leap_in_share_of_voice_fires_although_the_brand_is_no_louder()
    {
        var (aggregate, detector) = Watch();
        var random = new Random(11);
        var alerts = new List<Alert>();
        for (var m = 0; m < 100; m++)
        {
            // The brand keeps its 60 mentions a minute; at minute 80 its competitors fall silent.
            var competitors = m == 80 ? 2 : Noisy(random, 180);
            var delta = Minute(Start + m, Noisy(random, 60), [("price", 10)], [("US", 60)], negative: 5);
            aggregate.Apply(new BrandDelta([delta.Minutes[0] with { CompetitorMentions = competitors }]));
            alerts.AddRange(detector.Advance(aggregate.NewestMinute!.Value, aggregate));
        }

        var voice = Assert.Single(alerts);
        Assert.Equal((AlertMetric.ShareOfVoice, AlertDirection.Spike, "competition"), (voice.Metric, voice.Direction, voice.Category));
        Assert.Equal(EventTime.StartOfMinute(Start + 80), voice.Minute);
        Assert.InRange(voice.Observed, 90, 100);
        Assert.InRange(voice.Expected, 20, 30);
    }

    [Fact]
    public void Minutes_of_its_rivals_alone_before_a_brands_first_mention_change_none_of_its_alerts()
    {
        // In a backfill a rival's posts may come first: judged as minutes of zero mentions, they
        // warmed the baseline up at nothing, the brand's first minute was a spike and its cool-down
        // hid the real one.
        var (withRivals, rivalsDetector) = Watch();
        var (alone, aloneDetector) = Watch();
        var rivalsAlerts = new List<Alert>();
        var aloneAlerts = new List<Alert>();
        for (var m = 0; m < 45; m++)
        {
            withRivals.Apply(new BrandDelta([new MinuteDelta(Start + m, 0, 0, 0, [], []) { CompetitorMentions = 30 }]));
            rivalsAlerts.AddRange(rivalsDetector.Advance(Start + m, withRivals));
        }

        var random = new Random(12);
        for (var m = 45; m < 200; m++)
        {
            var delta = Minute(Start + m, Noisy(random, 40) + (m == 150 ? 300 : 0), concepts: [("price", 5)], countries: [("US", 40)], negative: Noisy(random, 5));
            withRivals.Apply(delta);
            alone.Apply(delta);
            rivalsAlerts.AddRange(rivalsDetector.Advance(withRivals.NewestMinute!.Value, withRivals));
            aloneAlerts.AddRange(aloneDetector.Advance(alone.NewestMinute!.Value, alone));
        }

        Assert.Contains(aloneAlerts, a => (a.Metric, a.Direction, a.Minute) == (AlertMetric.Mentions, AlertDirection.Spike, EventTime.StartOfMinute(Start + 150)));
        Assert.Equal(aloneAlerts.Select(a => a.Id), rivalsAlerts.Select(a => a.Id));
    }

    [Fact]
    public void Silence_after_steady_traffic_is_a_dip()
    {
        var (aggregate, detector) = Watch();
        var random = new Random(7);
        for (var m = 0; m < 90; m++)
        {
            aggregate.Apply(Minute(Start + m, Noisy(random, 60), concepts: [], countries: [("US", 60)], negative: 0));
        }

        // Nothing at all for minutes 90-94, then traffic again.
        aggregate.Apply(Minute(Start + 95, 60, concepts: [], countries: [("US", 60)], negative: 0));
        var alerts = detector.Advance(aggregate.NewestMinute!.Value, aggregate);

        var dip = Assert.Single(alerts);
        Assert.Equal((AlertMetric.Mentions, AlertDirection.Dip), (dip.Metric, dip.Direction));
        Assert.Equal(EventTime.StartOfMinute(Start + 90), dip.Minute);
        Assert.Equal(0, dip.Observed);
        Assert.Equal("US", TopDriver(dip, "country").Value);
    }

    [Fact]
    public void A_silent_minute_names_no_author_or_hashtag_it_did_not_hear_from()
    {
        var (aggregate, detector) = Watch();
        var alerts = new List<Alert>();
        for (var m = 0; m < 95; m++)
        {
            if (m is >= 90 and < 94)
            {
                continue;
            }

            var authors = Enumerable.Range(0, 20).Select(i => new AuthorContribution($"x/@regular{i}", new AuthorTally(3, 30, 3, 1, 1))).ToList();
            var delta = Minute(Start + m, 60, [], [("US", 60)], negative: 0);
            aggregate.Apply(new BrandDelta([delta.Minutes[0] with { Authors = authors }]));
            alerts.AddRange(detector.Advance(aggregate.NewestMinute!.Value, aggregate));
        }

        var dip = Assert.Single(alerts, a => a.Direction == AlertDirection.Dip && a.Metric == AlertMetric.Mentions);
        Assert.Equal(0, dip.Observed);
        Assert.Equal("US", TopDriver(dip, "country").Value);
        Assert.DoesNotContain(dip.Drivers, d => d.Dimension is "author" or "hashtag");
    }

    [Fact]
    public void A_surge_of_negatives_alerts_when_the_minute_has_enough_mentions_though_the_negatives_are_fewer()
    {
        var (aggregate, detector) = Watch();
        var alerts = new List<Alert>();
        for (var m = 0; m < 60; m++)
        {
            // 40 mentions a minute, 2 of them negative; then one minute with 15 of 40 negative.
            aggregate.Apply(Minute(Start + m, 40, [], [("US", 40)], negative: m == 50 ? 15 : 2));
            alerts.AddRange(detector.Advance(aggregate.NewestMinute!.Value, aggregate));
        }

        var surge = Assert.Single(alerts, a => a.Metric == AlertMetric.NegativeMentions);
        Assert.Equal((AlertDirection.Spike, 15.0, EventTime.StartOfMinute(Start + 50)), (surge.Direction, surge.Observed, surge.Minute));
        Assert.True(15 < Settings.MinimumMentions, "the negatives alone are under minMentions");
    }

    [Fact]
    public void Judging_minute_by_minute_or_all_at_once_gives_the_same_alerts()
    {
        var (live, liveDetector) = Watch();
        var (replayed, replayDetector) = Watch();
        var random = new Random(8);
        var liveAlerts = new List<Alert>();
        for (var m = 0; m < 200; m++)
        {
            var delta = Minute(Start + m, Noisy(random, 40) + (m % 70 == 69 ? 300 : 0), concepts: [("price", 5)], countries: [("US", 40)], negative: Noisy(random, 5));
            live.Apply(delta);
            replayed.Apply(delta);
            liveAlerts.AddRange(liveDetector.Advance(live.NewestMinute!.Value, live));
        }

        var replayAlerts = replayDetector.Advance(replayed.NewestMinute!.Value, replayed);
        Assert.Equal(2, liveAlerts.Count(a => a.Metric == AlertMetric.Mentions));
        Assert.Equal(liveAlerts.Select(a => a.Id), replayAlerts.Select(a => a.Id));
    }

    [Fact]
    public void A_minute_is_judged_only_once_event_time_is_past_its_grace()
    {
        var (aggregate, detector) = Watch();
        aggregate.Apply(Minute(Start, 10, [], [], 0));
        Assert.Empty(detector.Advance(Start + 1, aggregate));
        Assert.Null(detector.JudgedThrough);
        detector.Advance(Start + 2, aggregate);
        Assert.Equal(Start, detector.JudgedThrough);
    }

    [Fact]
    public void A_remembered_alert_keeps_its_cool_down_after_a_restart()
    {
        var random = new Random(9);
        var aggregate = new BrandAggregate();
        for (var m = 0; m < 100; m++)
        {
            aggregate.Apply(Minute(Start + m, Noisy(random, 60) + (m is 60 or 75 ? 400 : 0), [], [("US", 60)], 0));
        }

        var first = new SpikeDetector("acme", Settings).Advance(aggregate.NewestMinute!.Value, aggregate);
        var spike = Assert.Single(first, a => a.Metric == AlertMetric.Mentions);
        Assert.Equal(EventTime.StartOfMinute(Start + 60), spike.Minute);

        // Restarted between the two bursts: without the memory, minute 75 would fire again.
        var restarted = new SpikeDetector("acme", Settings);
        restarted.Remember(spike);
        Assert.DoesNotContain(restarted.Advance(aggregate.NewestMinute!.Value, aggregate), a => a.Metric == AlertMetric.Mentions);
    }

    [Theory]
    [InlineData(0, 20, 30, 30, 0.05, 1, "threshold")]
    [InlineData(4, 0, 30, 30, 0.05, 1, "minMentions")]
    [InlineData(4, 20, -1, 30, 0.05, 1, "coolDownMinutes")]
    [InlineData(4, 20, 30, 1, 0.05, 1, "warmUpMinutes")]
    [InlineData(4, 20, 30, 30, 1.5, 1, "smoothing")]
    [InlineData(4, 20, 30, 30, 0.05, 61, "graceMinutes")]
    public void Bad_settings_are_named(double threshold, long minimum, int coolDown, int warmUp, double smoothing, int grace, string named)
    {
        var settings = new AlertSettings(threshold, minimum, coolDown, warmUp, smoothing, grace);
        Assert.StartsWith(named, settings.Problem(), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new SpikeDetector("acme", settings));
    }

    private static (BrandAggregate, SpikeDetector) Watch() => (new BrandAggregate(), new SpikeDetector("acme", Settings));

    private static AlertDriver TopDriver(Alert alert, string dimension) =>
        alert.Drivers.Where(d => d.Dimension == dimension).MaxBy(d => d.Share) ?? throw new InvalidOperationException($"no {dimension} driver");

    /// <summary>A count around <paramref name="mean"/>, within ±√mean: ordinary minute-to-minute noise.</summary>
    private static int Noisy(Random random, int mean)
    {
        var spread = (int)Math.Sqrt(mean);
        return mean + random.Next(-spread, spread + 1);
    }

    private static BrandDelta Minute(long minute, long mentions, (string, long)[] concepts, (string, long)[] countries, long negative)
    {
        var segments = concepts.Select(c => new SegmentCount(SegmentDimension.Concept, c.Item1, c.Item2))
            .Concat(concepts.Select(c => new SegmentCount(SegmentDimension.ConceptSentiment, c.Item1 + "/negative", Math.Min(c.Item2, negative))))
            .Concat(countries.Select(c => new SegmentCount(SegmentDimension.Country, c.Item1, c.Item2)))
            .ToList();
        var sentiment = new SentimentTally(Math.Max(0, mentions - negative), 0, negative, 0, 0);
        return new BrandDelta([new MinuteDelta(minute, mentions, mentions * 100, mentions, segments, [], sentiment)]);
    }
}
