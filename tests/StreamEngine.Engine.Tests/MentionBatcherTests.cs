using System.Text;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Analysis;
using StreamEngine.Domain.Ingest;
using StreamEngine.Engine.Ingest;

namespace StreamEngine.Engine.Tests;

public sealed class MentionBatcherTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 30, TimeSpan.Zero);

    private static ChunkReading Read(CurrentModel model, params string[] lines) =>
        ChunkReader.Read(Encoding.UTF8.GetBytes(string.Join('\n', lines)), 1, model.Analyzer, Now, new AnalysisScratch());

    [Fact]
    public void Each_brand_learns_its_competitors_mentions_per_minute_and_only_its_own()
    {
        // acme lists globex as a competitor; nobody lists acme or initech.
        var model = TestData.Model();
        var minute = EventTime.MinuteOf(Now);
        var round = Read(model,
            TestData.Line("g1", Now, "globex again"),
            TestData.Line("g2", Now, "globex is fine"),
            TestData.Line("g3", Now.AddMinutes(-1), "globex"),
            TestData.Line("i1", Now, "initech"));

        var batches = new MentionBatcher().Fold([round], model.Analyzer, new AdmittedPosts()).ToDictionary(b => b.BrandId, b => b.Delta);

        // acme is not mentioned, yet learns globex's counts, minute by minute.
        var acme = batches["acme"];
        Assert.Equal(0, acme.Mentions);
        Assert.Equal([(minute - 1, 1L), (minute, 2L)], acme.Minutes.Select(m => (m.Minute, m.CompetitorMentions)));
        Assert.All(batches["globex"].Minutes, m => Assert.Equal(0, m.CompetitorMentions));
        Assert.All(batches["initech"].Minutes, m => Assert.Equal(0, m.CompetitorMentions));
    }

    [Fact]
    public void A_mentioned_brand_keeps_its_own_mentions_beside_its_competitors()
    {
        var model = TestData.Model();
        var round = Read(model,
            TestData.Line("a1", Now, "acme"),
            TestData.Line("g1", Now, "globex"));

        var batches = new MentionBatcher().Fold([round], model.Analyzer, new AdmittedPosts()).ToDictionary(b => b.BrandId, b => b.Delta);

        var acme = Assert.Single(batches["acme"].Minutes);
        Assert.Equal((1L, 1L), (acme.Mentions, acme.CompetitorMentions));
        Assert.Equal(0, Assert.Single(batches["globex"].Minutes).CompetitorMentions);
    }

    [Fact]
    public void Nothing_of_a_round_reaches_the_next_and_a_post_seen_before_is_dropped()
    {
        var model = TestData.Model();
        var batcher = new MentionBatcher();
        batcher.Fold([Read(model, TestData.Line("g1", Now, "globex"))], model.Analyzer, new AdmittedPosts());

        var second = Read(model, TestData.Line("g1", Now, "globex"), TestData.Line("i1", Now, "initech"));
        var batches = batcher.Fold([second], model.Analyzer, new AdmittedPosts());

        var only = Assert.Single(batches);
        Assert.Equal(("initech", 1L), (only.BrandId, only.Delta.Mentions));
        Assert.Equal(1, second.Duplicates);
    }

    [Fact]
    public void A_round_whose_fold_failed_builds_nothing_and_leaves_nothing_to_the_next()
    {
        var model = TestData.Model();
        var batcher = new MentionBatcher();
        batcher.Admit(Read(model, TestData.Line("g1", Now, "globex")), model.Analyzer, new AdmittedPosts());

        var failure = new InvalidOperationException("a fold went wrong");
        Assert.Same(failure, Assert.Throws<InvalidOperationException>(() => batcher.Build(model.Analyzer, failure: failure)));

        batcher.Admit(Read(model, TestData.Line("i1", Now, "initech")), model.Analyzer, new AdmittedPosts());
        var only = Assert.Single(batcher.Build(model.Analyzer));
        Assert.Equal(("initech", 1L), (only.BrandId, only.Delta.Mentions));
    }
}
