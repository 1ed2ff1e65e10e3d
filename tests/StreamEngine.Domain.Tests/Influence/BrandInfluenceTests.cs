using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Analysis;
using StreamEngine.Domain.Influence;
using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Sentiment;
using StreamEngine.Domain.Sketches;

namespace StreamEngine.Domain.Tests.Influence;

/// <summary>Influencers, hashtags, trending and the reputation index, from posts through deltas into a brand's aggregate.</summary>
public sealed class BrandInfluenceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 30, 0, TimeSpan.Zero);
    private static readonly SentimentScore Positive = new(0.6, 0.5, 0.5, 0);
    private static readonly SentimentScore Negative = new(-0.6, 0, 0.5, 0.5);

    [Fact]
    public void Top_authors_rank_by_mentions_reach_or_engagement_with_their_sentiment_toward_the_brand()
    {
        var aggregate = new BrandAggregate();
        var posts = new List<(Post, SentimentScore?)>();
        for (var i = 0; i < 6; i++)
        {
            posts.Add((Post($"loud{i}", Now - TimeSpan.FromMinutes(i), "@LoudFan", followers: 10, likes: 1), i < 4 ? Negative : Positive));
        }

        posts.Add((Post("star", Now - TimeSpan.FromMinutes(3), "@star", followers: 2_000_000, likes: 5), Positive));
        posts.Add((Post("viral", Now - TimeSpan.FromMinutes(2), "@viral", followers: 50, likes: 90_000), null));
        aggregate.Apply(Delta(posts));

        var byMentions = aggregate.Influence.TopAuthors(TimeWindow.FifteenMinutes, TallyWeight.Mentions, 3, Now);
        Assert.Equal(("x/@loudfan", 6L), (byMentions[0].Author, byMentions[0].Tally.Mentions));
        Assert.Equal(-100.0 / 3, byMentions[0].Tally.NetSentiment, 6);
        Assert.Equal("x/@star", aggregate.Influence.TopAuthors(TimeWindow.OneHour, TallyWeight.Reach, 1, Now)[0].Author);
        Assert.Equal("x/@viral", aggregate.Influence.TopAuthors(TimeWindow.OneDay, TallyWeight.Engagement, 1, Now)[0].Author);
        Assert.Equal(3, aggregate.Influence.TopAuthors(TimeWindow.SevenDays, TallyWeight.Mentions, 10, Now).Count);
        Assert.Empty(aggregate.Influence.TopAuthors(TimeWindow.FifteenMinutes, TallyWeight.Mentions, 10, Now + TimeSpan.FromHours(2)));
    }

    [Fact]
    public void A_hashtag_rising_against_its_baseline_trends_and_a_steady_one_does_not()
    {
        var aggregate = new BrandAggregate();
        var posts = new List<(Post, SentimentScore?)>();
        for (var m = 1; m < 60; m++)
        {
            posts.Add((Post($"steady{m}", Now - TimeSpan.FromMinutes(m), "@a", text: "acme #Coffee time"), null));
        }

        for (var i = 0; i < 12; i++)
        {
            posts.Add((Post($"burst{i}", Now - TimeSpan.FromMinutes(i % 10), "@b" + i, text: "acme #RecallNow #coffee"), null));
        }

        aggregate.Apply(Delta(posts));

        var trending = Trending.Of(aggregate, TimeWindow.FifteenMinutes, Now);
        var top = trending.First(t => t.Kind == TrendKind.Hashtag);
        Assert.Equal("recallnow", top.Value);
        Assert.Equal(12, top.Observed);
        Assert.Equal(0, top.Expected);
        var coffee = trending.SingleOrDefault(t => t.Value == "coffee");
        Assert.True(coffee is null || coffee.Lift < top.Lift);
        Assert.Throws<ArgumentException>(() => Trending.Of(aggregate, TimeWindow.ThirtyDays, Now));

        // Everything of a brand with no history before the window would look new: nothing trends.
        var fresh = new BrandAggregate();
        fresh.Apply(Delta(posts.Where(p => p.Item1.CreatedAt > Now - TimeSpan.FromMinutes(15))));
        Assert.Empty(Trending.Of(fresh, TimeWindow.FifteenMinutes, Now));

        // A brand named a day ago and not since has history, though none in the 45 minutes before.
        var quiet = new BrandAggregate();
        quiet.Apply(Delta([(Post("yesterday", Now - TimeSpan.FromHours(23), "@y", text: "acme"), null), .. posts.Where(p => p.Item1.Id.StartsWith("burst", StringComparison.Ordinal))]));
        Assert.Contains(Trending.Of(quiet, TimeWindow.FifteenMinutes, Now), t => t is { Kind: TrendKind.Hashtag, Value: "recallnow", Observed: 12 });
    }

    [Fact]
    public void An_author_posting_among_hundreds_of_others_keeps_all_its_mentions_in_the_day_and_the_week()
    {
        // Yesterday at 22:00, @aaa (whose name sorts first, as the delta lists its authors) posts twice
        // every fourth minute while 20 others post once each minute: fed a minute at a time, a
        // 16-author hour pane pushes it out again and again. A post today closes the hour and the day.
        var aggregate = new BrandAggregate();
        FeedHourByMinute(aggregate, StartOfHour(Now) - TimeSpan.FromHours(14), (m, at) =>
            Enumerable.Range(0, 20).Select(i => Post($"o{m}-{i}", at, $"@o{m}x{i}"))
                .Concat(m % 4 == 0 ? [Post($"w{m}", at, "@aaa"), Post($"ww{m}", at, "@aaa")] : []));

        aggregate.Apply(Delta([(Post("now", Now - TimeSpan.FromMinutes(1), "@late"), null)]));

        foreach (var window in (TimeWindow[])[TimeWindow.OneDay, TimeWindow.SevenDays])
        {
            var top = aggregate.Influence.TopAuthors(window, TallyWeight.Mentions, 3, Now)[0];
            Assert.Equal(("x/@aaa", 30L), (top.Author, top.Tally.Mentions));
        }
    }

    [Fact]
    public void The_hour_and_the_day_still_being_fed_read_as_they_will_be_rebuilt()
    {
        // 37 authors take turns, one post a batch, 16 a minute for ten minutes of the current hour:
        // each minute pane holds all of its minute, while the hour and day panes, fed post by post
        // with room for 16, keep pushing out an author who comes back with one post. Until a later
        // hour closes them, a day's or a week's leaders must count what the minutes counted.
        var aggregate = new BrandAggregate();
        var hour = StartOfHour(Now);
        for (var n = 0; n < 160; n++)
        {
            var at = hour + TimeSpan.FromMinutes(n / 16);
            aggregate.Apply(Delta([(Post($"p{n}", at, $"@a{n % 37:00}", followers: 10 + (n % 37), likes: 1, text: $"acme #tag{n % 37:00}"), null)]));
        }

        var exact = aggregate.Influence.TopAuthors(TimeWindow.OneHour, TallyWeight.Mentions, 100, Now);
        Assert.Equal(37, exact.Count);
        Assert.Equal(160, exact.Sum(a => a.Tally.Mentions));
        foreach (var window in (TimeWindow[])[TimeWindow.OneDay, TimeWindow.SevenDays, TimeWindow.ThirtyDays])
        {
            foreach (var by in (TallyWeight[])[TallyWeight.Mentions, TallyWeight.Reach, TallyWeight.Engagement])
            {
                // Which of the authors tied at the cut are kept is drawn by period, so the lists
                // may name different ones of them; each listed author's figures must be exact.
                var top = aggregate.Influence.TopAuthors(window, by, 16, Now);
                var expected = aggregate.Influence.TopAuthors(TimeWindow.OneHour, by, 16, Now);
                Assert.Equal(expected.Select(a => a.Tally.Weight(by)), top.Select(a => a.Tally.Weight(by)));
                Assert.All(top, a => Assert.Equal(exact.Single(e => e.Author == a.Author).Tally.Mentions, a.Tally.Mentions));
            }

            Assert.Equal(5, aggregate.Influence.Hashtags(window, Now)["tag00"]);
        }

        // The hour closed by a later post reads the same as it did while it was being fed.
        var before = aggregate.Influence.TopAuthors(TimeWindow.SevenDays, TallyWeight.Mentions, 16, Now);
        aggregate.Apply(Delta([(Post("next", hour + TimeSpan.FromMinutes(61), "@next"), null)]));
        var after = aggregate.Influence.TopAuthors(TimeWindow.SevenDays, TallyWeight.Mentions, 17, Now + TimeSpan.FromHours(1));
        Assert.Equal(before.Select(a => (a.Author, a.Tally.Mentions)), after.Where(a => a.Author != "x/@next").Take(16).Select(a => (a.Author, a.Tally.Mentions)));
    }

    [Fact]
    public void Authors_tied_at_an_hours_cut_do_not_lose_it_by_their_names()
    {
        // Each of 20 hours: 40 one-off authors, one a minute, then @aaasteady and @zzzsteady, each
        // alone in its minute. An hour keeps 16 of the 42 tied authors; by name, @zzzsteady lost
        // all 20 hours and was missing from the day while @aaasteady led it with 20.
        var aggregate = new BrandAggregate();
        var first = StartOfHour(Now) - TimeSpan.FromHours(20);
        for (var h = 0; h < 20; h++)
        {
            var hour = first + TimeSpan.FromHours(h);
            var posts = Enumerable.Range(0, 40).Select(k => (Post($"m{h}-{k}", hour + TimeSpan.FromMinutes(k), $"@m{h}x{k}", followers: 100), (SentimentScore?)null)).ToList();
            posts.Add((Post($"a{h}", hour + TimeSpan.FromMinutes(45), "@aaasteady", followers: 100), null));
            posts.Add((Post($"z{h}", hour + TimeSpan.FromMinutes(46), "@zzzsteady", followers: 100), null));
            foreach (var post in posts)
            {
                aggregate.Apply(Delta([post]));
            }
        }

        var day = aggregate.Influence.TopAuthors(TimeWindow.OneDay, TallyWeight.Mentions, 100, Now);
        var steady = day.Where(a => a.Author is "x/@aaasteady" or "x/@zzzsteady").ToDictionary(a => a.Author, a => a.Tally.Mentions);
        Assert.True(steady.Count == 2, $"listed: {string.Join(", ", day.Take(12).Select(a => a.Author + " " + a.Tally.Mentions))}, …");
        Assert.All(steady.Values, m => Assert.InRange(m, 3, 20));
    }

    [Fact]
    public void Rebuilding_a_closed_hour_keeps_what_its_own_pane_counted()
    {
        // Twelve authors post every minute of an hour, and #steady twice a minute among 31 one-off
        // hashtags: all of them fit the hour pane, and the rebuild must not lose any of them.
        var aggregate = new BrandAggregate();
        FeedHourByMinute(aggregate, StartOfHour(Now) - TimeSpan.FromHours(2), (m, at) =>
            Enumerable.Range(0, 12).Select(i => Post($"a{m}-{i}", at, $"@a{i:00}", text: i < 2 ? "acme #steady" : $"acme #once{m}x{i}"))
                .Concat(Enumerable.Range(12, 19).Select(i => Post($"t{m}-{i}", at, $"@t{m}x{i}", text: $"acme #once{m}x{i}"))));

        var before = aggregate.Influence.TopAuthors(TimeWindow.OneDay, TallyWeight.Mentions, 12, Now);
        aggregate.Apply(Delta([(Post("now", Now - TimeSpan.FromMinutes(1), "@late"), null)]));
        var after = aggregate.Influence.TopAuthors(TimeWindow.OneDay, TallyWeight.Mentions, 12, Now);

        Assert.All(Enumerable.Range(0, 12), i => Assert.Contains(after, a => a.Author == $"x/@a{i:00}" && a.Tally.Mentions == 60));
        Assert.Equal(before.Select(a => (a.Author, a.Tally.Mentions)), after.Select(a => (a.Author, a.Tally.Mentions)));
        Assert.Equal(120, aggregate.Influence.Hashtags(TimeWindow.OneDay, Now)["steady"]);
    }

    [Fact]
    public void A_surge_of_an_intent_trends_apart_from_the_concepts()
    {
        var builder = new BrandDeltaBuilder();
        for (var m = 1; m < 60; m++)
        {
            builder.Add(Post($"steady{m}", Now - TimeSpan.FromMinutes(m), "@a"), PostAnalysis.Empty with { Concepts = ["price"] });
        }

        for (var i = 0; i < 12; i++)
        {
            builder.Add(Post($"angry{i}", Now - TimeSpan.FromMinutes(i % 10), "@b" + i), PostAnalysis.Empty with { Intents = ["complaint"] });
        }

        var aggregate = new BrandAggregate();
        aggregate.Apply(builder.Build());

        var complaint = Assert.Single(Trending.Of(aggregate, TimeWindow.FifteenMinutes, Now), t => t.Value == "complaint");
        Assert.Equal((TrendKind.Intent, 12L, 0.0), (complaint.Kind, complaint.Observed, complaint.Expected));
    }

    [Fact]
    public void A_days_concept_baseline_is_scaled_by_the_time_its_hours_cover()
    {
        // At 12:09:51 the day's minutes start at 12:10 yesterday and the week's hours at 13:00 seven
        // days back: the baseline between is 5 days, 23 hours and 10 minutes, not 6 days. #price is
        // written every hour at :20, and 20 times more in the last hour.
        var now = new DateTimeOffset(2026, 11, 25, 12, 9, 51, TimeSpan.Zero);
        var builder = new BrandDeltaBuilder();
        for (var at = StartOfHour(now) - TimeSpan.FromDays(8) + TimeSpan.FromMinutes(20); at < now; at += TimeSpan.FromHours(1))
        {
            builder.Add(Post($"hourly{at:MMddHH}", at, "@a"), PostAnalysis.Empty with { Concepts = ["price"] });
        }

        for (var i = 0; i < 20; i++)
        {
            builder.Add(Post($"burst{i}", now - TimeSpan.FromMinutes(i + 1), "@b" + i), PostAnalysis.Empty with { Concepts = ["price"] });
        }

        var aggregate = new BrandAggregate();
        aggregate.Apply(builder.Build());

        // 143 hourly posts from 13:20 seven days back to 11:20 yesterday; 24 + 20 in the day.
        var price = Assert.Single(Trending.Of(aggregate, TimeWindow.OneDay, now), t => t.Value == "price");
        Assert.Equal(44, price.Observed);
        Assert.Equal(Math.Round(143 * 1440 / 8590.0, 3), price.Expected);
    }

    [Fact]
    public void A_hashtags_baseline_is_scaled_by_the_time_its_panes_cover()
    {
        // At 12:30 a day's hashtags are read from the hour panes since 13:00 yesterday (23.5 hours),
        // the week's from the day panes since 00:00 six days ago: the baseline is the 133 hours
        // between, not 6 days. #even is written every hour at :35; #rising too, and twice an
        // hour within the day.
        var aggregate = new BrandAggregate();
        var posts = new List<(Post, SentimentScore?)>();
        var windowStart = StartOfHour(Now) - TimeSpan.FromHours(23);
        for (var at = StartOfHour(Now) - TimeSpan.FromDays(8) + TimeSpan.FromMinutes(35); at < Now; at += TimeSpan.FromHours(1))
        {
            posts.Add((Post($"e{at.ToUnixTimeSeconds()}", at, "@e", text: "acme #even"), null));
            posts.Add((Post($"r{at.ToUnixTimeSeconds()}", at, "@r", text: "acme #rising"), null));
            if (at >= windowStart)
            {
                posts.Add((Post($"rr{at.ToUnixTimeSeconds()}", at, "@r", text: "acme #rising"), null));
            }
        }

        aggregate.Apply(Delta(posts));

        var trending = Trending.Of(aggregate, TimeWindow.OneDay, Now);

        var rising = Assert.Single(trending, t => t.Kind == TrendKind.Hashtag);
        Assert.Equal(("rising", 46L, 23.5), (rising.Value, rising.Observed, rising.Expected));
    }

    [Fact]
    public void The_reputation_index_weighs_sentiment_by_reach_over_the_trailing_week()
    {
        var aggregate = new BrandAggregate();
        aggregate.Apply(Delta([
            (Post("praise", Now - TimeSpan.FromHours(2), "@a", followers: 900), Positive),
            (Post("complaint", Now - TimeSpan.FromHours(3), "@b", followers: 100), Negative),
            (Post("shrug", Now - TimeSpan.FromHours(4), "@c", followers: 1_000), new SentimentScore(0, 0, 1, 0)),
            (Post("old rage", Now - TimeSpan.FromDays(8), "@d", followers: 1_000_000), Negative),
        ]));

        // (900 − 100) / (900 + 100 + 1000) × 100; the post of 8 days ago is outside the week.
        Assert.Equal(40, aggregate.Summary(TimeWindow.FifteenMinutes, Now).Reputation);
        var hourly = aggregate.Timeseries(TimeWindow.ThirtyDays, TimeStep.Hour, Now);
        Assert.Equal(-100, hourly.Single(p => p.Start == StartOfHour(Now - TimeSpan.FromDays(8))).Figures.Reputation);
        Assert.Equal(40, hourly[^1].Figures.Reputation);
    }

    [Theory]
    [InlineData("Loving #Acme and #ACME_fans!", "acme,acme_fans")]
    [InlineData("c# is no tag; ##x is x, #Café is cafe", "x,cafe")]
    [InlineData("#東京 #Ｓｈｏｐ", "東京,shop")]
    [InlineData("#東京オリンピック 2020 #ソニー、最高 #Sony東京 x #ｿﾆｰ", "東京オリンピック,ソニー,sony東京")]
    [InlineData("acme #solo #Solo #SOLO, #other and #sólo", "solo,other")]
    public void Hashtags_are_the_words_after_a_hash_folded_as_the_matcher_folds_them(string text, string expected) =>
        Assert.Equal(expected.Split(','), MentionFacts.Of(TestPosts.Make("p", Now, text: text)).Hashtags);

    [Fact]
    public void Posts_with_the_same_hashtag_share_one_string_for_it()
    {
        var first = MentionFacts.Of(TestPosts.Make("p1", Now, text: "#BlackFriday deals"));
        var second = MentionFacts.Of(TestPosts.Make("p2", Now, text: "more #blackfriday"));

        Assert.Same(first.Hashtags[0], second.Hashtags[0]);
        Assert.Equal("blackfriday", second.Hashtags[0]);

        // A long one-off is not kept: equal, but its own.
        var tag = "#" + new string('z', 65);
        var third = MentionFacts.Of(TestPosts.Make("p3", Now, text: tag));
        var fourth = MentionFacts.Of(TestPosts.Make("p4", Now, text: tag));
        Assert.Equal(third.Hashtags[0], fourth.Hashtags[0]);
        Assert.NotSame(third.Hashtags[0], fourth.Hashtags[0]);
    }

    [Theory]
    [InlineData(null, "@Jane_Doe", "x/@jane_doe", "@jane_doe")]
    [InlineData(null, "Jane", "x/@jane", "@jane")]
    [InlineData("12345", "@@ÉLAN", "x/@@élan", "12345")] // one @ is the sign: @@élan copies @élan
    [InlineData("12345", null, "x/12345", "12345")]
    [InlineData(null, "@@", "x/@@", "@@")]
    [InlineData(null, "", null, null)]
    [InlineData(null, null, null, null)]
    public void An_author_is_ranked_by_network_and_handle_and_counted_by_network_and_id_or_handle(string? id, string? handle, string? key, string? counted)
    {
        var post = TestPosts.Make("p", Now, authorId: id, handle: handle);

        var facts = MentionFacts.Of(post);

        Assert.Equal(key, facts.AuthorKey);
        // An empty handle names nobody: such posts are not one author between them.
        Assert.Equal(counted is null ? null : UniqueAuthorSketch.EntryOf(StableHash.Of("x", counted)), facts.AuthorEntry);
    }

    [Fact]
    public void Late_posts_leave_the_newer_sealed_panes_of_their_slots_sealed()
    {
        var influence = new BrandInfluence();
        var minute = EventTime.MinuteOf(Now);
        var author = new AuthorContribution("x/@a", new AuthorTally(1, 10, 0, 0, 0));
        influence.Apply(new MinuteDelta(minute, 1, 0, 0, [], []) { Authors = [author] });
        influence.Seal(minute + (3 * 24 * 60));
        Assert.Equal(3, influence.SealedPanes);

        // Every minute of the two days before the pane's day (so none of its minute, hour or day):
        // some share a slot with the sealed minute pane, some with the sealed hour pane.
        var firstBefore = (minute % (24 * 60)) + 1;
        for (var late = firstBefore; late < firstBefore + (2 * 24 * 60); late++)
        {
            influence.Apply(new MinuteDelta(minute - late, 1, 0, 0, [], []) { Authors = [author] });
        }

        Assert.Equal(3, influence.SealedPanes);
        Assert.Equal(1, influence.TopAuthors(TimeWindow.FifteenMinutes, TallyWeight.Mentions, 10, Now).Single().Tally.Mentions);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Sealed_panes_read_and_fill_the_same_as_open_ones(bool stored)
    {
        // Two brands fed the same minutes over three days, late ones among them; one seals its old
        // panes after every minute (kept in a history store or in memory), the other never does.
        using var history = stored ? new TestHistory(segmentBytes: 4_096) : null;
        var random = new Random(5);
        var sealing = new BrandInfluence(history?.Store);
        var open = new BrandInfluence();
        var newest = EventTime.MinuteOf(Now) - (3 * 24 * 60);
        for (var step = 0; step < 3_000; step++)
        {
            newest += random.Next(0, 3);
            var minute = random.Next(10) == 0 ? newest - random.Next(0, 2 * 24 * 60) : newest;
            var authors = Enumerable.Range(0, random.Next(0, 4))
                .Select(_ => new AuthorContribution(Name(random.Next(60)), new AuthorTally(1, random.Next(0, 100_000), random.Next(0, 50), random.Next(0, 2), 0)))
                .ToList();
            var hashtags = Enumerable.Range(0, random.Next(0, 3)).Select(_ => new TermContribution(Name(random.Next(90)).Replace("x/@", "#", StringComparison.Ordinal), random.Next(1, 3))).ToList();
            var delta = new MinuteDelta(minute, authors.Count, 0, 0, [], []) { Authors = authors, Hashtags = hashtags };
            sealing.Apply(delta);
            open.Apply(delta);
            sealing.Seal(newest);
        }

        Assert.True(sealing.SealedPanes > 40, $"only {sealing.SealedPanes} panes were sealed");

        var now = EventTime.StartOfMinute(newest);
        foreach (var window in TimeWindow.All)
        {
            foreach (var by in new[] { TallyWeight.Mentions, TallyWeight.Reach, TallyWeight.Engagement })
            {
                Assert.Equal(open.TopAuthors(window, by, 20, now), sealing.TopAuthors(window, by, 20, now));
            }

            Assert.Equal(open.Hashtags(window, now).OrderBy(h => h.Key), sealing.Hashtags(window, now).OrderBy(h => h.Key));
        }

        Assert.Equal(Describe(open.MinutePanes), Describe(sealing.MinutePanes));
        Assert.Equal(Describe(open.HourPanes), Describe(sealing.HourPanes));
        Assert.Equal(Describe(open.DayPanes), Describe(sealing.DayPanes));
        Assert.NotEmpty(sealing.DayPanes);
        if (history is not null)
        {
            Assert.True(history.Store.LiveBytes > 0, "no pane was kept in the history store");
            sealing.Release();
            Assert.Equal(0, history.Store.LiveBytes);
        }
    }

    // Sealed panes keep names as UTF-8, or as UTF-16 units when a name is not valid UTF-16: every
    // form must read back as the same key as in an open pane.
    private static string Name(int n) => (n % 6) switch
    {
        0 => $"x/@ação{n}",
        1 => $"x/@😀{n}",
        2 => $"x/@\ud83d{n}",
        3 => $"x/@{new string('w', 300)}{n}",
        4 => $"x/@{new string('v', 120)}{n}", // written through the heap, summed on the stack
        _ => $"x/@a{n}",
    };

    private static List<string> Describe(IEnumerable<InfluencePane> panes) => panes
        .Select(p => $"{p.Period}: {string.Join(" ", p.ByMentions.Entries.ToArray())} | {string.Join(" ", p.ByReach.Entries.ToArray())} | {string.Join(" ", p.ByEngagement.Entries.ToArray())} | {string.Join(" ", p.Hashtags.Entries.ToArray())}")
        .ToList();

    /// <summary>Applies an hour's posts one batch per minute, as the ingest graph's rounds would.</summary>
    private static void FeedHourByMinute(BrandAggregate aggregate, DateTimeOffset hour, Func<int, DateTimeOffset, IEnumerable<Post>> postsOfMinute)
    {
        for (var m = 0; m < 60; m++)
        {
            var at = hour + TimeSpan.FromMinutes(m);
            aggregate.Apply(Delta(postsOfMinute(m, at).Select(p => (p, (SentimentScore?)null))));
        }
    }

    private static DateTimeOffset StartOfHour(DateTimeOffset at) => EventTime.StartOfHour(EventTime.HourOf(EventTime.MinuteOf(at)));

    private static Post Post(string id, DateTimeOffset at, string handle, long followers = 0, long likes = 0, string text = "acme") =>
        TestPosts.Make(id, at, text: text, handle: handle, followers: followers, engagement: new Engagement(likes, 0, 0, 0));

    private static BrandDelta Delta(IEnumerable<(Post Post, SentimentScore? Score)> posts)
    {
        var builder = new BrandDeltaBuilder();
        foreach (var (post, score) in posts)
        {
            builder.Add(post, PostAnalysis.Empty with { Sentiment = score });
        }

        return builder.Build();
    }
}
