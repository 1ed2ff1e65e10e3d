using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Akka.Actor;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Model;
using StreamEngine.Engine.Brands;
using StreamEngine.Engine.Ingest;
using StreamEngine.Engine.Telemetry;

namespace StreamEngine.Engine.Tests;

public sealed class IngestPipelineTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(15);
    private static readonly DateTimeOffset At = TestClock.DefaultNow;

    private readonly ConcurrentQueue<RecordMentions> _received = new();

    private IngestPipeline Pipeline(Props region, IngestSettings? settings = null, CurrentModel? model = null) =>
        new(Sys, Sys.ActorOf(region), model ?? TestData.Model(), new TestClock(), settings ?? new IngestSettings());

    private static IngestChunk Chunk(int firstLine, params string[] lines) => new(TestData.Utf8(lines), firstLine);

    private static async Task<IngestOutcome> EnqueueAndWait(IngestPipeline pipeline, IngestChunk chunk)
    {
        Assert.True(await pipeline.TryEnqueueAsync(chunk, Generous, CancellationToken.None), "an idle pipeline should take the chunk");
        return await chunk.Outcome.WaitAsync(Generous);
    }

    [Fact]
    public async Task A_chunk_taken_is_unanswered_until_its_sender_has_its_answer()
    {
        // What a stop would leave unacknowledged: a node stopped with none says nothing was dropped.
        var silent = Pipeline(Akka.TestKit.TestActors.BlackHoleActor.Props);
        Assert.True(await silent.TryEnqueueAsync(Chunk(1, TestData.Line("u1", At - TimeSpan.FromMinutes(1), "acme")), Generous, CancellationToken.None));
        Assert.Equal(1, silent.UnansweredChunks);

        var answering = Pipeline(AcknowledgingRegion.PropsFor(_received));
        await EnqueueAndWait(answering, Chunk(1, TestData.Line("u2", At - TimeSpan.FromMinutes(1), "acme")));
        await AwaitConditionAsync(() => Task.FromResult(answering.UnansweredChunks == 0), Generous);
    }

    [Fact]
    public async Task A_chunk_is_counted_line_by_line_and_its_errors_numbered_from_its_first_line()
    {
        var pipeline = Pipeline(AcknowledgingRegion.PropsFor(_received));
        var text = string.Join("\n",
            TestData.Line("p1", At - TimeSpan.FromMinutes(1), "acme shipping was quick"),                 // 101 acme
            "",                                                                                            // 102 blank
            "{not json",                                                                                   // 103 rejected
            TestData.Line("p4", At - TimeSpan.FromMinutes(2), "Acme or Globex? the price decides"),       // 104 acme + globex
            "   \t",                                                                                       // 105 blank
            TestData.Line("p6", At - TimeSpan.FromDays(40), "acme long ago"),                             // 106 late
            TestData.Line("p7", At - TimeSpan.FromMinutes(3), "nothing to see here"),                     // 107 unmatched
            """{"id":"p8","text":"acme without a date"}""",                                                // 108 rejected
            TestData.Line("p9", At + TimeSpan.FromMinutes(10), "acme from the future"),                   // 109 rejected
            TestData.Line("p10", At - TimeSpan.FromHours(5), "initech"));                                 // 110 initech, no newline
        var chunk = new IngestChunk(Encoding.UTF8.GetBytes(text), 101);

        var outcome = await EnqueueAndWait(pipeline, chunk);

        Assert.True(outcome.Journaled, outcome.Failure);
        Assert.Null(outcome.Failure);
        Assert.True(chunk.Lines.IsEmpty, "once read, a chunk's bytes are released");
        Assert.Equal(5, outcome.Accepted);
        Assert.Equal(3, outcome.Rejected);
        Assert.Equal(1, outcome.Late);
        Assert.Equal(1, outcome.Unmatched);
        Assert.Equal([103, 108, 109], outcome.Errors.Select(e => e.Line));
        Assert.Contains("createdAt", outcome.Errors[1].Reason, StringComparison.Ordinal);
        Assert.Contains("ahead", outcome.Errors[2].Reason, StringComparison.Ordinal);
        Assert.Equal(
            new Dictionary<string, long> { ["acme"] = 2, ["globex"] = 1, ["initech"] = 1 },
            AcknowledgingRegion.MentionsPerBrand(_received));
    }

    [Fact]
    public async Task Each_brand_batch_carries_the_posts_figures_and_concepts()
    {
        var pipeline = Pipeline(AcknowledgingRegion.PropsFor(_received));
        var chunk = Chunk(1,
            TestData.Line("p1", At - TimeSpan.FromMinutes(1), "acme delivery and price", followers: 10),
            TestData.Line("p2", At - TimeSpan.FromMinutes(1), "acme delivery", followers: 20),
            TestData.Line("p3", At - TimeSpan.FromHours(2), "acme again", followers: 40));

        var outcome = await EnqueueAndWait(pipeline, chunk);

        Assert.True(outcome.Journaled, outcome.Failure);
        var batch = Assert.Single(_received);
        Assert.Equal("acme", batch.BrandId);
        Assert.Equal(3, batch.Delta.Mentions);
        Assert.Equal(70, batch.Delta.Minutes.Sum(m => m.Reach));
        Assert.Equal(3, batch.Delta.Minutes.Sum(m => m.Engagement));
        Assert.Equal(
            [EventTime.MinuteOf(At - TimeSpan.FromHours(2)), EventTime.MinuteOf(At - TimeSpan.FromMinutes(1))],
            batch.Delta.Minutes.Select(m => m.Minute));
        var concepts = batch.Delta.Minutes.SelectMany(m => m.Segments).Where(s => s.Dimension == SegmentDimension.Concept)
            .GroupBy(s => s.Value, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(s => s.Mentions), StringComparer.Ordinal);
        Assert.Equal(new Dictionary<string, long> { ["delivery"] = 2, ["price"] = 1 }, concepts);
        Assert.Equal(3, batch.Delta.Minutes.Sum(m => m.AuthorEntries.Count));
    }

    [Fact]
    public async Task Chunks_enqueued_together_journal_every_mention_of_every_brand()
    {
        var pipeline = Pipeline(AcknowledgingRegion.PropsFor(_received));
        var chunks = Enumerable.Range(0, 8).Select(c => Chunk(1 + (c * 4),
            TestData.Line($"c{c}-a", At - TimeSpan.FromMinutes(c), "acme"),
            TestData.Line($"c{c}-b", At - TimeSpan.FromMinutes(c + 1), "acme and globex"),
            TestData.Line($"c{c}-c", At - TimeSpan.FromHours(c), "the acme corp"),
            TestData.Line($"c{c}-d", At - TimeSpan.FromDays(c), "initech and globex"))).ToList();

        foreach (var chunk in chunks)
        {
            Assert.True(await pipeline.TryEnqueueAsync(chunk, Generous, CancellationToken.None));
        }

        var outcomes = await Task.WhenAll(chunks.Select(c => c.Outcome)).WaitAsync(Generous);

        Assert.All(outcomes, o => Assert.True(o.Journaled && o.Accepted == 4 && o.Rejected == 0, $"{o}"));
        Assert.Equal(
            new Dictionary<string, long> { ["acme"] = 24, ["globex"] = 16, ["initech"] = 8 },
            AcknowledgingRegion.MentionsPerBrand(_received));
    }

    [Fact]
    public async Task Chunks_of_one_round_are_folded_into_one_batch_per_brand()
    {
        var settings = new IngestSettings(ChunksPerRound: 4, BatchWindow: TimeSpan.FromMinutes(5));
        var pipeline = Pipeline(AcknowledgingRegion.PropsFor(_received), settings);
        var chunks = Enumerable.Range(0, 4).Select(c => Chunk(1,
            TestData.Line($"c{c}-a", At - TimeSpan.FromMinutes(c), "acme"),
            TestData.Line($"c{c}-b", At - TimeSpan.FromMinutes(c), "acme globex"))).ToList();

        foreach (var chunk in chunks)
        {
            Assert.True(await pipeline.TryEnqueueAsync(chunk, Generous, CancellationToken.None));
        }

        await Task.WhenAll(chunks.Select(c => c.Outcome)).WaitAsync(Generous);

        Assert.Equal(2, _received.Count);
        Assert.Equal(8, _received.Single(r => r.BrandId == "acme").Delta.Mentions);
        Assert.Equal(4, _received.Single(r => r.BrandId == "globex").Delta.Mentions);

        // Acme's share of voice is read against its competitor's mentions of the same minutes.
        var acme = _received.Single(r => r.BrandId == "acme").Delta.Minutes;
        Assert.All(acme, m => Assert.Equal(1, m.CompetitorMentions));
        Assert.Equal(4, acme.Count);
    }

    [Fact]
    public async Task Rounds_grow_once_rounds_the_limit_held_back_are_journaled_in_good_time()
    {
        var settings = new IngestSettings(ChunksPerRound: 12, BatchWindow: TimeSpan.FromMinutes(5));
        var pipeline = Pipeline(AcknowledgingRegion.PropsFor(_received), settings);
        Assert.Equal(RoundSize.FirstLimit, pipeline.RoundChunkLimit);

        // The window is too long to close a round: each closes full, at the limit of the moment.
        // The first wave fills the first limit's round; journaled at once, it raises the limit to
        // the most, which the second wave fills.
        var line = 0;
        foreach (var wave in new[] { RoundSize.FirstLimit, 12 })
        {
            var chunks = Enumerable.Range(0, wave).Select(_ => Chunk(1, TestData.Line($"p{line++}", At, "acme"))).ToList();
            foreach (var chunk in chunks)
            {
                Assert.True(await pipeline.TryEnqueueAsync(chunk, Generous, CancellationToken.None));
            }

            await Task.WhenAll(chunks.Select(c => c.Outcome)).WaitAsync(Generous);
        }

        Assert.Equal([RoundSize.FirstLimit, 12], _received.Select(r => (int)r.Delta.Mentions));
        Assert.Equal(12, pipeline.RoundChunkLimit);
    }

    [Fact]
    public async Task Rounds_shrink_when_brands_refuse_their_batches_and_do_not_grow_on_rounds_that_name_no_brand()
    {
        var settings = new IngestSettings(ChunksPerRound: 16, BatchWindow: TimeSpan.FromMinutes(5));
        var refused = Pipeline(RefusingRegion.PropsFor(_received), settings);
        var quiet = Pipeline(AcknowledgingRegion.PropsFor(_received), settings);

        // One full round of eight chunks, refused by its brand; two of chunks that name no brand.
        var chunks = Enumerable.Range(0, 8).Select(i => Chunk(1, TestData.Line($"p{i}", At, "acme"))).ToList();
        var unmatched = Enumerable.Range(0, 16).Select(i => Chunk(1, TestData.Line($"q{i}", At, "nothing to see here"))).ToList();
        foreach (var (pipeline, wave) in new[] { (refused, chunks), (quiet, unmatched) })
        {
            foreach (var chunk in wave)
            {
                Assert.True(await pipeline.TryEnqueueAsync(chunk, Generous, CancellationToken.None));
            }
        }

        var outcomes = await Task.WhenAll(chunks.Concat(unmatched).Select(c => c.Outcome)).WaitAsync(Generous);

        Assert.All(outcomes.Take(8), o => Assert.Contains("came after the time it had to be taken up", o.Failure, StringComparison.Ordinal));
        Assert.Equal(4, refused.RoundChunkLimit);
        Assert.All(outcomes.Skip(8), o => Assert.True(o.Journaled && o.Unmatched == 1, $"{o}"));
        Assert.Equal(RoundSize.FirstLimit, quiet.RoundChunkLimit);
    }

    [Fact]
    public async Task A_chunk_without_mentions_is_journaled_without_asking_any_brand()
    {
        // The region never answers: if the pipeline asked it, the outcome would wait out the round's answer timeout.
        var pipeline = Pipeline(SilentRegion.PropsFor(_received));
        var chunk = Chunk(1,
            TestData.Line("p1", At, "nothing here"),
            "garbage",
            TestData.Line("p3", At - TimeSpan.FromDays(60), "acme, but far too old"));

        var outcome = await EnqueueAndWait(pipeline, chunk);

        Assert.Equal(new IngestOutcome(2, 1, 1, 1, 0, outcome.Errors, true, null), outcome);
        Assert.Equal(2, Assert.Single(outcome.Errors).Line);
        Assert.Empty(_received);
    }

    [Fact]
    public async Task A_rounds_posts_are_let_go_once_folded_while_it_waits_for_the_journal()
    {
        var region = Sys.ActorOf(HoldingRegion.PropsFor(_received));
        var pipeline = new IngestPipeline(Sys, region, TestData.Model(), new TestClock(), new IngestSettings(AcknowledgeTimeout: Generous));
        var chunk = Chunk(1, TestData.Line("p1", At, "acme"), TestData.Line("p2", At, "globex"), "{");
        Assert.True(await pipeline.TryEnqueueAsync(chunk, Generous, CancellationToken.None));

        await AwaitConditionAsync(() => Task.FromResult(_received.Count == 2), Generous);

        var waiting = chunk.Reading;
        Assert.NotNull(waiting);
        Assert.False(chunk.Outcome.IsCompleted);
        Assert.Empty(waiting.Mentions);
        Assert.Equal(2, waiting.Accepted);
        Assert.Single(waiting.Errors);
        region.Tell(new HoldingRegion.Acknowledge());
        var outcome = await chunk.Outcome.WaitAsync(Generous);
        Assert.True(outcome.Journaled, outcome.Failure);
        Assert.Equal(2, outcome.Accepted);
    }

    [Fact]
    public async Task Event_time_is_announced_only_once_every_earlier_round_is_journaled()
    {
        // A brand told that event time has passed a minute judges it: told while an earlier round
        // still carries that minute's posts, it would judge a minute it has not seen (a false dip).
        var region = Sys.ActorOf(OneBrandHeldRegion.PropsFor("acme"));
        var pipeline = new IngestPipeline(Sys, region, TestData.Model(), new TestClock(), new IngestSettings(ChunksPerRound: 1, AcknowledgeTimeout: Generous));
        var earlier = Chunk(1, TestData.Line("p1", At - TimeSpan.FromMinutes(20), "acme"));
        var later = Chunk(1, TestData.Line("p2", At, "initech"));
        Assert.True(await pipeline.TryEnqueueAsync(earlier, Generous, CancellationToken.None));
        await AwaitConditionAsync(() => Task.FromResult(earlier.Reading is { Mentions.Count: 0 }), Generous);
        Assert.True((await EnqueueAndWait(pipeline, later)).Journaled);

        Assert.False(earlier.Outcome.IsCompleted);
        Assert.Empty(await region.Ask<List<FirehoseReachedMinute>>(new OneBrandHeldRegion.Announced(), Generous));

        region.Tell(new HoldingRegion.Acknowledge());
        Assert.True((await earlier.Outcome.WaitAsync(Generous)).Journaled);
        var now = EventTime.MinuteOf(At);
        await AwaitConditionAsync(
            async () => (await region.Ask<List<FirehoseReachedMinute>>(new OneBrandHeldRegion.Announced(), Generous))
                .Where(a => a.Minute == now).Select(a => a.BrandId).Order().SequenceEqual(["acme", "globex", "initech"]),
            Generous);

        // The earlier round's minute first, then the later one's: event time only moves forward.
        Assert.Equal(
            [now - 20, now - 20, now - 20, now, now, now],
            (await region.Ask<List<FirehoseReachedMinute>>(new OneBrandHeldRegion.Announced(), Generous)).Select(a => a.Minute));
    }

    [Fact]
    public async Task Rounds_go_on_being_journaled_while_an_earlier_round_waits_for_a_brand()
    {
        // A brand whose node died holds its round until the answer timeout: later rounds, naming
        // brands that answer, must not queue behind it once the rounds in flight have finished.
        var region = Sys.ActorOf(OneBrandHeldRegion.PropsFor("acme"));
        var settings = new IngestSettings(ChunksPerRound: 1, AcknowledgeTimeout: Generous);
        var pipeline = new IngestPipeline(Sys, region, TestData.Model(), new TestClock(), settings);
        var held = Chunk(1, TestData.Line("p0", At, "acme"));
        Assert.True(await pipeline.TryEnqueueAsync(held, Generous, CancellationToken.None));
        await AwaitConditionAsync(() => Task.FromResult(held.Reading is { Mentions.Count: 0 }), Generous);

        for (var i = 1; i <= settings.BatchesInFlight * 2; i++)
        {
            Assert.True((await EnqueueAndWait(pipeline, Chunk(1, TestData.Line($"p{i}", At, "initech")))).Journaled);
        }

        Assert.False(held.Outcome.IsCompleted);
        region.Tell(new HoldingRegion.Acknowledge());
        Assert.True((await held.Outcome.WaitAsync(Generous)).Journaled);
    }

    [Fact]
    public async Task A_region_that_never_acknowledges_makes_the_chunk_fail_as_not_journaled()
    {
        var pipeline = Pipeline(SilentRegion.PropsFor(_received), new IngestSettings(AcknowledgeTimeout: TimeSpan.FromMilliseconds(300), JournalWriteTimeout: TimeSpan.FromMilliseconds(100)));
        var chunk = Chunk(1, TestData.Line("p1", At, "acme"), "{", TestData.Line("p3", At, "globex"));

        var outcome = await EnqueueAndWait(pipeline, chunk);

        Assert.False(outcome.Journaled);
        Assert.NotNull(outcome.Failure);
        // The take-up time, two journal answers one after the other, and a sixth of the take-up time
        // for the answers' way back (IngestSettings.EffectiveAnswerTimeout).
        Assert.Contains("not answered within 0.55 s (the round named 2 brands)", outcome.Failure, StringComparison.Ordinal);
        Assert.Equal(1, pipeline.RoundChunkLimit);
        Assert.Equal(2, outcome.Accepted);
        Assert.Equal([2], outcome.Errors.Select(e => e.Line));
        Assert.Equal(["acme", "globex"], _received.Select(r => r.BrandId).Order(StringComparer.Ordinal));

        // Each batch tells its brand how long it has to take it up: a brand reached later refuses it.
        Assert.All(_received, r => Assert.Equal(At + TimeSpan.FromMilliseconds(300), r.WriteBy));
    }

    [Fact]
    public async Task A_batch_answered_after_its_take_up_time_is_journaled_and_its_posts_stay_seen()
    {
        // A brand that took its batch up in time answers once the journal has, however slow the
        // store: reported lost before that, the posts would be resent and count twice.
        var takeUp = TimeSpan.FromMilliseconds(1);
        var region = Sys.ActorOf(HoldingRegion.PropsFor(_received));
        var pipeline = new IngestPipeline(Sys, region, TestData.Model(), new TestClock(),
            new IngestSettings(AcknowledgeTimeout: takeUp, JournalWriteTimeout: Generous));
        var line = TestData.Line("p1", At, "acme");
        var chunk = Chunk(1, line);
        var enqueued = Stopwatch.StartNew();
        Assert.True(await pipeline.TryEnqueueAsync(chunk, Generous, CancellationToken.None));
        // Well past the take-up time, and past the scheduler's 10 ms ticks that end an ask.
        await AwaitConditionAsync(() => Task.FromResult(!_received.IsEmpty && enqueued.Elapsed > TimeSpan.FromMilliseconds(100)), Generous);

        Assert.False(chunk.Outcome.IsCompleted, "the round waits for the brand's answer past the take-up time");
        region.Tell(new HoldingRegion.Acknowledge());
        var outcome = await chunk.Outcome.WaitAsync(Generous);
        Assert.True(outcome.Journaled, outcome.Failure);

        var resent = await EnqueueAndWait(pipeline, Chunk(1, line));
        Assert.Equal(1, resent.Duplicates);
    }

    [Fact]
    public async Task A_brand_that_cannot_recover_fails_its_round_at_once_and_its_posts_are_forgotten_when_its_ask_ends()
    {
        // The region loses the first batch, as a brand failing its recovery loses what it was sent.
        using var watch = await BrandRecoveryWatch.StartAsync(Sys, clusterWide: false, CancellationToken.None);
        var wait = TimeSpan.FromSeconds(10);
        var pipeline = new IngestPipeline(Sys, Sys.ActorOf(FirstBatchLostRegion.PropsFor(_received)), TestData.Model(), new TestClock(),
            new IngestSettings(AcknowledgeTimeout: wait, JournalWriteTimeout: TimeSpan.Zero), watch);
        var first = Chunk(1, TestData.Line("p1", At, "acme"));
        Assert.True(await pipeline.TryEnqueueAsync(first, Generous, CancellationToken.None));

        // Said until the round has heard it: the batch's ask may not have been sent at the first saying.
        await AwaitConditionAsync(
            () =>
            {
                Sys.EventStream.Publish(new BrandRecoveryFailed("acme", "EndOfStreamException reading brand-acme after sequence number 0"));
                return Task.FromResult(first.Outcome.IsCompleted);
            },
            wait / 2,
            TimeSpan.FromMilliseconds(50));
        var failed = await first.Outcome;
        Assert.False(failed.Journaled);
        Assert.Contains("brand 'acme' could not recover", failed.Failure, StringComparison.Ordinal);

        // Until the lost batch's ask ends, a next incarnation of the brand could still write it: a
        // copy is neither counted nor a duplicate, and its sender is told to send it again (a 200
        // would have it never come back, and the post lost when the ask ends without a write).
        var resent = await EnqueueAndWait(pipeline, Chunk(1, TestData.Line("p1", At, "acme")));
        Assert.Equal((false, 0), (resent.Journaled, resent.Duplicates));
        Assert.Contains("1 posts were sent before in a request answered 503", resent.Failure, StringComparison.Ordinal);
        await AwaitAssertAsync(
            async () =>
            {
                var again = await EnqueueAndWait(pipeline, Chunk(1, TestData.Line("p1", At, "acme")));
                Assert.Equal((true, 0), (again.Journaled, again.Duplicates));
            },
            wait + Generous,
            TimeSpan.FromMilliseconds(500));
        Assert.Equal(1, AcknowledgingRegion.MentionsPerBrand(_received)["acme"]);
    }

    [Fact]
    public async Task The_pipeline_keeps_serving_after_a_round_fails()
    {
        var pipeline = Pipeline(FirstBatchLostRegion.PropsFor(_received),
            new IngestSettings(ChunksPerRound: 1, AcknowledgeTimeout: TimeSpan.FromMilliseconds(300), JournalWriteTimeout: TimeSpan.FromMilliseconds(100)));

        var failed = await EnqueueAndWait(pipeline, Chunk(1, TestData.Line("p1", At, "acme")));
        var journaled = await EnqueueAndWait(pipeline, Chunk(1, TestData.Line("p2", At, "acme"), TestData.Line("p3", At, "acme")));

        Assert.False(failed.Journaled);
        Assert.True(journaled.Journaled, journaled.Failure);
        Assert.Equal(2, Assert.Single(_received).Delta.Mentions);
    }

    [Fact]
    public async Task A_saturated_pipeline_refuses_chunks_after_the_wait()
    {
        var settings = new IngestSettings(QueueChunks: 1, ReadParallelism: 1, ChunksPerRound: 1, BatchesInFlight: 1,
            AcknowledgeTimeout: TimeSpan.FromMinutes(10));
        var pipeline = Pipeline(SilentRegion.PropsFor(_received), settings);
        IngestChunk? refused = null;
        var taken = 0;

        for (var attempt = 0; attempt < 20 && refused is null; attempt++)
        {
            var chunk = Chunk(1, TestData.Line($"p{attempt}", At, "acme"));
            if (await pipeline.TryEnqueueAsync(chunk, TimeSpan.FromMilliseconds(50), CancellationToken.None))
            {
                taken++;
            }
            else
            {
                refused = chunk;
            }
        }

        Assert.NotNull(refused);
        Assert.InRange(taken, 1, 19);
        Assert.False(refused.Outcome.IsCompleted, "a refused chunk is not in the graph, so it never gets an outcome");
        await AwaitConditionAsync(() => Task.FromResult(!_received.IsEmpty), Generous);
    }

    [Fact]
    public async Task Completing_the_pipeline_drains_queued_chunks_and_refuses_new_ones()
    {
        var pipeline = Pipeline(AcknowledgingRegion.PropsFor(_received));
        var chunks = Enumerable.Range(0, 3).Select(c => Chunk(1, TestData.Line($"p{c}", At, "globex"))).ToList();
        foreach (var chunk in chunks)
        {
            Assert.True(await pipeline.TryEnqueueAsync(chunk, Generous, CancellationToken.None));
        }

        pipeline.Complete();
        await pipeline.Completion.WaitAsync(Generous);

        Assert.All(chunks, c => Assert.True(c.Outcome.IsCompletedSuccessfully && c.Outcome.Result.Journaled));
        Assert.Equal(3, AcknowledgingRegion.MentionsPerBrand(_received)["globex"]);
        Assert.False(await pipeline.TryEnqueueAsync(Chunk(1, TestData.Line("late", At, "globex")), TimeSpan.FromMilliseconds(50), CancellationToken.None));
    }

    [Fact]
    public async Task A_replaced_model_applies_to_the_chunks_read_after_it()
    {
        var model = TestData.Model();
        var pipeline = Pipeline(AcknowledgingRegion.PropsFor(_received), model: model);
        var before = await EnqueueAndWait(pipeline, Chunk(1, TestData.Line("p1", At, "umbrella acme")));
        model.Replace(ModelLoader.Parse("brands:\n  - id: umbrella\n    query: umbrella\n", "replaced.yaml"));
        var after = await EnqueueAndWait(pipeline, Chunk(1, TestData.Line("p2", At, "umbrella acme")));

        Assert.True(before.Journaled && after.Journaled);
        Assert.Equal(["acme", "umbrella"], _received.Select(r => r.BrandId));
    }

    [Fact]
    public async Task A_post_seen_before_is_counted_once_and_reported_as_duplicate()
    {
        var pipeline = Pipeline(AcknowledgingRegion.PropsFor(_received));
        var line = TestData.Line("p1", At, "acme");

        var first = await EnqueueAndWait(pipeline, Chunk(1, line, line));
        var again = await EnqueueAndWait(pipeline, Chunk(1, line));

        Assert.Equal((2, 1), (first.Accepted, first.Duplicates));
        Assert.Equal((1, 1), (again.Accepted, again.Duplicates));
        Assert.Equal(1, _received.Sum(r => r.Delta.Mentions));
    }

    [Fact]
    public async Task A_post_whose_batch_was_not_journaled_is_not_a_duplicate_when_resent()
    {
        var pipeline = Pipeline(FirstBatchLostRegion.PropsFor(_received), new IngestSettings(AcknowledgeTimeout: TimeSpan.FromMilliseconds(300), JournalWriteTimeout: TimeSpan.FromMilliseconds(100)));
        var line = TestData.Line("p1", At, "acme");
        var failedBefore = EngineMetrics.RoundsFailed.Value;

        var lost = await EnqueueAndWait(pipeline, Chunk(1, line));
        Assert.True(EngineMetrics.RoundsFailed.Value >= failedBefore + 1);
        var resent = await EnqueueAndWait(pipeline, Chunk(1, line));

        Assert.False(lost.Journaled);
        Assert.True(resent.Journaled);
        Assert.Equal(0, resent.Duplicates);
    }

    [Fact]
    public async Task A_resend_after_a_round_failed_for_some_brands_counts_again_only_what_they_missed()
    {
        var pipeline = FirstBatchOfOneBrandLost("globex");

        var partly = await EnqueueAndWait(pipeline, Chunk(1, AcmeAndGlobex));
        var resent = await EnqueueAndWait(pipeline, Chunk(1, AcmeAndGlobex));
        var again = await EnqueueAndWait(pipeline, Chunk(1, AcmeAndGlobex));

        Assert.False(partly.Journaled);
        Assert.True(resent.Journaled);

        // p1 reached acme's journal the first time and is a duplicate. p2 and p3 went to globex,
        // whose journal missed them, so they go there again, and nowhere else: acme had p3's
        // mention and both of globex's mentions for its share of voice.
        Assert.Equal(1, resent.Duplicates);
        Assert.Equal(3, again.Duplicates);
        Assert.Equal((2L, 2L), Totals("acme"));
        Assert.Equal((2L, 0L), Totals("globex"));
    }

    [Fact]
    public async Task A_resend_after_a_rival_missed_a_round_tells_it_of_the_mentions_its_competitors_journaled()
    {
        var pipeline = FirstBatchOfOneBrandLost("acme");

        var partly = await EnqueueAndWait(pipeline, Chunk(1, AcmeAndGlobex));
        var resent = await EnqueueAndWait(pipeline, Chunk(1, AcmeAndGlobex));

        Assert.False(partly.Journaled);
        Assert.True(resent.Journaled);
        Assert.Equal(0, resent.Duplicates);
        Assert.Equal((2L, 2L), Totals("acme"));
        Assert.Equal((2L, 0L), Totals("globex"));
    }

    [Fact]
    public async Task Posts_of_a_brand_heard_failing_its_recovery_are_settled_once_its_own_ask_has_ended()
    {
        using var watch = await BrandRecoveryWatch.StartAsync(Sys, clusterWide: false, CancellationToken.None);
        var pipeline = new IngestPipeline(Sys, Sys.ActorOf(OneBrandLostRegion.PropsFor("globex", _received, times: 1)), TestData.Model(), new TestClock(), QuickWrites, watch);

        var round = Chunk(1, AcmeAndGlobex);
        Assert.True(await pipeline.TryEnqueueAsync(round, Generous, CancellationToken.None));
        await AwaitConditionAsync(() => Task.FromResult(_received.Any(r => r.BrandId == "acme")), Generous);
        Sys.EventStream.Publish(new BrandRecoveryFailed("globex", "EndOfStreamException reading brand-globex after sequence number 0"));
        var answered = await round.Outcome.WaitAsync(Generous);
        Assert.False(answered.Journaled);

        // Until globex's own ask ends, its batch might still be written: a resend is to be sent
        // again, with p1, journaled by acme, a duplicate. Once it has, p2 and p3 go to globex alone.
        IngestOutcome resent = answered;
        await AwaitConditionAsync(
            async () =>
            {
                resent = await EnqueueAndWait(pipeline, Chunk(1, AcmeAndGlobex));
                Assert.True(resent.Journaled || resent.Failure!.StartsWith("2 posts were sent before", StringComparison.Ordinal), resent.Failure);
                return resent.Journaled;
            },
            Generous);

        Assert.True(resent.Journaled);
        Assert.Equal(1, resent.Duplicates);
        Assert.Equal((2L, 2L), Totals("acme"));
        Assert.Equal((2L, 0L), Totals("globex"));
    }

    // acme watches globex: a mention of globex goes to globex and to acme's share of voice.
    private static readonly string[] AcmeAndGlobex = [TestData.Line("p1", At, "acme"), TestData.Line("p2", At, "globex"), TestData.Line("p3", At, "acme and globex")];

    private static IngestSettings QuickWrites => new IngestSettings(AcknowledgeTimeout: TimeSpan.FromMilliseconds(300), JournalWriteTimeout: TimeSpan.FromMilliseconds(100));

    /// <summary>A pipeline whose region loses <paramref name="brand"/>'s first batch (never answered) and journals every other.</summary>
    private IngestPipeline FirstBatchOfOneBrandLost(string brand) => Pipeline(OneBrandLostRegion.PropsFor(brand, _received, times: 1), QuickWrites);

    /// <summary>A brand's journaled mentions and competitors' mentions, over every batch it took.</summary>
    private (long Mentions, long CompetitorMentions) Totals(string brand)
    {
        var minutes = _received.Where(r => r.BrandId == brand).SelectMany(r => r.Delta.Minutes).ToList();
        return (minutes.Sum(m => m.Mentions), minutes.Sum(m => m.CompetitorMentions));
    }
}
