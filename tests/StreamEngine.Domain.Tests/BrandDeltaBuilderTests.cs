using System.Text.Json;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Analysis;
using StreamEngine.Domain.Influence;
using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Sentiment;

namespace StreamEngine.Domain.Tests;

public sealed class BrandDeltaBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A batch with more authors and hashtags per minute than travel on, spread over three minutes,
    /// with every breakdown and aspect varied; <paramref name="salt"/> makes batches differ.
    /// </summary>
    private static List<(Post Post, PostAnalysis Analysis)> Batch(int salt)
    {
        var batch = new List<(Post, PostAnalysis)>();
        for (var i = 0; i < 120; i++)
        {
            var post = TestPosts.Make(
                $"p{salt}-{i}",
                Now - TimeSpan.FromMinutes(1 + (i % 3)) + TimeSpan.FromSeconds(i % 50),
                text: $"acme #tag{i} #common #s{salt}",
                network: (Network)(1 + (i % 5)),
                authorId: $"a{(i * salt) % 70}",
                followers: (i * 37) % 1000,
                gender: (Gender)(i % 3),
                age: 15 + (i % 60),
                country: i % 4 == 0 ? null : "DE",
                language: i % 3 == 0 ? "en" : "de",
                engagement: new Engagement(i % 9, i % 4, i % 2, 0),
                purchaseDate: i % 5 == 0 ? new DateOnly(2026, 1 + (i % 12), 3) : null);
            var label = (SentimentLabel)(i / 3 % 3);
            var analysis = PostAnalysis.Empty with
            {
                Concepts = i % 2 == 0 ? ["delivery"] : ["price", "delivery"],
                Aspects = [new AspectSentiment("delivery", label)],
                Intents = i % 7 == 0 ? ["complaint"] : [],
            };
            batch.Add((post, analysis));
        }

        return batch;
    }

    private static string Fresh(List<(Post Post, PostAnalysis Analysis)> batch)
    {
        var builder = new BrandDeltaBuilder();
        foreach (var (post, analysis) in batch)
        {
            builder.Add(post, analysis);
        }

        return JsonSerializer.Serialize(builder.Build());
    }

    [Fact]
    public void A_cleared_builder_builds_exactly_what_a_fresh_one_builds()
    {
        var reused = new BrandDeltaBuilder();
        foreach (var salt in new[] { 3, 5, 11 })
        {
            var batch = Batch(salt);
            foreach (var (post, analysis) in batch)
            {
                reused.Add(post, analysis);
            }

            reused.AddCompetitorMentions(EventTime.MinuteOf(Now - TimeSpan.FromMinutes(1)), salt);
            var built = reused.Build();
            reused.Clear();

            var fresh = new BrandDeltaBuilder();
            foreach (var (post, analysis) in batch)
            {
                fresh.Add(post, analysis);
            }

            fresh.AddCompetitorMentions(EventTime.MinuteOf(Now - TimeSpan.FromMinutes(1)), salt);
            Assert.Equal(JsonSerializer.Serialize(fresh.Build()), JsonSerializer.Serialize(built));
            Assert.Equal(batch.Count, built.Mentions);
        }
    }

    [Fact]
    public void The_leading_authors_of_a_minute_are_the_union_of_the_top_few_by_mentions_reach_and_engagement()
    {
        // Many authors per minute with repeat posts, so the three rankings differ and ties occur.
        var batch = new List<(Post Post, PostAnalysis Analysis)>();
        for (var i = 0; i < 900; i++)
        {
            var post = TestPosts.Make($"q{i}", Now - TimeSpan.FromMinutes(1 + (i % 2)), authorId: $"a{(i * 7919) % 260}",
                followers: (i * 104729) % 5000, engagement: new Engagement((i * 31) % 17, 0, 0, 0));
            batch.Add((post, PostAnalysis.Empty));
        }

        var builder = new BrandDeltaBuilder();
        foreach (var (post, analysis) in batch)
        {
            builder.Add(post, analysis);
        }

        foreach (var minute in builder.Build().Minutes)
        {
            var tallies = batch.Where(b => EventTime.MinuteOf(b.Post.CreatedAt) == minute.Minute)
                .GroupBy(b => AuthorKeys.Of(b.Post)!, StringComparer.Ordinal)
                .Select(g => new AuthorContribution(g.Key, new AuthorTally(g.Count(), g.Sum(b => b.Post.Author.Followers), g.Sum(b => b.Post.Engagement.Total), 0, 0)))
                .ToList();
            Assert.True(tallies.Count > 3 * BrandDeltaBuilder.AuthorsPerMinute, "the minute must have more authors than travel on, or this proves nothing");
            IEnumerable<string> Top(Func<AuthorTally, long> weight) => tallies
                .OrderByDescending(a => weight(a.Tally)).ThenBy(a => a.Author, StringComparer.Ordinal)
                .Take(BrandDeltaBuilder.AuthorsPerMinute).Select(a => a.Author);
            var expected = Top(t => t.Mentions).Union(Top(t => t.Reach)).Union(Top(t => t.Engagement))
                .Order(StringComparer.Ordinal).Select(a => tallies.Single(t => t.Author == a)).ToList();

            Assert.Equal(expected, minute.Authors);
        }
    }

    [Fact]
    public void Keeps_only_the_leading_authors_and_hashtags_of_a_minute_in_a_stable_order()
    {
        var delta = new BrandDeltaBuilder();
        foreach (var (post, analysis) in Batch(7))
        {
            delta.Add(post, analysis);
        }

        var minutes = delta.Build().Minutes;
        Assert.Equal(3, minutes.Count);
        Assert.True(minutes.Select(m => m.Minute).SequenceEqual(minutes.Select(m => m.Minute).Order()), "minutes must come in time order");
        foreach (var minute in minutes)
        {
            Assert.InRange(minute.Authors.Count, 1, 3 * BrandDeltaBuilder.AuthorsPerMinute);
            Assert.Equal(minute.Authors.Select(a => a.Author).Order(StringComparer.Ordinal), minute.Authors.Select(a => a.Author));
            Assert.Equal(BrandDeltaBuilder.HashtagsPerMinute, minute.Hashtags.Count);
            Assert.Equal(minute.Mentions, minute.Hashtags.Single(h => h.Term == "common").Count);
            Assert.Equal(minute.Hashtags.OrderByDescending(h => h.Count).ThenBy(h => h.Term, StringComparer.Ordinal), minute.Hashtags);
            Assert.Contains(minute.Segments, s => s.Dimension == SegmentDimension.ConceptSentiment && s.Value == "delivery/negative");
        }

        Assert.Equal(JsonSerializer.Serialize(delta.Build()), Fresh(Batch(7)));
    }
}
