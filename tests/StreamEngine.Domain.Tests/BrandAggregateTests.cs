using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Analysis;
using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Sketches;

namespace StreamEngine.Domain.Tests;

public sealed class BrandAggregateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static BrandDelta Delta(params Post[] posts) => Delta(posts.Select(p => (p, Array.Empty<string>())));

    private static BrandDelta Delta(IEnumerable<(Post Post, string[] Concepts)> posts)
    {
        var builder = new BrandDeltaBuilder();
        foreach (var (post, concepts) in posts)
        {
            builder.Add(post, PostAnalysis.Empty with { Concepts = concepts });
        }

        return builder.Build();
    }

    private static BrandAggregate Aggregate(params Post[] posts)
    {
        var aggregate = new BrandAggregate();
        aggregate.Apply(Delta(posts));
        return aggregate;
    }

    /// <summary>Five posts whose reach and engagement are distinct powers, so a sum tells which were counted.</summary>
    private static Post[] PostsAtKnownAges() =>
    [
        TestPosts.Make("p5m", Now - TimeSpan.FromMinutes(5), followers: 1, engagement: new Engagement(1, 0, 0, 99)),
        TestPosts.Make("p30m", Now - TimeSpan.FromMinutes(30), followers: 10, engagement: new Engagement(0, 2, 0, 99)),
        TestPosts.Make("p3h", Now - TimeSpan.FromHours(3), followers: 100, engagement: new Engagement(0, 0, 4, 99)),
        TestPosts.Make("p2d", Now - TimeSpan.FromDays(2), followers: 1000, engagement: new Engagement(8, 0, 0, 99)),
        TestPosts.Make("p20d", Now - TimeSpan.FromDays(20), followers: 10000, engagement: new Engagement(16, 0, 0, 99)),
    ];

    private static TimeWindow Window(string name)
    {
        Assert.True(TimeWindow.TryParse(name, out var window), $"unknown window {name}");
        return window;
    }

    [Theory]
    [InlineData("15m", 1, 1, 1)]
    [InlineData("1h", 2, 11, 3)]
    [InlineData("24h", 3, 111, 7)]
    [InlineData("7d", 4, 1111, 15)]
    [InlineData("30d", 5, 11111, 31)]
    public void Counts_exactly_the_posts_inside_each_window(string windowName, long mentions, long reach, long engagement)
    {
        var aggregate = Aggregate(PostsAtKnownAges());

        var figures = aggregate.Summary(Window(windowName), Now);

        Assert.Equal(new BrandFigures(mentions, reach, engagement, mentions, new SentimentTally(0, 0, 0, mentions, 0)), figures);
    }

    [Fact]
    public void Counts_nothing_outside_every_window()
    {
        var aggregate = Aggregate(TestPosts.Make("old", Now - TimeSpan.FromDays(31), followers: 5));

        foreach (var window in TimeWindow.All)
        {
            Assert.Equal(new BrandFigures(0, 0, 0, 0), aggregate.Summary(window, Now));
        }
    }

    [Fact]
    public void Builds_one_minute_delta_per_minute_touched()
    {
        var builder = new BrandDeltaBuilder();
        builder.Add(TestPosts.Make("a", Now - TimeSpan.FromSeconds(10)), PostAnalysis.Empty);
        builder.Add(TestPosts.Make("b", Now - TimeSpan.FromSeconds(50)), PostAnalysis.Empty);
        builder.Add(TestPosts.Make("c", Now - TimeSpan.FromMinutes(3)), PostAnalysis.Empty with { Concepts = ["delivery"] });

        var delta = builder.Build();

        Assert.Equal(3, builder.Mentions);
        Assert.Equal(3, delta.Mentions);
        var minuteOfNow = EventTime.MinuteOf(Now);
        Assert.Equal([minuteOfNow - 3, minuteOfNow - 1], delta.Minutes.Select(m => m.Minute));
        Assert.Equal([1L, 2L], delta.Minutes.Select(m => m.Mentions));
        Assert.Contains(new SegmentCount(SegmentDimension.Concept, "delivery", 1), delta.Minutes[0].Segments);
        Assert.Equal(2, delta.Minutes[1].AuthorEntries.Count);
    }

    [Fact]
    public void Counts_an_author_once_across_minutes_and_posts()
    {
        var aggregate = Aggregate(
            TestPosts.Make("a", Now - TimeSpan.FromMinutes(1), authorId: "jo"),
            TestPosts.Make("b", Now - TimeSpan.FromMinutes(1), authorId: "jo"),
            TestPosts.Make("c", Now - TimeSpan.FromMinutes(7), authorId: "jo"),
            TestPosts.Make("d", Now - TimeSpan.FromMinutes(7), authorId: "sam"));

        var figures = aggregate.Summary(TimeWindow.FifteenMinutes, Now);

        Assert.Equal(4, figures.Mentions);
        Assert.Equal(2, figures.UniqueAuthors);
    }

    [Fact]
    public void Identifies_authors_by_network_and_id_or_normalised_handle()
    {
        var aggregate = Aggregate(
            TestPosts.Make("a", Now, network: Network.X, authorId: "42"),
            TestPosts.Make("b", Now, network: Network.Reddit, authorId: "42"),
            TestPosts.Make("c", Now, network: Network.X, authorId: null, handle: "@Jo"),
            TestPosts.Make("d", Now, network: Network.X, authorId: null, handle: "jo"),
            TestPosts.Make("e", Now, network: Network.X, authorId: null, handle: null));

        var figures = aggregate.Summary(TimeWindow.FifteenMinutes, Now);

        Assert.Equal(5, figures.Mentions);
        Assert.Equal(3, figures.UniqueAuthors);
    }

    [Fact]
    public void Counts_a_post_dated_slightly_ahead_of_the_clock()
    {
        var aggregate = Aggregate(TestPosts.Make("ahead", Now + TimeSpan.FromMinutes(3), followers: 7));

        Assert.Equal(new BrandFigures(1, 7, 0, 1, new SentimentTally(0, 0, 0, 1, 0)), aggregate.Summary(TimeWindow.FifteenMinutes, Now));
        Assert.Equal(new BrandFigures(1, 7, 0, 1, new SentimentTally(0, 0, 0, 1, 0)), aggregate.Summary(TimeWindow.SevenDays, Now));
    }

    [Fact]
    public void Gives_a_minute_timeseries_over_15_minutes()
    {
        var aggregate = Aggregate(
            TestPosts.Make("at-now", Now),
            TestPosts.Make("30s", Now - TimeSpan.FromSeconds(30)),
            TestPosts.Make("5m", Now - TimeSpan.FromMinutes(5)),
            TestPosts.Make("14m-a", Now - TimeSpan.FromMinutes(14)),
            TestPosts.Make("14m-b", Now - TimeSpan.FromMinutes(13.5)),
            TestPosts.Make("15m", Now - TimeSpan.FromMinutes(15)));

        var points = aggregate.Timeseries(TimeWindow.FifteenMinutes, TimeStep.Minute, Now);

        Assert.Equal(15, points.Count);
        Assert.Equal(
            Enumerable.Range(0, 15).Select(i => Now - TimeSpan.FromMinutes(14 - i)),
            points.Select(p => p.Start));
        var expected = new long[15];
        expected[0] = 2;  // 11:46: the posts 14 and 13.5 minutes old
        expected[9] = 1;  // 11:55
        expected[13] = 1; // 11:59
        expected[14] = 1; // 12:00
        Assert.Equal(expected, points.Select(p => p.Figures.Mentions));
    }

    [Fact]
    public void Gives_an_hour_timeseries_over_24_hours()
    {
        var aggregate = Aggregate(
            TestPosts.Make("at-now", Now),
            TestPosts.Make("30m", Now - TimeSpan.FromMinutes(30)),
            TestPosts.Make("3h", Now - TimeSpan.FromHours(3)),
            TestPosts.Make("3h-b", Now - TimeSpan.FromHours(2.5)),
            TestPosts.Make("23h", Now - TimeSpan.FromHours(23)),
            TestPosts.Make("24h", Now - TimeSpan.FromHours(24)));

        var points = aggregate.Timeseries(TimeWindow.OneDay, TimeStep.Hour, Now);

        // The window's 1,440 minutes start at 12:01 yesterday: its first point is the 59 minutes
        // of that hour it holds, so the post of 12:00 yesterday is outside it, as in the summary.
        Assert.Equal(25, points.Count);
        Assert.Equal(
            [Now - TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1), .. Enumerable.Range(1, 24).Select(i => Now - TimeSpan.FromHours(24 - i))],
            points.Select(p => p.Start));
        var expected = new long[25];
        expected[1] = 1;  // 13:00 yesterday
        expected[21] = 2; // 09:00
        expected[23] = 1; // 11:00
        expected[24] = 1; // 12:00
        Assert.Equal(expected, points.Select(p => p.Figures.Mentions));
        Assert.Equal(aggregate.Summary(TimeWindow.OneDay, Now).Mentions, points.Sum(p => p.Figures.Mentions));
    }

    [Theory]
    [InlineData("1h", 13)]
    [InlineData("24h", 37)]
    public void An_hourly_series_of_a_minute_window_adds_up_to_its_summary(string windowName, int minuteOfNow)
    {
        Assert.True(TimeWindow.TryParse(windowName, out var window));
        var now = Now + TimeSpan.FromMinutes(minuteOfNow);
        var posts = Enumerable.Range(0, 26 * 60).Select(m => TestPosts.Make($"m{m}", now - TimeSpan.FromMinutes(m), authorId: "a" + (m % 97)));
        var aggregate = Aggregate([.. posts]);

        var points = aggregate.Timeseries(window, TimeStep.Hour, now);
        var summary = aggregate.Summary(window, now);

        Assert.Equal(now - window.Length + TimeSpan.FromMinutes(1), points[0].Start);
        Assert.Equal(window.Periods, points.Sum(p => p.Figures.Mentions)); // one post a minute
        Assert.Equal(summary.Mentions, points.Sum(p => p.Figures.Mentions));
        Assert.Equal(summary.Reach, points.Sum(p => p.Figures.Reach));
        Assert.Equal(60 - minuteOfNow - 1, points[0].Figures.Mentions);
        Assert.Equal(Math.Min(60 - minuteOfNow - 1, 97), points[0].Figures.UniqueAuthors);
    }

    [Fact]
    public void A_post_dated_ahead_of_the_clock_counts_in_the_current_point_and_the_series_ends_now()
    {
        var aggregate = Aggregate(TestPosts.Make("ahead", Now + TimeSpan.FromMinutes(4), handle: "@x"), TestPosts.Make("now", Now, handle: "@y"));

        var minutes = aggregate.Timeseries(TimeWindow.FifteenMinutes, TimeStep.Minute, Now);
        var hours = aggregate.Timeseries(TimeWindow.SevenDays, TimeStep.Hour, Now - TimeSpan.FromMinutes(3));

        Assert.Equal(15, minutes.Count);
        Assert.Equal(Now, minutes[^1].Start);
        Assert.Equal((2L, 2L), (minutes[^1].Figures.Mentions, minutes[^1].Figures.UniqueAuthors));
        Assert.Equal(aggregate.Summary(TimeWindow.FifteenMinutes, Now).Mentions, minutes.Sum(p => p.Figures.Mentions));
        Assert.Equal(7 * 24, hours.Count);
        Assert.Equal((2L, 2L), (hours[^1].Figures.Mentions, hours[^1].Figures.UniqueAuthors));
    }

    [Fact]
    public void Gives_an_hour_timeseries_over_7_days()
    {
        var aggregate = Aggregate(PostsAtKnownAges());

        var points = aggregate.Timeseries(TimeWindow.SevenDays, TimeStep.Hour, Now);

        Assert.Equal(168, points.Count);
        Assert.Equal(4, points.Sum(p => p.Figures.Mentions));
        Assert.Equal(1, points.Single(p => p.Start == Now - TimeSpan.FromDays(2)).Figures.Mentions);
    }

    [Fact]
    public void A_window_starts_where_its_own_timeseries_starts()
    {
        var now = Now + TimeSpan.FromSeconds(1234.5);
        foreach (var window in TimeWindow.All)
        {
            var points = new BrandAggregate().Timeseries(window, window.Resolution, now);

            Assert.Equal((window.Name, points[0].Start), (window.Name, window.StartAt(now)));
        }
    }

    [Theory]
    [InlineData("15m", TimeStep.Hour)]
    [InlineData("7d", TimeStep.Minute)]
    [InlineData("30d", TimeStep.Minute)]
    public void Refuses_a_step_that_does_not_fit_the_window(string windowName, TimeStep step)
    {
        var aggregate = Aggregate(PostsAtKnownAges());

        Assert.Throws<ArgumentException>("step", () => aggregate.Timeseries(Window(windowName), step, Now));
    }

    [Theory]
    [InlineData(null, "unknown")]
    [InlineData(0, "unknown")]
    [InlineData(12, "unknown")]
    [InlineData(13, "13-17")]
    [InlineData(17, "13-17")]
    [InlineData(18, "18-24")]
    [InlineData(24, "18-24")]
    [InlineData(25, "25-34")]
    [InlineData(44, "35-44")]
    [InlineData(54, "45-54")]
    [InlineData(64, "55-64")]
    [InlineData(65, "65+")]
    [InlineData(150, "65+")]
    public void Bands_ages(int? age, string band)
    {
        Assert.Equal(band, AgeBands.FromAge(age).ToName());
    }

    [Fact]
    public void Breaks_mentions_down_by_segment_with_unknown_for_missing_fields()
    {
        var aggregate = new BrandAggregate();
        aggregate.Apply(Delta(
        [
            (TestPosts.Make("p1", Now - TimeSpan.FromMinutes(1), network: Network.X, country: "DE", gender: Gender.Female, age: 17,
                language: "pt", purchaseDate: new DateOnly(2026, 3, 14)), ["delivery", "price"]),
            (TestPosts.Make("p2", Now - TimeSpan.FromMinutes(2), network: Network.Instagram, age: 12), ["delivery"]),
            (TestPosts.Make("p3", Now - TimeSpan.FromMinutes(3), network: Network.X, country: "DE", gender: Gender.Male, age: 65,
                language: "en", purchaseDate: new DateOnly(2026, 3, 2)), []),
            (TestPosts.Make("p4", Now - TimeSpan.FromMinutes(4), network: Network.Unknown, country: "US", gender: Gender.Female,
                language: "en", purchaseDate: new DateOnly(2025, 12, 31)), ["price"]),
            (TestPosts.Make("old", Now - TimeSpan.FromMinutes(30), network: Network.Reddit, country: "FR", gender: Gender.Male,
                age: 40, language: "fr", purchaseDate: new DateOnly(2020, 1, 1)), ["support"]),
        ]));

        IReadOnlyList<SegmentFigure> Segments(SegmentDimension dimension) =>
            aggregate.Segments(dimension, TimeWindow.FifteenMinutes, Now);

        Assert.Equal([new("x", 2), new("instagram", 1), new("unknown", 1)], Segments(SegmentDimension.Network));
        Assert.Equal([new("DE", 2), new("US", 1), new("unknown", 1)], Segments(SegmentDimension.Country));
        Assert.Equal([new("female", 2), new("male", 1), new("unknown", 1)], Segments(SegmentDimension.Gender));
        Assert.Equal([new("unknown", 2), new("13-17", 1), new("65+", 1)], Segments(SegmentDimension.Age));
        Assert.Equal([new("en", 2), new("pt", 1), new("unknown", 1)], Segments(SegmentDimension.Language));
        Assert.Equal([new("2026-03", 2), new("2025-12", 1), new("unknown", 1)], Segments(SegmentDimension.Purchase));
        Assert.Equal([new("delivery", 2), new("price", 2)], Segments(SegmentDimension.Concept));

        var hour = aggregate.Segments(SegmentDimension.Concept, TimeWindow.OneHour, Now);
        Assert.Equal([new("delivery", 2), new("price", 2), new("support", 1)], hour);
    }

    [Fact]
    public void Gives_identical_figures_when_the_same_deltas_are_applied_in_the_same_order()
    {
        var deltas = new[]
        {
            Delta(PostsAtKnownAges()),
            Delta(
                TestPosts.Make("q1", Now - TimeSpan.FromMinutes(2), authorId: "jo", country: "BR"),
                TestPosts.Make("q2", Now - TimeSpan.FromHours(30), authorId: "sam", gender: Gender.Female)),
            Delta(Enumerable.Range(0, 3000).Select(i =>
                TestPosts.Make("bulk" + i, Now - TimeSpan.FromMinutes(i % 90), followers: i, age: i % 90)).ToArray()),
        };
        var first = new BrandAggregate();
        var second = new BrandAggregate();

        foreach (var delta in deltas)
        {
            first.Apply(delta);
            second.Apply(delta);
        }

        AssertSameFigures(first, second);
    }

    [Fact]
    public void Deltas_replayed_and_sealed_once_give_the_figures_of_deltas_applied_one_by_one()
    {
        // The third delta comes late, into minutes and hours the second had already let be sealed.
        var deltas = new[]
        {
            Delta(PostsAtKnownAges()),
            Delta(Enumerable.Range(0, 300).Select(i =>
                TestPosts.Make("now" + i, Now - TimeSpan.FromSeconds(i), authorId: "a" + (i % 40), followers: i, country: "PT")).ToArray()),
            Delta(Enumerable.Range(0, 3000).Select(i =>
                TestPosts.Make("late" + i, Now - TimeSpan.FromMinutes(i % 600), authorId: "b" + (i % 70), followers: i, age: i % 90)).ToArray()),
        };
        var applied = new BrandAggregate();
        var replayed = new BrandAggregate();

        foreach (var delta in deltas)
        {
            applied.Apply(delta);
            replayed.Replay(delta);
            if (delta == deltas[1])
            {
                // So the late delta lands in sealed minutes, hours and panes.
                Assert.True(applied.Sealed is { MinuteChunks: > 0, HourChunks: > 0, Panes: > 0 }, $"sealed before the late delta: {applied.Sealed}");
            }
        }

        Assert.Equal((0, 0, 0), replayed.Sealed);
        replayed.Seal();
        Assert.Equal(applied.Sealed, replayed.Sealed);

        AssertSameFigures(applied, replayed);
        foreach (var window in TimeWindow.All)
        {
            foreach (var by in Enum.GetValues<TallyWeight>())
            {
                Assert.Equal(
                    applied.Influence.TopAuthors(window, by, 10, Now).Select(a => (a.Author, a.Tally)),
                    replayed.Influence.TopAuthors(window, by, 10, Now).Select(a => (a.Author, a.Tally)));
            }
        }
    }

    [Fact]
    public void Restores_from_its_buckets_with_identical_figures()
    {
        var original = new BrandAggregate();
        original.Apply(Delta(PostsAtKnownAges()));
        original.Apply(Delta(Enumerable.Range(0, 3000).Select(i =>
            TestPosts.Make("bulk" + i, Now - TimeSpan.FromMinutes(i % 90), followers: i, age: i % 90, country: "PT")).ToArray()));

        var restored = BrandAggregate.Restore(original.MinuteBuckets, original.HourBuckets);

        AssertSameFigures(original, restored);
    }

    [Fact]
    public void Restores_from_copied_buckets_with_identical_figures()
    {
        var original = new BrandAggregate();
        original.Apply(Delta(PostsAtKnownAges()));
        original.Apply(Delta(Enumerable.Range(0, 3000).Select(i =>
            TestPosts.Make("bulk" + i, Now - TimeSpan.FromMinutes(i % 90), followers: i, age: i % 90)).ToArray()));

        var restored = BrandAggregate.Restore(original.MinuteBuckets.Select(Copy), original.HourBuckets.Select(Copy));

        AssertSameFigures(original, restored);
    }

    private static MentionBucket Copy(MentionBucket bucket)
    {
        UniqueAuthorSketch authors;
        if (bucket.Authors.IsDense)
        {
            authors = UniqueAuthorSketch.FromDense(bucket.Authors.DenseRegisters);
        }
        else
        {
            authors = new UniqueAuthorSketch();
            foreach (var entry in bucket.Authors.SparseEntries)
            {
                authors.Add(entry);
            }
        }

        return MentionBucket.Restore(bucket.Period, bucket.Mentions, bucket.Reach, bucket.Engagement, bucket.Sentiment, bucket.Segments.ToList(), authors);
    }

    private static void AssertSameFigures(BrandAggregate expected, BrandAggregate actual)
    {
        foreach (var window in TimeWindow.All)
        {
            var summary = expected.Summary(window, Now);
            Assert.True(summary.Mentions > 0, $"window {window.Name} should hold mentions for the comparison to mean anything");
            Assert.Equal(summary, actual.Summary(window, Now));
            foreach (var step in window.Steps)
            {
                Assert.Equal(expected.Timeseries(window, step, Now), actual.Timeseries(window, step, Now));
            }

            foreach (var dimension in Enum.GetValues<SegmentDimension>())
            {
                Assert.Equal(expected.Segments(dimension, window, Now), actual.Segments(dimension, window, Now));
            }
        }
    }

    [Theory]
    [InlineData(31, true)]
    [InlineData(30.1, true)]
    [InlineData(29, false)]
    [InlineData(0, false)]
    public void Tells_a_late_post(double daysOld, bool late)
    {
        Assert.Equal(late, RetentionPolicy.IsLate(Now - TimeSpan.FromDays(daysOld), Now));
    }

    [Theory]
    [InlineData(10, true)]
    [InlineData(5.5, true)]
    [InlineData(5, false)]
    [InlineData(1, false)]
    [InlineData(-60, false)]
    public void Tells_a_post_dated_too_far_ahead(double minutesAhead, bool tooFar)
    {
        Assert.Equal(tooFar, RetentionPolicy.IsTooFarAhead(Now + TimeSpan.FromMinutes(minutesAhead), Now));
    }

    [Fact]
    public void A_post_too_far_ahead_is_refused_with_its_time_as_a_post_writes_it()
    {
        var now = new DateTimeOffset(2026, 11, 29, 17, 50, 0, 250, TimeSpan.Zero);

        Assert.Equal(
            "'createdAt' 2026-11-29T18:00:37Z is more than 5 minutes ahead of the engine's clock (2026-11-29T17:50:00.25Z)",
            RetentionPolicy.FutureRefusal(new DateTimeOffset(2026, 11, 29, 18, 0, 37, TimeSpan.Zero), now));
        Assert.StartsWith(
            "'createdAt' 2026-11-29T20:00:37+02:00 is",
            RetentionPolicy.FutureRefusal(new DateTimeOffset(2026, 11, 29, 20, 0, 37, TimeSpan.FromHours(2)), now),
            StringComparison.Ordinal);
    }
}
