using StreamEngine.Domain.Model;
using StreamEngine.LoadGenerator.Firehose;

namespace StreamEngine.LoadGenerator.Tests;

/// <summary>What a perf engineer relies on in the synthetic firehose: reproducible, valid, and shaped as its options say.</summary>
public sealed class FirehoseGeneratorTests
{
    private static readonly FirehoseOptions Pinned = new() { Seed = 42, Now = GeneratedFirehose.Now };

    private static ListeningModel Synthesized { get; } = ModelSynthesizer.Model(brands: 50, conceptTerms: 200);

    [Fact]
    public void The_same_seed_gives_the_same_lines_and_another_seed_other_lines()
    {
        var model = GeneratedFirehose.DemoModel();
        var first = new GeneratedFirehose(model, Pinned, 2_000).Lines;
        var again = new GeneratedFirehose(model, Pinned, 2_000).Lines;
        var other = new GeneratedFirehose(model, Pinned with { Seed = 43 }, 2_000).Lines;

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Every_line_is_a_post_the_engine_accepts_for_the_demo_model_and_a_synthesized_one()
    {
        Assert.Empty(new GeneratedFirehose(GeneratedFirehose.DemoModel(), Pinned, 20_000).Errors);
        Assert.Empty(new GeneratedFirehose(Synthesized, Pinned, 20_000).Errors);
    }

    [Fact]
    public void Posts_that_should_name_no_brand_name_none_and_the_rest_name_one()
    {
        var firehose = new GeneratedFirehose(Synthesized, Pinned with { DuplicateShare = 0, CompetitorShare = 0 }, 20_000);

        var unmatched = firehose.BrandsOf.Count(b => b.Length == 0) / (double)firehose.Posts.Count;

        // Drawn with a fixed seed, so the share is the same on every run; the bounds say what it means.
        Assert.InRange(unmatched, 0.08, 0.12);
        Assert.All(firehose.BrandsOf.Where(b => b.Length > 0), b => Assert.Single(b));
    }

    [Fact]
    public void Brand_popularity_falls_with_rank_as_Zipf_s_law_says()
    {
        var firehose = new GeneratedFirehose(Synthesized, Pinned with { DuplicateShare = 0, CompetitorShare = 0 }, 40_000);
        var mentions = firehose.BrandsOf.Where(b => b.Length == 1).CountBy(b => b[0]).ToDictionary();
        int Of(int rank) => mentions.GetValueOrDefault(Synthesized.Brands[rank - 1].Id);

        // With exponent 1, rank r is mentioned 1/r as often as rank 1.
        Assert.InRange(Of(1) / (double)Of(2), 1.7, 2.3);
        Assert.InRange(Of(1) / (double)Of(10), 7.5, 12.5);
        Assert.True(Of(10) > Of(50));
    }

    [Fact]
    public void Late_and_repeated_posts_come_in_the_shares_asked_for()
    {
        var firehose = new GeneratedFirehose(Synthesized, Pinned with { LateShare = 0.05, DuplicateShare = 0.05 }, 20_000);

        var late = firehose.Posts.Count(p => p.CreatedAt < GeneratedFirehose.Now.AddDays(-29)) / (double)firehose.Posts.Count;
        var repeated = firehose.Posts.Count - firehose.Posts.DistinctBy(p => (p.Network, p.Id)).Count();

        Assert.InRange(late, 0.04, 0.06);
        Assert.InRange(repeated / (double)firehose.Posts.Count, 0.04, 0.06);
        Assert.DoesNotContain(firehose.Posts, p => p.CreatedAt > GeneratedFirehose.Now);
    }

    [Fact]
    public void A_file_made_later_holds_other_ids_and_one_made_again_the_same()
    {
        var first = FirehoseCli.ForFile(Pinned, prefixGiven: false);
        var later = FirehoseCli.ForFile(Pinned with { Now = GeneratedFirehose.Now.AddMinutes(10) }, prefixGiven: false);

        Assert.NotEqual(first.IdPrefix, later.IdPrefix);
        Assert.Equal(first.IdPrefix, FirehoseCli.ForFile(Pinned, prefixGiven: false).IdPrefix);
        Assert.Equal("mine", FirehoseCli.ForFile(Pinned with { IdPrefix = "mine" }, prefixGiven: true).IdPrefix);
        Assert.Empty(new GeneratedFirehose(Synthesized, first, 100).Errors);
    }

    [Fact]
    public void A_file_spread_over_hours_goes_through_them_in_time_order_and_covers_them_evenly()
    {
        var options = Pinned with { SpreadHours = 5, LateShare = 0, DuplicateShare = 0 };
        using var file = new MemoryStream();
        new FirehoseGenerator(Synthesized, options).WriteTo(file, 5_000);

        var times = System.Text.Encoding.UTF8.GetString(file.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("createdAt").GetDateTimeOffset())
            .ToList();

        Assert.Equal(times.Order(), times);
        Assert.InRange(times[0], GeneratedFirehose.Now.AddHours(-5), GeneratedFirehose.Now.AddHours(-5).AddMinutes(1));
        Assert.InRange(times[^1], GeneratedFirehose.Now.AddMinutes(-1), GeneratedFirehose.Now);
        var perHour = times.GroupBy(t => (int)(GeneratedFirehose.Now - t).TotalHours).Select(g => g.Count()).ToList();
        Assert.Equal(5, perHour.Count);
        Assert.All(perHour, n => Assert.InRange(n, 990, 1_010));
    }

    [Fact]
    public void A_probe_brand_is_kept_out_of_the_stream_and_its_probe_line_names_it_alone()
    {
        var probe = Synthesized.Brands[0].Id;
        var options = Pinned with { ProbeBrand = probe };
        var firehose = new GeneratedFirehose(Synthesized, options, 10_000);

        Assert.DoesNotContain(firehose.BrandsOf, b => b.Contains(probe));
        var line = new FirehoseGenerator(Synthesized, options).ProbeLine(probe, "probe-1", GeneratedFirehose.Now);
        Assert.True(Domain.Posts.PostParser.TryParse(line.AsSpan().TrimEnd((byte)'\n'), out var post, out var error), error);
        Assert.Equal("probe-1", post.Id);
    }

    [Fact]
    public void A_bad_id_prefix_or_probe_brand_is_refused_naming_its_option()
    {
        var prefix = Assert.Throws<ArgumentException>(() => new FirehoseGenerator(Synthesized, new FirehoseOptions { IdPrefix = "p-x" }));
        var probe = Assert.Throws<ArgumentException>(() => new FirehoseGenerator(Synthesized, new FirehoseOptions { ProbeBrand = "nope" }));

        Assert.Equal("--id-prefix is 'p-x': expected ASCII letters and digits", prefix.Message);
        Assert.Equal("--probe-brand is 'nope': no brand of the model has that id", probe.Message);
    }
}
