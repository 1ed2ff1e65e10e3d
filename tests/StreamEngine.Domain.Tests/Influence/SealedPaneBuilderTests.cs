using System.Text;
using StreamEngine.Domain.Influence;
using StreamEngine.Domain.Sketches;

namespace StreamEngine.Domain.Tests.Influence;

public sealed class SealedPaneBuilderTests
{
    // A snapshot's table holds names as UTF-8 (a lone surrogate written as U+FFFD), and may hold bytes that are not UTF-8 at all.
    private static readonly byte[][] Table =
    [
        .. new[] { "x/@ana", "x/@ação", "x/@😀", "x/@\ud83d", "x/@" + new string('w', 300), "#preço", "#tag", "x/@bob" }.Select(Encoding.UTF8.GetBytes),
        [(byte)'x', (byte)'/', (byte)'@', 0xFF, 0xC3],
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_pane_built_from_its_record_is_the_opened_pane_sealed_byte_for_byte(int seed)
    {
        var random = new Random(seed);
        var builder = new SealedPaneBuilder(Table);

        // Several panes through one builder: each must forget the names of the one before.
        for (var paneNumber = 0; paneNumber < 5; paneNumber++)
        {
            var period = 29_000_000L + paneNumber;
            var opened = new InfluencePane(period, 16, 32);
            foreach (var ranking in new[] { opened.ByMentions, opened.ByReach, opened.ByEngagement })
            {
                var places = Places(random, ranking.Capacity);
                builder.Count(places.Length);
                foreach (var place in places)
                {
                    var tally = new AuthorTally(random.Next(1, 50), random.Next(0, 1_000_000), random.Next(0, 500), random.Next(0, 20), random.Next(0, 20));
                    var error = (long)random.Next(0, 5);
                    ranking.Restore(new SpaceSaving<AuthorTally>.Kept(Encoding.UTF8.GetString(Table[place]), tally, error));
                    builder.Author(place, tally, error);
                }
            }

            var hashtags = Places(random, opened.Hashtags.Capacity);
            builder.Count(hashtags.Length);
            foreach (var place in hashtags)
            {
                var (count, error) = ((long)random.Next(1, 90), (long)random.Next(0, 3));
                opened.Hashtags.Restore(new SpaceSaving<TermTally>.Kept(Encoding.UTF8.GetString(Table[place]), new TermTally(count), error));
                builder.Hashtag(place, count, error);
            }

            Assert.Equal(SealedPane.Seal(opened).Data, builder.Build(period).Pane.Data);
        }
    }

    [Fact]
    public void A_place_outside_the_table_is_refused()
    {
        var builder = new SealedPaneBuilder(Table);
        builder.Count(1);

        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Author(Table.Length, new AuthorTally(1, 0, 0, 0, 0), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Hashtag(-1, 1, 0));
    }

    // Distinct places of the table, in a random order, as many as a ranking keeps at most.
    private static int[] Places(Random random, int capacity) =>
        [.. Enumerable.Range(0, Table.Length).OrderBy(_ => random.Next()).Take(random.Next(0, Math.Min(capacity, Table.Length) + 1))];
}
