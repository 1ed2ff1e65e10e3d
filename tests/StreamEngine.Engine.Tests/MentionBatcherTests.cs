using System.Text;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Analysis;
using StreamEngine.Domain.Ingest;
using StreamEngine.Engine.Ingest;

namespace StreamEngine.Engine.Tests;

public sealed class MentionBatcherTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 30, TimeSpan.Zero);

    /// <summary>A model of one brand, acme, watched for links to domains that imitate acme.com.</summary>
    private static CurrentModel WatchedAcme() => new(Domain.Model.ModelLoader.Parse("""
        brands:
          - id: acme
            query: acmeco
            security: { domains: [acme.com] }
        """, "threats.yaml"));

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

    [Fact]
    public void A_copy_sent_while_its_resend_is_journaling_is_a_duplicate_and_a_resend_lost_everywhere_keeps_what_was_had()
    {
        // acme watches globex. The first round reaches acme's journal and misses globex's.
        var model = TestData.Model();
        var batcher = new MentionBatcher();
        string[] lines = [TestData.Line("p2", Now, "globex"), TestData.Line("p3", Now, "acme and globex")];
        var first = new AdmittedPosts();
        batcher.Fold([Read(model, lines)], model.Analyzer, first);
        batcher.Settle(first, lost: new HashSet<string> { "globex" });

        var resending = new AdmittedPosts();
        var resend = batcher.Fold([Read(model, lines)], model.Analyzer, resending).ToDictionary(b => b.BrandId, b => b.Delta);
        Assert.Equal(["globex"], resend.Keys);
        Assert.Equal(2, resend["globex"].Mentions);

        // While the resend's journal writes are under way, another copy counts nowhere.
        var early = Read(model, lines);
        Assert.Empty(batcher.Fold([early], model.Analyzer, new AdmittedPosts()));
        Assert.Equal(2, early.Duplicates);

        // The resend reached no journal: acme still has the posts, globex still lacks them.
        batcher.Settle(resending, lost: null);
        var late = batcher.Fold([Read(model, lines)], model.Analyzer, new AdmittedPosts());
        var globex = Assert.Single(late);
        Assert.Equal(("globex", 2L, 0L), (globex.BrandId, globex.Delta.Mentions, globex.Delta.Minutes.Sum(m => m.CompetitorMentions)));
    }

    [Fact]
    public void A_post_journaled_by_none_of_its_brands_counts_everywhere_when_resent_and_one_journaled_by_all_nowhere()
    {
        var model = TestData.Model();
        var batcher = new MentionBatcher();
        var first = new AdmittedPosts();
        batcher.Fold([Read(model, TestData.Line("p2", Now, "globex"), TestData.Line("i1", Now, "initech"))], model.Analyzer, first);

        // Both brands p2 went to (globex, and acme for its share of voice) missed it; initech has i1.
        batcher.Settle(first, lost: new HashSet<string> { "globex", "acme" });

        var again = Read(model, TestData.Line("p2", Now, "globex"), TestData.Line("i1", Now, "initech"));
        var batches = batcher.Fold([again], model.Analyzer, new AdmittedPosts()).ToDictionary(b => b.BrandId, b => b.Delta);
        Assert.Equal(1, again.Duplicates);
        Assert.Equal((1L, 0L), (batches["globex"].Mentions, batches["globex"].Minutes.Sum(m => m.CompetitorMentions)));
        Assert.Equal((0L, 1L), (batches["acme"].Mentions, batches["acme"].Minutes.Sum(m => m.CompetitorMentions)));
        Assert.False(batches.ContainsKey("initech"));
    }

    [Fact]
    public void Two_copies_of_a_partly_journaled_post_in_one_resend_count_once()
    {
        var model = TestData.Model();
        var batcher = new MentionBatcher();
        var first = new AdmittedPosts();
        batcher.Fold([Read(model, TestData.Line("p3", Now, "acme and globex"))], model.Analyzer, first);
        batcher.Settle(first, lost: new HashSet<string> { "globex" });

        var twice = Read(model, TestData.Line("p3", Now, "acme and globex"), TestData.Line("p3", Now, "acme and globex"));
        var globex = Assert.Single(batcher.Fold([twice], model.Analyzer, new AdmittedPosts()));

        Assert.Equal(("globex", 1L), (globex.BrandId, globex.Delta.Mentions));
        Assert.Equal(1, twice.Duplicates);
    }

    [Fact]
    public void A_brand_a_model_swap_removed_is_no_longer_held()
    {
        // Its builder, spare minutes and all, was kept for the rest of the run.
        var before = TestData.Model();
        var batcher = new MentionBatcher();
        batcher.Fold([Read(before, TestData.Line("p1", Now, "acme and globex and initech"))], before.Analyzer, new AdmittedPosts());
        Assert.Equal(3, batcher.BrandsHeld);

        var after = new CurrentModel(Domain.Model.ModelLoader.Parse("""
            brands:
              - id: acme
                query: acme
            """, "swapped.yaml"));
        var batches = batcher.Fold([Read(after, TestData.Line("p2", Now, "acme and globex"))], after.Analyzer, new AdmittedPosts());

        Assert.Equal(["acme"], batches.Select(b => b.BrandId));
        Assert.Equal(1, batcher.BrandsHeld);
    }

    [Fact]
    public void A_partly_journaled_post_the_filter_has_let_go_counts_everywhere_as_a_new_post()
    {
        // A filter of one post a generation: two posts later, p3 is forgotten.
        var model = TestData.Model();
        var batcher = new MentionBatcher(duplicateHorizon: 1);
        var first = new AdmittedPosts();
        batcher.Fold([Read(model, TestData.Line("p3", Now, "acme and globex"))], model.Analyzer, first);
        batcher.Settle(first, lost: new HashSet<string> { "globex" });
        batcher.Fold([Read(model, TestData.Line("i1", Now, "initech"), TestData.Line("i2", Now, "initech"))], model.Analyzer, new AdmittedPosts());

        var late = Read(model, TestData.Line("p3", Now, "acme and globex"));
        var batches = batcher.Fold([late], model.Analyzer, new AdmittedPosts()).ToDictionary(b => b.BrandId, b => b.Delta.Mentions);

        Assert.Equal(0, late.Duplicates);
        Assert.Equal(1, batches["acme"]);
        Assert.Equal(1, batches["globex"]);
    }

    [Fact]
    public void A_threat_in_a_post_naming_no_brand_goes_on_a_resend_to_the_brands_that_missed_it_once()
    {
        var model = new CurrentModel(Domain.Model.ModelLoader.Parse("""
            brands:
              - id: acme
                query: acmeco
                security: { domains: [acme.com] }
              - id: globex
                query: globexco
                security: { domains: [globex.com] }
            """, "threats.yaml"));
        var line = TestData.Line("t1", Now, "verify your account at acme-login.com or globex-login.com");
        var batcher = new MentionBatcher();
        var first = new AdmittedPosts();
        var threatened = batcher.Fold([Read(model, line)], model.Analyzer, first).ToDictionary(b => b.BrandId, b => b.Delta.Threats.Count);
        Assert.Equal(1, threatened["acme"]);
        Assert.Equal(1, threatened["globex"]);

        batcher.Settle(first, lost: new HashSet<string> { "globex" });
        var resend = batcher.Fold([Read(model, line, line)], model.Analyzer, new AdmittedPosts());

        var globex = Assert.Single(resend);
        Assert.Equal(("globex", 1), (globex.BrandId, globex.Delta.Threats.Count));
    }

    [Fact]
    public void A_post_naming_no_brand_carries_every_finding_against_a_brand_once_however_many_copies_the_round_holds()
    {
        // Doxxing and a violent threat in one post: carried with its first finding alone, the
        // brand raised the doxxing alert and never the threat.
        var model = new CurrentModel(Domain.Model.ModelLoader.Parse("""
            brands:
              - id: stark
                query: starkco
                security: { executives: [Jane Doe] }
            """, "threats.yaml"));
        var line = TestData.Line("t1", Now, "Jane Doe lives at 42 Elm Street, I will kill Jane Doe");
        var reading = Read(model, line);
        var findings = reading.Threats.Select(t => t.Finding.Kind).Distinct().Count();
        Assert.True(findings >= 2, $"the post should hold two kinds of finding, it holds {findings}");

        var once = Assert.Single(new MentionBatcher().Fold([reading], model.Analyzer, new AdmittedPosts()));
        var twice = Assert.Single(new MentionBatcher().Fold([Read(model, line, line)], model.Analyzer, new AdmittedPosts()));

        Assert.Equal(reading.Threats.Count, once.Delta.Threats.Count);
        Assert.Equal(reading.Threats.Count, twice.Delta.Threats.Count);
    }

    [Fact]
    public void A_threat_in_a_post_naming_no_brand_resent_while_its_write_may_still_land_is_undecided_and_after_a_loss_goes_again()
    {
        var model = WatchedAcme();
        var line = TestData.Line("t1", Now, "verify your account at acme-login.com");
        var batcher = new MentionBatcher();
        var first = new AdmittedPosts();
        Assert.Single(batcher.Fold([Read(model, line)], model.Analyzer, first));
        batcher.AwaitDecision(first, _ => true);

        var meanwhile = Read(model, line);
        Assert.Empty(batcher.Fold([meanwhile], model.Analyzer, new AdmittedPosts()));
        Assert.Equal(1, meanwhile.Undecided);

        batcher.Settle(first, lost: new HashSet<string> { "acme" }, decided: true);
        var resend = batcher.Fold([Read(model, line)], model.Analyzer, new AdmittedPosts());
        var acme = Assert.Single(resend);
        Assert.Equal(("acme", 1), (acme.BrandId, acme.Delta.Threats.Count));
    }

    [Fact]
    public void A_brands_own_concept_is_counted_in_its_batch_alone()
    {
        var model = new CurrentModel(Domain.Model.ModelLoader.Parse("""
            concepts:
              - id: price
                query: price
            brands:
              - id: acme
                query: acme
                concepts:
                  - id: rocket-skates
                    query: '"rocket skates"'
              - id: globex
                query: globex
            """, "brand-concepts.yaml"));
        var batcher = new MentionBatcher();

        var batches = batcher.Fold([Read(model, TestData.Line("p1", Now, "acme and globex: rocket skates at a good price"))], model.Analyzer, new AdmittedPosts())
            .ToDictionary(b => b.BrandId, b => b.Delta.Minutes.SelectMany(m => m.Segments).Where(s => s.Dimension == SegmentDimension.Concept).Select(s => s.Value).Order().ToList());

        Assert.Equal(["price", "rocket-skates"], batches["acme"]);
        Assert.Equal(["price"], batches["globex"]);
    }

    [Fact]
    public void Posts_remembered_from_journaled_lines_are_duplicates_as_if_folded_then_and_no_others()
    {
        var model = WatchedAcme();
        string[] journaled =
        [
            TestData.Line("m1", Now, "acmeco is fine"),
            TestData.Line("t1", Now, "verify your account at acme-login.com"),
            TestData.Line("u1", Now, "nothing to see"),
            TestData.Line("l1", Now.AddDays(-40), "acmeco long ago"),
            "{not json",
        ];
        var identities = new List<ulong>();
        ChunkReader.ReadIdentities(TestData.Utf8(journaled), model.Analyzer, Now, new AnalysisScratch(), identities);
        Assert.Equal(2, identities.Count);

        var batcher = new MentionBatcher();
        batcher.RememberSeen(identities);
        var again = Read(model, TestData.Line("m1", Now, "acmeco is fine"), TestData.Line("t1", Now, "verify your account at acme-login.com"), TestData.Line("u1", Now, "acmeco now"));
        var batches = batcher.Fold([again], model.Analyzer, new AdmittedPosts());

        // m1 is a duplicate and t1 seen; u1, unmatched before, counts now that it names acme.
        Assert.Equal(1, again.Duplicates);
        var acme = Assert.Single(batches);
        Assert.Equal((1, 0), (acme.Delta.Mentions, acme.Delta.Threats.Count));
    }
}
