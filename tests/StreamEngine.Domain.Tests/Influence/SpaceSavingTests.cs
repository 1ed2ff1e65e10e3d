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
    public void Room_made_ahead_changes_nothing_a_summary_keeps()
    {
        var random = new Random(5);
        var keys = Enumerable.Range(0, 400).Select(_ => $"k{random.Next(40)}").ToList();
        var grown = new SpaceSaving<TermTally>(16, TallyWeight.Mentions);
        var reserved = new SpaceSaving<TermTally>(16, TallyWeight.Mentions);
        reserved.Restore(new SpaceSaving<TermTally>.Kept("first", new TermTally(3), 0));
        grown.Restore(new SpaceSaving<TermTally>.Kept("first", new TermTally(3), 0));

        // More room than the capacity allows, then keys past it: the summary replaces as before.
        reserved.Reserve(1_000);
        foreach (var key in keys)
        {
            grown.Add(key, new TermTally(1));
            reserved.Add(key, new TermTally(1));
        }

        Assert.Equal(grown.Entries.ToArray(), reserved.Entries.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => reserved.Reserve(-1));
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

    [Fact]
    public void Keeps_exactly_what_a_plain_scan_of_its_entries_keeps()
    {
        // Seeded streams over a few dozen keys (so keys come back, and a full summary keeps
        // replacing its least), some summaries restored from a snapshot first; capacities below,
        // at and above the size from which a summary indexes its keys.
        for (var seed = 0; seed < 400; seed++)
        {
            var random = new Random(seed);
            var capacity = 1 + random.Next(20);
            var weight = (TallyWeight)(1 + random.Next(3));
            var summary = new SpaceSaving<AuthorTally>(capacity, weight);
            var reference = new List<SpaceSaving<AuthorTally>.Kept>();
            // Restored keys come from the same accounts as the stream's, as a reopened pane's
            // authors post again.
            var accounts = Enumerable.Range(0, 3 * capacity).OrderBy(_ => random.Next()).ToArray();
            for (var r = random.Next(capacity + 1); r > 0; r--)
            {
                var restored = new SpaceSaving<AuthorTally>.Kept($"x/@account{accounts[r]}", Tally(random), random.Next(5));
                summary.Restore(restored);
                reference.Add(restored);
            }

            for (var i = 0; i < 300; i++)
            {
                // A fresh string each time, as each batch names its authors anew.
                var key = string.Concat("x/@account", random.Next(3 * capacity).ToString(System.Globalization.CultureInfo.InvariantCulture));
                var tally = Tally(random);
                summary.Add(key, tally);
                AddByScan(reference, capacity, weight, key, tally);
                Assert.Equal(reference, summary.Entries.ToArray());
            }
        }
    }

    [Fact]
    public void A_key_restored_into_a_summary_that_already_finds_keys_by_hash_is_found_again()
    {
        var summary = new SpaceSaving<TermTally>(40, TallyWeight.Mentions);
        for (var i = 0; i < 30; i++)
        {
            summary.Add($"#tag{i}", new TermTally(1));
        }

        summary.Restore(new SpaceSaving<TermTally>.Kept("#restored", new TermTally(5), 2));
        summary.Add(new string("#restored".AsSpan()), new TermTally(1));

        var kept = Assert.Single(summary.Entries.ToArray(), e => e.Key == "#restored");
        Assert.Equal(new SpaceSaving<TermTally>.Kept("#restored", new TermTally(6), 2), kept);
        Assert.Equal(31, summary.Entries.Length);
    }

    [Fact]
    public void A_key_is_told_by_its_text_from_keys_of_the_same_hash_code()
    {
        SpaceSaving<TermTally>.Kept[] kept = [new("#a", new TermTally(1), 0), new("#b", new TermTally(2), 0), new("#c", new TermTally(3), 0), new("#d", new TermTally(4), 0)];
        int[] hashes = [7, 9, 7, 7];

        Assert.Equal(2, SpaceSaving<TermTally>.IndexOf(hashes, kept, new string("#c".AsSpan()), 7));
        Assert.Equal(3, SpaceSaving<TermTally>.IndexOf(hashes, kept, "#d", 7));
        Assert.Equal(0, SpaceSaving<TermTally>.IndexOf(hashes, kept, "#a", 7));
        Assert.Equal(-1, SpaceSaving<TermTally>.IndexOf(hashes, kept, "#e", 7));
        Assert.Equal(-1, SpaceSaving<TermTally>.IndexOf(hashes, kept, "#b", 7));
        Assert.Equal(1, SpaceSaving<TermTally>.IndexOf(hashes, kept, "#b", 9));
    }

    private static AuthorTally Tally(Random random) =>
        new(1 + random.Next(3), random.Next(1_000), random.Next(50), random.Next(2), random.Next(2));

    /// <summary>The summary's rule with nothing but a list: find the key by its text, else fill, else replace the first least.</summary>
    private static void AddByScan(List<SpaceSaving<AuthorTally>.Kept> kept, int capacity, TallyWeight weight, string key, AuthorTally tally)
    {
        var at = kept.FindIndex(k => k.Key == key);
        if (at >= 0)
        {
            kept[at] = kept[at] with { Tally = kept[at].Tally.Plus(tally) };
            return;
        }

        if (kept.Count < capacity)
        {
            kept.Add(new SpaceSaving<AuthorTally>.Kept(key, tally, 0));
            return;
        }

        var least = 0;
        for (var i = 1; i < kept.Count; i++)
        {
            if (kept[i].Ranking(weight) < kept[least].Ranking(weight))
            {
                least = i;
            }
        }

        kept[least] = new SpaceSaving<AuthorTally>.Kept(key, tally, kept[least].Ranking(weight));
    }
}
