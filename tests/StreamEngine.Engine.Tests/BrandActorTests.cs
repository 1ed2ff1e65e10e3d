using Akka.Actor;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Alerts;
using StreamEngine.Domain.Threats;
using StreamEngine.Domain.Sketches;
using StreamEngine.Domain.Posts;
using StreamEngine.Engine.Brands;
using StreamEngine.Engine.Serialization;

namespace StreamEngine.Engine.Tests;

public sealed class BrandActorTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(15);

    private readonly SqliteTestDatabase _database;
    private readonly TestClock _clock = new();

    public BrandActorTests()
        : this(new SqliteTestDatabase())
    {
    }

    private BrandActorTests(SqliteTestDatabase database)
        : base(database.Config, "brand-actor-tests")
    {
        _database = database;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _database.Dispose();
        }
    }

    private IActorRef Brand(string brandId, BrandActorSettings? settings = null) =>
        Sys.ActorOf(BrandActor.PropsFor(brandId, _clock, settings ?? new BrandActorSettings()));

    /// <summary>Records the batches one after the other, each acknowledged before the next is sent.</summary>
    private async Task<BrandAggregate> RecordAsync(IActorRef brand, string brandId, IEnumerable<BrandDelta> batches)
    {
        var expected = new BrandAggregate();
        foreach (var delta in batches)
        {
            brand.Tell(new RecordMentions(brandId, delta), TestActor);
            var ack = await ExpectMsgAsync<MentionsAcknowledged>(Generous);
            Assert.Equal(brandId, ack.BrandId);
            Assert.Equal(delta.Mentions, ack.Mentions);
            expected.Apply(delta);
        }

        return expected;
    }

    private async Task StopAsync(IActorRef brand)
    {
        await WatchAsync(brand);
        brand.Tell(PoisonPill.Instance);
        await ExpectTerminatedAsync(brand, Generous);
    }

    private static IEnumerable<BrandDelta> Batches(int count) => Enumerable.Range(0, count).Select(i => TestData.Batch(i, TestClock.DefaultNow));

    [Fact]
    public async Task RecordMentions_is_answered_with_MentionsAcknowledged_carrying_the_mention_count()
    {
        var brand = Brand("acme");
        var delta = TestData.Batch(0, _clock.Now);

        brand.Tell(new RecordMentions("acme", delta), TestActor);

        var ack = await ExpectMsgAsync<MentionsAcknowledged>(Generous);
        Assert.Equal(new MentionsAcknowledged("acme", 6), ack);
    }

    [Fact]
    public async Task A_batch_the_journal_cannot_write_is_answered_with_the_cause_at_once()
    {
        var brand = Brand("acme");
        await RecordAsync(brand, "acme", Batches(1));
        _database.RefuseJournalWrites("database or disk is full");

        brand.Tell(new RecordMentions("acme", TestData.Batch(1, _clock.Now)), TestActor);

        // Not a silence the ingest graph would wait out for 30 s before answering 503 without a cause.
        var failure = await ExpectMsgAsync<Status.Failure>(Generous);
        Assert.Contains("database or disk is full", failure.Cause.Message, StringComparison.Ordinal);

        // As an exception every node can rebuild: the store's own may not travel.
        Assert.IsType<BrandJournalFailedException>(failure.Cause);
        Assert.Contains("brand 'acme'", failure.Cause.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_brand_whose_journal_does_not_read_back_says_so_instead_of_going_silent()
    {
        var globex = Brand("globex");
        var globexExpected = await RecordAsync(globex, "globex", Batches(1));
        await StopAsync(globex);
        var acme = Brand("acme");
        await RecordAsync(acme, "acme", Batches(2));
        await StopAsync(acme);
        _database.GarbleJournalRows("brand-acme");
        Sys.EventStream.Subscribe(TestActor, typeof(BrandRecoveryFailed));

        Brand("acme").Tell(new GetBrandSummary("acme", TimeWindow.OneDay), TestActor);

        var failed = await ExpectMsgAsync<BrandRecoveryFailed>(Generous);
        Assert.Equal("acme", failed.BrandId);
        Assert.Contains("brand-acme", failed.Cause, StringComparison.Ordinal);
        Assert.Contains("EndOfStreamException", failed.Cause, StringComparison.Ordinal);
        // The brand beside it recovers as before.
        BrandView.AssertEqual(BrandView.Of(globexExpected, _clock.Now), await BrandView.Of(Brand("globex"), "globex"));
    }

    [Fact]
    public async Task A_brand_whose_snapshot_a_later_engine_wrote_fails_its_recovery_naming_the_format()
    {
        var settings = new BrandActorSettings(SnapshotEvery: 3);
        var acme = Brand("acme", settings);
        await RecordAsync(acme, "acme", Batches(3));
        await AwaitConditionAsync(() => Task.FromResult(_database.Holds(db => db.SnapshotRowsOf("brand-acme").Count == 1)), Generous);
        await StopAsync(acme);
        _database.RelabelSnapshots("brand-acme", "brand-snapshot.v99");
        Sys.EventStream.Subscribe(TestActor, typeof(BrandRecoveryFailed));

        Brand("acme", settings).Tell(new GetBrandSummary("acme", TimeWindow.OneDay), TestActor);

        var failed = await ExpectMsgAsync<BrandRecoveryFailed>(Generous);
        Assert.Equal("acme", failed.BrandId);
        Assert.Contains("brand-snapshot.v99", failed.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_a_brand_that_cannot_recover_was_sent_is_answered_as_not_done_with_the_cause()
    {
        // The brand stops with the batch and the query it was sent still stashed: without an answer
        // their senders would wait out their asks, on whichever node they run.
        Sys.ActorOf(BrandStopAnswers.Props());
        var acme = Brand("acme");
        await RecordAsync(acme, "acme", Batches(2));
        await StopAsync(acme);
        _database.GarbleJournalRows("brand-acme");
        var batchSender = CreateTestProbe();
        var querySender = CreateTestProbe();
        var announcer = CreateTestProbe();

        var restarted = Brand("acme");
        restarted.Tell(new RecordMentions("acme", TestData.Batch(3, _clock.Now)), batchSender);
        restarted.Tell(new GetBrandSummary("acme", TimeWindow.OneDay), querySender);
        restarted.Tell(new FirehoseReachedMinute("acme", 0), announcer);

        var batch = await batchSender.ExpectMsgAsync<Status.Failure>(Generous);
        var stopped = Assert.IsType<BrandStoppedException>(batch.Cause);
        Assert.Contains("brand 'acme' could not recover its figures from the store (EndOfStreamException", stopped.Message, StringComparison.Ordinal);
        Assert.Contains("the batch it was sent was not handled", stopped.Message, StringComparison.Ordinal);
        Assert.IsType<BrandStoppedException>((await querySender.ExpectMsgAsync<Status.Failure>(Generous)).Cause);

        // Told, not asked: the announcement gets no answer, so the first its sender hears is that of
        // a batch it sends after it.
        restarted.Tell(new RecordMentions("acme", TestData.Batch(4, _clock.Now)), announcer);
        Assert.Contains("the batch it was sent was not handled", (await announcer.ExpectMsgAsync<Status.Failure>(Generous)).Cause.Message, StringComparison.Ordinal);
        Assert.Equal(2, _database.JournalRows("brand-acme").Count);
    }

    [Fact]
    public async Task A_batch_arriving_after_its_take_up_time_is_refused_unwritten()
    {
        var brand = Brand("acme");
        var expected = await RecordAsync(brand, "acme", Batches(1));

        // Held up (its shard moving) past the time it had to be taken up: refused, its sender
        // reports it not journaled, and its posts are sent again.
        brand.Tell(new RecordMentions("acme", TestData.Batch(1, _clock.Now), WriteBy: _clock.Now - TimeSpan.FromSeconds(1)), TestActor);

        var refused = await ExpectMsgAsync<Status.Failure>(Generous);
        Assert.Contains("after the time it had to take it up", refused.Cause.Message, StringComparison.Ordinal);
        brand.Tell(new RecordMentions("acme", TestData.Batch(2, _clock.Now), WriteBy: _clock.Now + TimeSpan.FromSeconds(1)), TestActor);
        expected.Apply(TestData.Batch(2, _clock.Now));
        await ExpectMsgAsync<MentionsAcknowledged>(Generous);
        Assert.Equal([1L, 2L], _database.JournalRows("brand-acme").Select(r => r.SequenceNr));
        BrandView.AssertEqual(BrandView.Of(expected, _clock.Now), await BrandView.Of(brand, "acme"));
    }

    [Fact]
    public async Task A_brand_handed_to_another_node_stops_only_once_its_batches_are_acknowledged()
    {
        var brand = Brand("acme");
        await WatchAsync(brand);
        var batches = Batches(5).ToList();
        foreach (var delta in batches)
        {
            brand.Tell(new RecordMentions("acme", delta), TestActor);
        }

        brand.Tell(StopBrand.Instance);

        foreach (var delta in batches)
        {
            Assert.Equal(delta.Mentions, (await ExpectMsgAsync<MentionsAcknowledged>(Generous)).Mentions);
        }

        await ExpectTerminatedAsync(brand, Generous);
        Assert.Equal(5, _database.JournalRows("brand-acme").Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task The_alert_a_brands_last_batch_raises_is_journaled_and_published_before_the_brand_stops(int snapshotOnStopAfter)
    {
        var published = CreateTestProbe();
        Sys.EventStream.Subscribe(published.Ref, typeof(AlertPublished));
        var brand = Brand("acme", new BrandActorSettings(SnapshotOnStopAfter: snapshotOnStopAfter));
        await WatchAsync(brand);
        var threat = new ThreatSighting(_clock.Now, new ThreatFinding(ThreatKind.Impersonation, "acme", "p1", "@acme_help", "@acme_help: @acme + 'help'", ThreatSeverity.High));

        brand.Tell(new RecordMentions("acme", TestData.Batch(0, _clock.Now) with { Threats = [threat] }), TestActor);
        brand.Tell(StopBrand.Instance);

        await ExpectMsgAsync<MentionsAcknowledged>(Generous);
        await ExpectTerminatedAsync(brand, Generous);
        Assert.Equal("acme", (await published.ExpectMsgAsync<AlertPublished>(Generous)).Alert.BrandId);
        Assert.Equal(2, _database.JournalRows("brand-acme").Count);

        brand = Brand("acme");
        brand.Tell(new GetBrandAlerts("acme", DateTimeOffset.MinValue), TestActor);
        Assert.Single((await ExpectMsgAsync<BrandAlerts>(Generous)).Alerts);
    }

    [Fact]
    public async Task A_batch_that_reaches_a_stopping_brand_is_journaled_and_acknowledged_before_it_stops()
    {
        var brand = Brand("acme");
        await WatchAsync(brand);
        var batches = Batches(2).ToList();

        brand.Tell(new RecordMentions("acme", batches[0]), TestActor);
        brand.Tell(StopBrand.Instance);
        brand.Tell(new RecordMentions("acme", batches[1]), TestActor);

        Assert.Equal(batches[0].Mentions, (await ExpectMsgAsync<MentionsAcknowledged>(Generous)).Mentions);
        Assert.Equal(batches[1].Mentions, (await ExpectMsgAsync<MentionsAcknowledged>(Generous)).Mentions);
        await ExpectTerminatedAsync(brand, Generous);
        Assert.Equal(2, _database.JournalRows("brand-acme").Count);
    }

    [Fact]
    public async Task A_brand_stopped_with_batches_past_its_last_snapshot_snapshots_them_and_starts_again_from_that_snapshot()
    {
        var brand = Brand("acme", new BrandActorSettings(SnapshotOnStopAfter: 3));
        var expected = await RecordAsync(brand, "acme", Batches(4));
        var before = await BrandView.Of(brand, "acme");
        BrandView.AssertEqual(BrandView.Of(expected, _clock.Now), before);
        Assert.Empty(_database.SnapshotRowsOf("brand-acme"));

        await WatchAsync(brand);
        brand.Tell(StopBrand.Instance);
        await ExpectTerminatedAsync(brand, Generous);

        Assert.Equal(4, Assert.Single(_database.SnapshotRowsOf("brand-acme")).SequenceNr);
        // The rows stay until the brand's next snapshot prunes them. Unreadable, they cannot be what
        // the brand recovers from: only the snapshot can.
        Assert.Equal(4, _database.JournalRows("brand-acme").Count(r => !r.Deleted));
        _database.GarbleJournalRows("brand-acme");
        BrandView.AssertEqual(before, await BrandView.Of(Brand("acme"), "acme"));
    }

    [Fact]
    public async Task A_brand_with_fewer_batches_than_its_setting_or_told_never_stops_without_a_snapshot()
    {
        var idle = Brand("idle", new BrandActorSettings(SnapshotOnStopAfter: 1));
        await BrandView.Of(idle, "idle");
        var few = Brand("few", new BrandActorSettings(SnapshotOnStopAfter: 3));
        await RecordAsync(few, "few", Batches(2));
        var never = Brand("never", new BrandActorSettings(SnapshotOnStopAfter: 0));
        await RecordAsync(never, "never", Batches(5));

        IActorRef[] brands = [idle, few, never];
        foreach (var brand in brands)
        {
            await WatchAsync(brand);
            brand.Tell(StopBrand.Instance);
        }

        var stopped = new List<IActorRef>();
        foreach (var _ in brands)
        {
            stopped.Add((await ExpectMsgAsync<Terminated>(Generous)).ActorRef);
        }

        Assert.Equivalent(brands, stopped);
        Assert.All(new[] { "brand-idle", "brand-few", "brand-never" }, id => Assert.Empty(_database.SnapshotRowsOf(id)));
    }

    [Fact]
    public async Task A_snapshot_taken_as_the_brand_stopped_leaves_the_count_towards_the_next_pruning_snapshot_going_on()
    {
        var settings = new BrandActorSettings(SnapshotEvery: 5, SnapshotOnStopAfter: 2);
        var brand = Brand("acme", settings);
        await RecordAsync(brand, "acme", Batches(3));
        await WatchAsync(brand);
        brand.Tell(StopBrand.Instance);
        await ExpectTerminatedAsync(brand, Generous);
        Assert.Equal(3, Assert.Single(_database.SnapshotRowsOf("brand-acme")).SequenceNr);

        // Three behind the snapshot and two more make five: the snapshot after the fifth is a pruning
        // one, and takes away the snapshot before it, as if the brand had never stopped. (Its prune of
        // the journal goes to the plugin's SQLite journal of this test, which failed it in about a
        // third of the runs, the rows then left for the next snapshot: the other pruning tests here
        // cover that prune.)
        var restarted = Brand("acme", settings);
        await RecordAsync(restarted, "acme", Batches(5).Skip(3));
        var expected = new BrandAggregate();
        foreach (var delta in Batches(5))
        {
            expected.Apply(delta);
        }

        await AwaitConditionAsync(() => Task.FromResult(_database.Holds(db => db.SnapshotRowsOf("brand-acme") is [{ SequenceNr: 5 }])), Generous);
        BrandView.AssertEqual(BrandView.Of(expected, _clock.Now), await BrandView.Of(restarted, "acme"));
    }

    [Fact]
    public async Task A_brand_whose_snapshot_fails_as_it_stops_still_stops_and_recovers_every_batch_from_its_journal()
    {
        var brand = Brand("acme", new BrandActorSettings(SnapshotOnStopAfter: 1));
        var expected = await RecordAsync(brand, "acme", Batches(3));
        _database.RefuseSnapshotWrites("database or disk is full");

        await WatchAsync(brand);
        brand.Tell(StopBrand.Instance);
        await ExpectTerminatedAsync(brand, Generous);

        Assert.Empty(_database.SnapshotRowsOf("brand-acme"));
        BrandView.AssertEqual(BrandView.Of(expected, _clock.Now), await BrandView.Of(Brand("acme"), "acme"));
    }

    [Fact]
    public async Task GetBrandSummary_reflects_an_acknowledged_batch()
    {
        var brand = Brand("acme");
        var now = _clock.Now;
        var delta = TestData.Delta(
            (TestData.Post("p1", now - TimeSpan.FromMinutes(1), authorId: "ana", followers: 100, engagement: new Engagement(1, 2, 3, 1000)), []),
            (TestData.Post("p2", now - TimeSpan.FromMinutes(5), authorId: "ana", followers: 100, engagement: new Engagement(4, 0, 0, 0)), []),
            (TestData.Post("p3", now - TimeSpan.FromMinutes(40), authorId: "bo", followers: 7), []),
            (TestData.Post("p4", now - TimeSpan.FromDays(3), authorId: "cy", followers: 1000), []));
        await RecordAsync(brand, "acme", [delta]);

        brand.Tell(new GetBrandSummary("acme", TimeWindow.FifteenMinutes), TestActor);
        var fifteen = await ExpectMsgAsync<BrandSummary>(Generous);
        brand.Tell(new GetBrandSummary("acme", TimeWindow.ThirtyDays), TestActor);
        var thirty = await ExpectMsgAsync<BrandSummary>(Generous);

        Assert.Equal("acme", fifteen.BrandId);
        Assert.Equal(TimeWindow.FifteenMinutes, fifteen.Window);
        Assert.Equal(_clock.Now, fifteen.AsOf);
        Assert.Equal(new BrandFigures(Mentions: 2, Reach: 200, Engagement: 10, UniqueAuthors: 1, Sentiment: Unscored(2)), fifteen.Figures);
        Assert.Equal(new BrandFigures(Mentions: 4, Reach: 1207, Engagement: 10, UniqueAuthors: 3, Sentiment: Unscored(4)), thirty.Figures);
    }

    [Fact]
    public async Task A_brand_with_no_mentions_answers_with_zero_figures()
    {
        var brand = Brand("initech");

        brand.Tell(new GetBrandSummary("initech", TimeWindow.OneDay), TestActor);

        var summary = await ExpectMsgAsync<BrandSummary>(Generous);
        Assert.Equal(new BrandFigures(0, 0, 0, 0, Sentiment: Unscored(0)), summary.Figures);
    }

    [Fact]
    public async Task GetBrandSegments_answers_mentions_per_value_most_mentioned_first()
    {
        var brand = Brand("acme");
        var now = _clock.Now;
        await RecordAsync(brand, "acme",
        [
            TestData.Delta(
                (TestData.Post("p1", now - TimeSpan.FromMinutes(1), country: "DE"), ["delivery"]),
                (TestData.Post("p2", now - TimeSpan.FromMinutes(2), country: "DE"), ["delivery", "price"]),
                (TestData.Post("p3", now - TimeSpan.FromMinutes(3), country: "US"), ["price"])),
            TestData.Delta(
                (TestData.Post("p4", now - TimeSpan.FromMinutes(4), country: "DE"), []),
                (TestData.Post("p5", now - TimeSpan.FromHours(2), country: "FR"), ["delivery"])),
        ]);

        brand.Tell(new GetBrandSegments("acme", SegmentDimension.Country, TimeWindow.FifteenMinutes), TestActor);
        var countries = await ExpectMsgAsync<BrandSegments>(Generous);
        brand.Tell(new GetBrandSegments("acme", SegmentDimension.Concept, TimeWindow.OneDay), TestActor);
        var concepts = await ExpectMsgAsync<BrandSegments>(Generous);

        Assert.Equal(SegmentDimension.Country, countries.Dimension);
        Assert.Equal(4, countries.Mentions);
        Assert.Equal([new SegmentFigure("DE", 3), new SegmentFigure("US", 1)], countries.Segments);
        Assert.Equal(5, concepts.Mentions);
        Assert.Equal([new SegmentFigure("delivery", 3), new SegmentFigure("price", 2)], concepts.Segments);
    }

    [Fact]
    public async Task GetBrandTimeseries_answers_one_point_per_step_with_each_steps_figures()
    {
        var brand = Brand("acme");
        var now = _clock.Now;
        await RecordAsync(brand, "acme",
        [
            TestData.Delta(
                (TestData.Post("p1", now - TimeSpan.FromMinutes(1), followers: 5), []),
                (TestData.Post("p2", now - TimeSpan.FromMinutes(1), followers: 6), []),
                (TestData.Post("p3", now - TimeSpan.FromMinutes(10), followers: 7), []),
                (TestData.Post("p4", now - TimeSpan.FromMinutes(90), followers: 8), [])),
        ]);

        brand.Tell(new GetBrandTimeseries("acme", TimeWindow.FifteenMinutes, TimeStep.Minute), TestActor);
        var minutes = await ExpectMsgAsync<BrandTimeseries>(Generous);
        brand.Tell(new GetBrandTimeseries("acme", TimeWindow.OneDay, TimeStep.Hour), TestActor);
        var hours = await ExpectMsgAsync<BrandTimeseries>(Generous);

        Assert.Equal(15, minutes.Points.Count);
        Assert.Equal(now - TimeSpan.FromMinutes(14), minutes.Points[0].Start);
        Assert.Equal(now, minutes.Points[^1].Start);
        Assert.Equal(new BrandFigures(2, 11, 0, 2, Sentiment: Unscored(2)), minutes.Points.Single(p => p.Start == now - TimeSpan.FromMinutes(1)).Figures);
        Assert.Equal(new BrandFigures(1, 7, 0, 1, Sentiment: Unscored(1)), minutes.Points.Single(p => p.Start == now - TimeSpan.FromMinutes(10)).Figures);
        Assert.Equal(3, minutes.Points.Sum(p => p.Figures.Mentions));

        Assert.Equal(TimeStep.Hour, hours.Step);
        Assert.Equal(25, hours.Points.Count);
        Assert.Equal(now - TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1), hours.Points[0].Start);
        Assert.Equal(new BrandFigures(3, 18, 0, 3, Sentiment: Unscored(3)), hours.Points.Single(p => p.Start == now - TimeSpan.FromHours(1)).Figures);
        Assert.Equal(new BrandFigures(1, 8, 0, 1, Sentiment: Unscored(1)), hours.Points.Single(p => p.Start == now - TimeSpan.FromHours(2)).Figures);
    }

    [Fact]
    public async Task A_report_is_answered_in_one_message_with_each_part_as_its_own_query_answers_it()
    {
        var brand = Brand("acme");
        var now = _clock.Now;
        await RecordAsync(brand, "acme",
        [
            TestData.Delta(
                (TestData.Post("p1", now - TimeSpan.FromMinutes(1), authorId: "ana", followers: 500, country: "DE"), ["delivery"]),
                (TestData.Post("p2", now - TimeSpan.FromMinutes(2), authorId: "bo", followers: 20, country: "US"), ["delivery", "price"]),
                (TestData.Post("p3", now - TimeSpan.FromMinutes(30), authorId: "ana", followers: 500), ["price"])),
        ]);
        SegmentDimension[] dimensions = [SegmentDimension.Country, SegmentDimension.Concept];

        brand.Tell(new GetBrandReport("acme", TimeWindow.OneHour, TimeStep.Minute, dimensions, 10, now - TimeSpan.FromHours(1)), TestActor);
        var report = await ExpectMsgAsync<BrandReportParts>(Generous);
        brand.Tell(new GetBrandSummary("acme", TimeWindow.OneHour), TestActor);
        var summary = await ExpectMsgAsync<BrandSummary>(Generous);
        brand.Tell(new GetBrandTimeseries("acme", TimeWindow.OneHour, TimeStep.Minute), TestActor);
        var series = await ExpectMsgAsync<BrandTimeseries>(Generous);
        brand.Tell(new GetBrandInfluencers("acme", TimeWindow.OneHour, TallyWeight.Reach, 10), TestActor);
        var influencers = await ExpectMsgAsync<BrandInfluencers>(Generous);

        Assert.Equal(new BrandFigures(3, 1020, 0, 2, Sentiment: Unscored(3)), report.Summary.Figures);
        Assert.Equal(summary.Figures, report.Summary.Figures);
        Assert.Equal(series.Points, report.Timeseries.Points);
        Assert.Equal(dimensions, report.Segments.Select(s => s.Dimension));
        Assert.Equal([new SegmentFigure("DE", 1), new SegmentFigure("US", 1), new SegmentFigure("unknown", 1)], report.Segments[0].Segments.OrderBy(s => s.Value, StringComparer.Ordinal));
        Assert.Equal([new SegmentFigure("delivery", 2), new SegmentFigure("price", 2)], report.Segments[1].Segments.OrderBy(s => s.Value, StringComparer.Ordinal));
        Assert.All(report.Segments, s => Assert.Equal(3, s.Mentions));
        Assert.Equal(summary.Figures, report.Standing.Standing.Figures);
        Assert.Equal(2, report.Standing.Standing.ConceptMentions["delivery"]);
        Assert.Equal(influencers.Authors, report.Influencers.Authors);
        Assert.Equal(["ana", "bo"], report.Influencers.Authors.Select(a => a.Author[(a.Author.IndexOf('/') + 1)..]));
    }

    [Fact]
    public async Task A_restarted_brand_recovers_identical_summary_segments_and_timeseries_from_the_journal()
    {
        var brand = Brand("acme");
        var expected = await RecordAsync(brand, "acme", Batches(4));
        var before = await BrandView.Of(brand, "acme");
        BrandView.AssertEqual(BrandView.Of(expected, _clock.Now), before);

        await StopAsync(brand);
        var recovered = await BrandView.Of(Brand("acme"), "acme");

        BrandView.AssertEqual(before, recovered);
        Assert.True(recovered.Summaries[TimeWindow.ThirtyDays.Name].Mentions == 24, "all four batches of six should be back");
    }

    [Fact]
    public async Task Brands_recover_only_their_own_batches()
    {
        var acme = Brand("acme");
        var globex = Brand("globex");
        await RecordAsync(acme, "acme", Batches(2));
        var globexExpected = await RecordAsync(globex, "globex", [TestData.Batch(5, _clock.Now)]);
        await StopAsync(acme);
        await StopAsync(globex);

        var recovered = await BrandView.Of(Brand("globex"), "globex");

        BrandView.AssertEqual(BrandView.Of(globexExpected, _clock.Now), recovered);
    }

    [Fact]
    public async Task After_seven_batches_with_a_snapshot_every_three_a_restart_recovers_identical_figures()
    {
        var settings = new BrandActorSettings(SnapshotEvery: 3);
        var brand = Brand("acme", settings);
        var expected = await RecordAsync(brand, "acme", Batches(7));
        var before = await BrandView.Of(brand, "acme");
        BrandView.AssertEqual(BrandView.Of(expected, _clock.Now), before);

        // The snapshot after the sixth batch lands; then older snapshots and the events it covers are pruned,
        // so what comes back below can only come from that snapshot plus the seventh batch.
        await AwaitConditionAsync(() => Task.FromResult(_database.Holds(db =>
            db.SnapshotRowsOf("brand-acme") is [{ SequenceNr: 6 }]
            && db.JournalRows("brand-acme").All(r => r.Deleted || r.SequenceNr > 6))), Generous);
        await StopAsync(brand);
        var recovered = await BrandView.Of(Brand("acme", settings), "acme");

        BrandView.AssertEqual(before, recovered);
        Assert.Contains(_database.Tables(), t => t.Contains("snapshot", StringComparison.OrdinalIgnoreCase));
        Assert.True(_database.SnapshotRows() >= 1, "the snapshot table should hold the brand's snapshot");
        var snapshot = Assert.Single(_database.SnapshotRowsOf("brand-acme"));
        Assert.Equal(BrandStateSerializer.SerializerId, snapshot.SerializerId);
        Assert.Equal("brand-snapshot.v4", snapshot.Manifest);
        var live = Assert.Single(_database.JournalRows("brand-acme"), r => !r.Deleted);
        Assert.Equal(7, live.SequenceNr);
        Assert.Equal(BrandStateSerializer.SerializerId, live.SerializerId);
        Assert.Equal("mentions-recorded.v3", live.Manifest);
    }

    [Fact]
    public async Task Batches_that_span_many_minutes_snapshot_before_the_batch_count_comes_round()
    {
        // Each test batch holds posts of six different minutes.
        var settings = new BrandActorSettings(SnapshotEvery: 1_000, SnapshotEveryMinutes: 10);
        var brand = Brand("acme", settings);

        await RecordAsync(brand, "acme", Batches(1));
        Assert.Empty(_database.SnapshotRowsOf("brand-acme"));
        await RecordAsync(brand, "acme", Batches(2).Skip(1));

        await AwaitConditionAsync(() => Task.FromResult(_database.Holds(db => db.SnapshotRowsOf("brand-acme") is [{ SequenceNr: 2 }])), Generous);
    }

    [Fact]
    public async Task Batches_replayed_at_a_restart_count_towards_the_next_snapshot()
    {
        var settings = new BrandActorSettings(SnapshotEvery: 3);
        var brand = Brand("acme", settings);
        await RecordAsync(brand, "acme", Batches(2));
        await StopAsync(brand);
        Assert.Empty(_database.SnapshotRowsOf("brand-acme"));

        var restarted = Brand("acme", settings);
        await RecordAsync(restarted, "acme", Batches(3).Skip(2));

        // Two replayed and one new make three: the snapshot lands after the third, not the fifth.
        await AwaitConditionAsync(() => Task.FromResult(_database.Holds(db => db.SnapshotRowsOf("brand-acme") is [{ SequenceNr: 3 }])), Generous);
    }

    [Fact]
    public async Task A_brand_keeps_its_sealed_history_in_the_nodes_store_gives_it_back_on_stopping_and_recovers_it()
    {
        var directory = Directory.CreateTempSubdirectory("streamengine-history-test-");
        try
        {
            using var history = HistoryStore.Open(directory.FullName);
            var settings = new BrandActorSettings(SnapshotEvery: 3, History: history);
            var brand = Brand("acme", settings);
            var expected = await RecordAsync(brand, "acme", Batches(7));
            var before = await BrandView.Of(brand, "acme");

            BrandView.AssertEqual(BrandView.Of(expected, _clock.Now), before);
            Assert.True(history.LiveBytes > 0, "the brand's sealed hours and panes should lie in the store");

            await StopAsync(brand);
            Assert.Equal(0, history.LiveBytes);

            var recovered = await BrandView.Of(Brand("acme", settings), "acme");
            BrandView.AssertEqual(before, recovered);
            Assert.True(history.LiveBytes > 0, "the recovered brand should write its sealed history again");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_query_whose_history_cannot_be_read_back_is_answered_as_such_and_the_brand_goes_on()
    {
        var directory = Directory.CreateTempSubdirectory("streamengine-history-test-");
        try
        {
            var history = HistoryStore.Open(directory.FullName);
            var brand = Brand("acme", new BrandActorSettings(History: history));
            await RecordAsync(brand, "acme", Batches(3));

            // A batch is acknowledged before it is folded: this answer comes after the last fold.
            brand.Tell(new GetBrandAlerts("acme", DateTimeOffset.MinValue), TestActor);
            await ExpectMsgAsync<BrandAlerts>(Generous);
            Assert.True(history.LiveBytes > 0);

            // Its files closed under it, as a failed disk would leave the reads.
            history.Dispose();
            brand.Tell(new GetBrandSummary("acme", TimeWindow.ThirtyDays), TestActor);

            var failure = await ExpectMsgAsync<Status.Failure>(Generous);
            var cause = Assert.IsType<BrandHistoryUnreadableException>(failure.Cause);
            Assert.StartsWith("brand acme could not read its sealed history back from the history store:", cause.Message, StringComparison.Ordinal);
            brand.Tell(new GetBrandAlerts("acme", DateTimeOffset.MinValue), TestActor);
            Assert.Equal("acme", (await ExpectMsgAsync<BrandAlerts>(Generous)).BrandId);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_brand_restarted_right_after_a_snapshot_keeps_counting_from_there()
    {
        // Six batches end exactly on a snapshot whose events are then deleted from the journal: the
        // sequence numbers of later batches must still follow on, or recovery would skip them.
        var settings = new BrandActorSettings(SnapshotEvery: 3);
        var brand = Brand("acme", settings);
        var expected = await RecordAsync(brand, "acme", Batches(6));
        // The newest snapshot is what matters: the snapshot store may commit the one at 3 after the
        // one at 6 has pruned what came before it, and recovery reads the newest anyway.
        await AwaitConditionAsync(() => Task.FromResult(_database.Holds(db =>
            db.SnapshotRowsOf("brand-acme").Max(r => (long?)r.SequenceNr) == 6
            && db.JournalRows("brand-acme").All(r => r.Deleted))), Generous);
        await StopAsync(brand);

        var second = Brand("acme", settings);
        var more = Enumerable.Range(10, 2).Select(i => TestData.Batch(i, _clock.Now)).ToList();
        await RecordAsync(second, "acme", more);
        foreach (var delta in more)
        {
            expected.Apply(delta);
        }

        await StopAsync(second);
        Assert.Equal([7L, 8L], _database.JournalRows("brand-acme").Where(r => !r.Deleted).Select(r => r.SequenceNr));
        var recovered = await BrandView.Of(Brand("acme", settings), "acme");

        BrandView.AssertEqual(BrandView.Of(expected, _clock.Now), recovered);
    }

    [Fact]
    public async Task A_brand_gone_silent_has_its_dip_raised_as_the_firehose_moves_on()
    {
        // An hour of steady mentions up to ten minutes ago, then none: the brand's own event time
        // stays at its last post, so only the firehose's says that the silent minutes closed.
        var (brand, now) = await SteadyHourUntilTenMinutesAgoAsync();
        Assert.Empty(await AlertsAsync(brand));

        // Quiet on the clock for as long as the lag (while posts still come, as in a backfill, the
        // brand's own time judges): the firehose's time judges the silent minutes.
        _clock.Now += TimeSpan.FromMinutes(BrandActor.FirehoseLagMinutes);
        brand.Tell(new FirehoseReachedMinute("acme", EventTime.MinuteOf(_clock.GetUtcNow())));

        await AwaitAssertAsync(
            async () =>
            {
                var dip = Assert.Single(await AlertsAsync(brand), a => a.Metric == Domain.Alerts.AlertMetric.Mentions);
                Assert.Equal(Domain.Alerts.AlertDirection.Dip, dip.Direction);
                Assert.Equal(EventTime.StartOfMinute(now - 10), dip.Minute);
            },
            Generous);
    }

    [Fact]
    public async Task A_brand_gone_silent_while_its_rivals_are_mentioned_has_its_dip_raised_too()
    {
        var (brand, _) = await SteadyHourUntilTenMinutesAgoAsync();

        // Batches that carry only the rivals' mentions (for share of voice) come all through the
        // quiet, a minute apart: they are no mentions of the brand.
        for (var minute = 1; minute <= BrandActor.FirehoseLagMinutes; minute++)
        {
            _clock.Now += TimeSpan.FromMinutes(1);
            var rivals = new MinuteDelta(EventTime.MinuteOf(_clock.GetUtcNow()), 0, 0, 0, [], []) { CompetitorMentions = 30 };
            await RecordAsync(brand, "acme", [new BrandDelta([rivals])]);
        }

        brand.Tell(new FirehoseReachedMinute("acme", EventTime.MinuteOf(_clock.GetUtcNow())));

        await AwaitAssertAsync(
            async () =>
            {
                var dip = Assert.Single(await AlertsAsync(brand), a => a.Metric == Domain.Alerts.AlertMetric.Mentions);
                Assert.Equal(Domain.Alerts.AlertDirection.Dip, dip.Direction);
            },
            Generous);
    }

    /// <summary>A brand with 30 mentions a minute for an hour up to ten minutes ago, then none; and the minute it is now.</summary>
    private async Task<(IActorRef Brand, long Now)> SteadyHourUntilTenMinutesAgoAsync()
    {
        var brand = Brand("acme");
        var now = EventTime.MinuteOf(_clock.GetUtcNow());
        var steady = Enumerable.Range(0, 60)
            .Select(i => new MinuteDelta(now - 70 + i, 30, 3_000, 30, [], []))
            .ToList();
        await RecordAsync(brand, "acme", [new BrandDelta(steady)]);
        return (brand, now);
    }

    private async Task<IReadOnlyList<Domain.Alerts.Alert>> AlertsAsync(IActorRef brand) =>
        (await brand.Ask<BrandAlerts>(new GetBrandAlerts("acme", DateTimeOffset.MinValue), Generous)).Alerts;

    [Fact]
    public async Task A_brand_recovers_in_a_new_actor_system_pointed_at_the_same_database()
    {
        var settings = new BrandActorSettings(SnapshotEvery: 3);
        var brand = Brand("acme", settings);
        var expected = await RecordAsync(brand, "acme", Batches(5));
        var before = await BrandView.Of(brand, "acme");
        await StopAsync(brand);

        var other = ActorSystem.Create("brand-actor-tests-other", _database.Config);
        try
        {
            var recovered = await BrandView.Of(other.ActorOf(BrandActor.PropsFor("acme", _clock, settings)), "acme");

            BrandView.AssertEqual(before, recovered);
            BrandView.AssertEqual(BrandView.Of(expected, _clock.Now), recovered);
        }
        finally
        {
            await other.Terminate().WaitAsync(Generous);
        }
    }

    /// <summary>Batches built without an analysis carry posts whose sentiment was not scored.</summary>
    private static SentimentTally Unscored(long mentions) => new(0, 0, 0, mentions, 0);
}
