using StreamEngine.Domain.Influence;
using StreamEngine.Domain.Sketches;

namespace StreamEngine.Domain.Tests.Influence;

public sealed class SpaceSavingTests
{
    [Fact]
    public void Every_key_heavier_than_total_over_capacity_is_kept_with_its_weight_bounded()
    {
        // A Zipf-like stream of 2,000 keys over 20,000 uses, shuffled with a seed.
        var random = new Random(3);
        var uses = Enumerable.Range(1, 2_000).SelectMany(k => Enumerable.Repeat($"k{k}", Math.Max(1, 2_000 / k))).OrderBy(_ => random.Next()).ToList();
        var summary = new SpaceSaving<TermTally>(50, TallyWeight.Mentions);
        foreach (var key in uses)
        {
            summary.Add(key, new TermTally(1));
        }

        var truth = uses.GroupBy(k => k).ToDictionary(g => g.Key, g => (long)g.Count());
        var bound = uses.Count / summary.Capacity;
        Assert.Equal(50, summary.Entries.Length);
        foreach (var (key, count) in truth.Where(t => t.Value > bound))
        {
            var kept = Assert.Single(summary.Entries.ToArray(), e => e.Key == key);
            Assert.InRange(kept.Ranking(TallyWeight.Mentions), count, count + bound);
            Assert.True(kept.Tally.Count <= count, $"{key}: its own tally never exceeds its true count");
        }
    }

    [Fact]
    public void A_summary_ranking_by_reach_keeps_one_huge_post_among_many_small_authors()
    {
        var byMentions = new SpaceSaving<AuthorTally>(8, TallyWeight.Mentions);
        var byReach = new SpaceSaving<AuthorTally>(8, TallyWeight.Reach);
        void Add(string author, long reach)
        {
            var tally = new AuthorTally(1, reach, 0, 0, 0);
            byMentions.Add(author, tally);
            byReach.Add(author, tally);
        }

        Add("@celebrity", 5_000_000);
        for (var i = 0; i < 500; i++)
        {
            Add($"@fan{i % 100}", 10);
        }

        Assert.Contains(byReach.Entries.ToArray(), e => e.Key == "@celebrity" && e.Tally.Reach == 5_000_000);
        Assert.DoesNotContain(byMentions.Entries.ToArray(), e => e.Key == "@celebrity");
    }

    [Fact]
    public void A_full_summary_refuses_more_restored_keys()
    {
        var summary = new SpaceSaving<TermTally>(1, TallyWeight.Mentions);
        summary.Restore(new SpaceSaving<TermTally>.Kept("a", new TermTally(1), 0));
        Assert.Throws<InvalidOperationException>(() => summary.Restore(new SpaceSaving<TermTally>.Kept("b", new TermTally(1), 0)));
    }
}
