using System.Text;
using System.Text.Json;
using StreamEngine.LoadGenerator.Firehose;

namespace StreamEngine.LoadGenerator.Tests;

/// <summary>A pool of lines sent over and over: each pass gives every post a fresh id, and a repeat repeats its original's.</summary>
public sealed class PostPoolTests
{
    private static string[] Ids(byte[] batch) =>
        [.. Encoding.UTF8.GetString(batch).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[7..(l.IndexOf('"', 7))])];

    /// <summary>The batch with every line's id digits blanked: what a pass must leave as it was.</summary>
    private static byte[] WithoutIds(byte[] batch, PostPool pool)
    {
        var copy = batch.ToArray();
        foreach (var start in pool.Batches[0].LineStarts)
        {
            copy.AsSpan(start + pool.IdDigitsOffset, FirehoseGenerator.IdDigits).Fill((byte)'#');
        }

        return copy;
    }

    [Fact]
    public void Each_pass_gives_fresh_ids_and_leaves_the_rest_of_each_line_as_it_was()
    {
        var generator = new FirehoseGenerator(ModelSynthesizer.Model(brands: 20, conceptTerms: 50), new FirehoseOptions { Now = GeneratedFirehose.Now, DuplicateShare = 0.05 });
        var pool = generator.Pool(posts: 3_000, batch: 1_000);

        var firstPass = Enumerable.Range(0, pool.Batches.Count).SelectMany(b => Ids(pool.Materialise(b, 0))).ToArray();
        var secondPass = Enumerable.Range(0, pool.Batches.Count).SelectMany(b => Ids(pool.Materialise(b, 1))).ToArray();

        Assert.Equal(3_000, firstPass.Length);
        Assert.Empty(firstPass.Intersect(secondPass));
        Assert.Equal(firstPass.Length - firstPass.Distinct().Count(), secondPass.Length - secondPass.Distinct().Count());
        Assert.True(firstPass.Length - firstPass.Distinct().Count() > 0, "the pool holds repeats to keep");
        Assert.Equal(WithoutIds(pool.Materialise(0, 0), pool), WithoutIds(pool.Materialise(0, 1), pool));
    }

    [Fact]
    public void Every_batch_holds_a_whole_batch_of_lines()
    {
        var generator = new FirehoseGenerator(ModelSynthesizer.Model(brands: 5, conceptTerms: 10), new FirehoseOptions { Now = GeneratedFirehose.Now });

        var pool = generator.Pool(posts: 2_500, batch: 1_000);

        Assert.Equal(3, pool.Batches.Count);
        Assert.All(pool.Batches, b => Assert.Equal(1_000, Ids(b.Bytes).Length));
    }

    [Fact]
    public void A_copy_sent_later_moves_every_posts_time_on_by_as_much_and_nothing_else()
    {
        // Sent as generated, a run of minutes kept dating its posts at its start: the newest minute
        // of every brand stopped moving.
        var generator = new FirehoseGenerator(ModelSynthesizer.Model(brands: 20, conceptTerms: 50), new FirehoseOptions { Now = GeneratedFirehose.Now, LateShare = 0.1 });
        var pool = generator.Pool(posts: 500, batch: 500);
        var shift = TimeSpan.FromMinutes(7) + TimeSpan.FromMilliseconds(250);

        var asMade = Lines(pool.Materialise(0, 0));
        var later = Lines(pool.Materialise(0, 0, shift));

        Assert.Equal(500, later.Length);
        for (var i = 0; i < asMade.Length; i++)
        {
            var (before, after) = (JsonDocument.Parse(asMade[i]).RootElement, JsonDocument.Parse(later[i]).RootElement);
            Assert.Equal(before.GetProperty("createdAt").GetDateTimeOffset() + shift, after.GetProperty("createdAt").GetDateTimeOffset());
            Assert.Equal(asMade[i].Replace(before.GetProperty("createdAt").GetString()!, "", StringComparison.Ordinal), later[i].Replace(after.GetProperty("createdAt").GetString()!, "", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_shift_is_the_whole_milliseconds_since_the_pool_was_made()
    {
        var pool = new FirehoseGenerator(ModelSynthesizer.Model(brands: 5, conceptTerms: 10), new FirehoseOptions { Now = GeneratedFirehose.Now }).Pool(posts: 10, batch: 10);

        Assert.Equal(TimeSpan.FromMilliseconds(90_061), pool.ShiftAt(pool.MadeAt + TimeSpan.FromTicks(900_619_999)));
        Assert.Equal(TimeSpan.Zero, pool.ShiftAt(pool.MadeAt - TimeSpan.FromSeconds(1)));
    }

    private static string[] Lines(byte[] batch) => Encoding.UTF8.GetString(batch).Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
