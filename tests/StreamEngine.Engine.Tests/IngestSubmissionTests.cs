using System.Collections.Concurrent;
using System.IO.Pipelines;
using StreamEngine.Engine.Brands;
using StreamEngine.Engine.Ingest;

namespace StreamEngine.Engine.Tests;

public sealed class IngestSubmissionTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset At = TestClock.DefaultNow;

    private readonly ConcurrentQueue<RecordMentions> _received = new();

    private IngestPipeline Pipeline(Akka.Actor.Props region, IngestSettings? settings = null) =>
        new(Sys, Sys.ActorOf(region), TestData.Model(), new TestClock(), settings ?? new IngestSettings());

    private static Task<SubmissionResult> Submit(IngestPipeline pipeline, byte[] input, TimeSpan maxWait) =>
        IngestSubmission.SubmitAsync(pipeline, PipeReader.Create(new MemoryStream(input)), maxWait, CancellationToken.None).WaitAsync(Generous);

    /// <summary>
    /// 10,000 lines over many chunks: every third post also mentions globex, line 5000 and 9001 are
    /// malformed, line 7000 is blank and the last line has no newline.
    /// </summary>
    private static byte[] LargeInput()
    {
        var lines = new List<string>();
        for (var i = 1; i <= 10_000; i++)
        {
            lines.Add(i switch
            {
                5000 => """{"id":"broken","createdAt":""",
                9001 => """{"id":"p9001","createdAt":"2026-11-25T11:00:00Z","text":"acme","author":{"age":-4}}""",
                7000 => "",
                _ => TestData.Line($"p{i}", At - TimeSpan.FromSeconds(i), i % 3 == 0 ? "acme vs globex, delivery compared" : "acme delivery"),
            });
        }

        return TestData.Utf8(lines).AsSpan(..^1).ToArray();
    }

    [Fact]
    public async Task A_large_input_is_merged_across_chunks_with_errors_numbered_in_the_whole_input()
    {
        var input = LargeInput();
        Assert.True(input.Length > 4 * NdjsonChunker.TargetChunkBytes);
        var pipeline = Pipeline(AcknowledgingRegion.PropsFor(_received));

        var result = await Submit(pipeline, input, Generous);

        Assert.True(result.Total.Journaled, result.Total.Failure);
        Assert.Null(result.Total.Failure);
        Assert.Null(result.UnreadFromLine);
        Assert.Equal(9997, result.Total.Accepted);
        Assert.Equal(2, result.Total.Rejected);
        Assert.Equal(0, result.Total.Late);
        Assert.Equal(0, result.Total.Unmatched);
        Assert.Equal([5000, 9001], result.Total.Errors.Select(e => e.Line));
        Assert.Contains("author.age", result.Total.Errors[1].Reason, StringComparison.Ordinal);
        var globex = Enumerable.Range(1, 10_000).Count(i => i % 3 == 0 && i is not 5000 and not 7000 and not 9001);
        Assert.Equal(
            new Dictionary<string, long> { ["acme"] = 9997, ["globex"] = globex },
            AcknowledgingRegion.MentionsPerBrand(_received));
    }

    [Fact]
    public async Task A_small_input_is_one_chunk_whose_counts_are_the_result()
    {
        var pipeline = Pipeline(AcknowledgingRegion.PropsFor(_received));
        var input = TestData.Utf8(
        [
            TestData.Line("p1", At, "initech"),
            TestData.Line("p2", At - TimeSpan.FromDays(31), "initech"),
            TestData.Line("p3", At, "nobody"),
            "[]",
        ]);

        var result = await Submit(pipeline, input, Generous);

        Assert.Equal(new SubmissionResult(new IngestOutcome(3, 1, 1, 1, 0, result.Total.Errors, true, null), null), result);
        Assert.Equal(4, Assert.Single(result.Total.Errors).Line);
        Assert.Equal(1, Assert.Single(_received).Delta.Mentions);
    }

    [Fact]
    public async Task A_chunk_that_is_not_journaled_makes_the_whole_submission_not_journaled()
    {
        var pipeline = Pipeline(SilentRegion.PropsFor(_received), new IngestSettings(AcknowledgeTimeout: TimeSpan.FromMilliseconds(300), JournalWriteTimeout: TimeSpan.FromMilliseconds(100)));

        var result = await Submit(pipeline, TestData.Utf8([TestData.Line("p1", At, "acme"), "x"]), Generous);

        Assert.False(result.Total.Journaled);
        Assert.NotNull(result.Total.Failure);
        Assert.Equal(1, result.Total.Accepted);
        Assert.Equal([2], result.Total.Errors.Select(e => e.Line));
        Assert.Null(result.UnreadFromLine);
    }

    [Fact]
    public async Task A_submission_to_a_saturated_pipeline_reports_where_to_resend_from()
    {
        // The region never answers and the acknowledgement timeout is far away, so once every stage is
        // full nothing moves again. Filling waits a whole second per chunk, and the graph counts as
        // saturated only after three refusals in a row: on a busy machine one refusal may only mean
        // that a stage was slow to pull, and a chunk it pulled later would keep the submission waiting.
        var settings = new IngestSettings(QueueChunks: 1, ReadParallelism: 1, ChunksPerRound: 1, BatchesInFlight: 1,
            AcknowledgeTimeout: TimeSpan.FromMinutes(10));
        var pipeline = Pipeline(SilentRegion.PropsFor(_received), settings);
        var refusedInARow = 0;
        for (var attempt = 0; attempt < 30 && refusedInARow < 3; attempt++)
        {
            var chunk = new IngestChunk(TestData.Utf8([TestData.Line($"fill{attempt}", At, "acme")]), 1);
            refusedInARow = await pipeline.TryEnqueueAsync(chunk, TimeSpan.FromSeconds(1), CancellationToken.None) ? 0 : refusedInARow + 1;
        }

        var saturated = refusedInARow == 3;

        Assert.True(saturated, "the pipeline should saturate behind a region that never answers");

        var result = await Submit(pipeline, TestData.Utf8([TestData.Line("p1", At, "acme"), TestData.Line("p2", At, "acme")]), TimeSpan.FromMilliseconds(50));

        Assert.Equal(1, result.UnreadFromLine);
        Assert.Equal(0, result.Total.Accepted);
        Assert.Empty(result.Total.Errors);
    }
}
