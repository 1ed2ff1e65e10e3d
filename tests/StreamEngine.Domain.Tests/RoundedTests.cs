using StreamEngine.Domain.Aggregates;

namespace StreamEngine.Domain.Tests;

public sealed class RoundedTests
{
    [Fact]
    public void Shares_rounded_together_add_up_to_the_whole()
    {
        // 17,828, 9,270, 6,432 and 5,178 mentions of 38,708: each rounded alone, 100.01 in all.
        long[] mentions = [17_828, 9_270, 6_432, 5_178];
        var shares = mentions.Select(m => 100.0 * m / mentions.Sum()).ToList();
        Assert.Equal(100.01, shares.Sum(s => Rounded.To(s, 2)), 6);

        var apportioned = Rounded.Apportioned(shares, 2);
        Assert.Equal([46.06, 23.95, 16.61, 13.38], apportioned);
        Assert.Equal(100, apportioned.Sum(), 6);
    }

    [Fact]
    public void Each_part_stays_within_one_unit_of_its_value_and_nothing_is_made_of_no_mentions()
    {
        var random = new Random(7);
        for (var set = 0; set < 500; set++)
        {
            var mentions = Enumerable.Range(0, random.Next(2, 9)).Select(_ => (double)random.Next(0, 5_000)).ToList();
            var total = mentions.Sum();
            var shares = mentions.Select(m => total > 0 ? 100 * m / total : 0).ToList();
            var apportioned = Rounded.Apportioned(shares, 2);
            Assert.Equal(total > 0 ? 100 : 0, apportioned.Sum(), 6);
            Assert.All(shares.Zip(apportioned), p => Assert.InRange(p.Second, p.First - 0.01, p.First + 0.01));
            Assert.All(mentions.Zip(apportioned), p => Assert.True(p.First > 0 || p.Second == 0, "a brand without mentions has no share"));
        }
    }
}
