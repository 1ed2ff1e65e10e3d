using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Analysis;
using StreamEngine.Domain.Influence;
using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Sketches;

namespace StreamEngine.Domain.Tests.Influence;

/// <summary>
/// A day's pane is rebuilt from its hour panes when the brand's first post of the next day arrives.
/// When the day's authors all fit its pane, the week must show each of them exactly as before:
/// every post, its reach and its engagement, under every ranking, however the posts were sent.
/// </summary>
public sealed class DayRolloverTests
{
    [Fact]
    public void Authors_of_a_day_that_fit_its_pane_keep_every_figure_when_the_day_is_rebuilt_at_midnight()
    {
        // 29 authors (a day pane keeps 32), a third with no followers and a quarter with no
        // engagement, half the posts crowded into the day's last hour (an hour pane keeps 16):
        // sent in time order or shuffled, in bodies of 37 posts.
        for (var seed = 1; seed <= 60; seed++)
        {
            FeedDayThenNextDay(seed, shuffled: seed % 2 == 0);
        }
    }

    private static void FeedDayThenNextDay(int seed, bool shuffled)
    {
        var now = new DateTimeOffset(2026, 11, 27, 0, 5, 0, TimeSpan.Zero);
        var random = new Random(seed);
        var posts = new List<Post>();
        for (var i = 0; i < 200; i++)
        {
            var author = random.Next(29);
            var at = now.AddMinutes(-6 - (i % 2 == 0 ? random.Next(50) : random.Next(22 * 60)));
            posts.Add(TestPosts.Make($"p{i}", at, text: "acme", handle: $"@u{author}", followers: author % 3 == 0 ? 0 : 10 + author, engagement: new Engagement(author % 4 == 0 ? 0 : author, 0, 0, 0)));
        }

        var ordered = shuffled ? posts.OrderBy(_ => random.Next()).ToList() : posts.OrderBy(p => p.CreatedAt).ToList();
        var aggregate = new BrandAggregate();
        foreach (var body in ordered.Chunk(37))
        {
            var builder = new BrandDeltaBuilder();
            foreach (var p in body)
            {
                builder.Add(p, PostAnalysis.Empty);
            }

            aggregate.Apply(builder.Build());
        }

        var beforeNow = now.AddMinutes(-6);
        AssertExact(aggregate, posts, beforeNow, $"seed {seed}, before midnight");
        var last = new BrandDeltaBuilder();
        var tomorrow = TestPosts.Make("t", now.AddMinutes(-1), text: "acme", handle: "@late", followers: 1);
        last.Add(tomorrow, PostAnalysis.Empty);
        aggregate.Apply(last.Build());
        AssertExact(aggregate, [.. posts, tomorrow], now, $"seed {seed}, after midnight");
    }

    private static void AssertExact(BrandAggregate aggregate, List<Post> posts, DateTimeOffset now, string when)
    {
        foreach (var by in new[] { TallyWeight.Mentions, TallyWeight.Reach, TallyWeight.Engagement })
        {
            var top = aggregate.Influence.TopAuthors(TimeWindow.SevenDays, by, 100, now).ToDictionary(a => a.Author, a => a.Tally);
            foreach (var g in posts.GroupBy(p => p.Author.Handle))
            {
                var key = "x/" + g.Key!.ToLowerInvariant();
                Assert.True(top.ContainsKey(key), $"{when} {by}: {key} missing");
                Assert.True(top[key].Mentions == g.Count(), $"{when} {by}: {key} has {top[key].Mentions}, expected {g.Count()}");
                Assert.True(top[key].Reach == g.Sum(p => p.Author.Followers), $"{when} {by}: {key} reach {top[key].Reach}");
                Assert.True(top[key].Engagement == g.Sum(p => p.Engagement.Total), $"{when} {by}: {key} engagement {top[key].Engagement}");
            }

            Assert.True(top.Values.All(t => t.Mentions > 0), $"{when} {by}: an author with no mention: {string.Join(",", top.Where(t => t.Value.Mentions == 0).Select(t => t.Key))}");
        }
    }
}
