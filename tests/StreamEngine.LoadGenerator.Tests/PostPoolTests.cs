using System.Text;
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
}
