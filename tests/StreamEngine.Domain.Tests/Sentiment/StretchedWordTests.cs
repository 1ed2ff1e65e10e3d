using StreamEngine.Domain.Sentiment;

namespace StreamEngine.Domain.Tests.Sentiment;

/// <summary>
/// Stretched words ("goooood") read as the lexicon entry they stretch. Sums are read back from the
/// compound as in <see cref="VaderRuleTests"/>, over a lexicon where every other word is neutral.
/// </summary>
public sealed class StretchedWordTests
{
    private const double Precision = 1e-9;

    private static readonly SentimentScorer Scorer = SentimentScorer.Parse(new StringReader(
        "good\t2.0\nbad\t-2.5\nlove\t3.2\nhello\t0.5\ngrrr\t-0.4\nyeees\t1.7\nyes\t1.0\ncool\t1.3\nabcd\t1.1\n"));

    private static double Sum(string text) => ValenceSum.Of(Scorer, text);

    [Theory]
    [InlineData("goooood", 2.0)]
    [InlineData("baaaaaad", -2.5)]
    [InlineData("looooove", 3.2)]
    [InlineData("hellllooooo", 0.5)]
    [InlineData("GOOOOOD", 2.0)]
    [InlineData("cooool", 1.3)]
    [InlineData("goood", 2.0)]
    [InlineData("helllooo", 0.5)]
    public void A_stretched_word_reads_as_the_word(string text, double sum)
    {
        Assert.Equal(sum, Sum(text), Precision);
    }

    [Theory]
    [InlineData("grrr", -0.4)]
    [InlineData("grrrrrrr", -0.4)]
    [InlineData("yeees", 1.7)]
    [InlineData("yeeeeeees", 1.7)]
    public void A_stretch_the_lexicon_lists_is_cut_no_further_than_to_that_entry(string text, double sum)
    {
        Assert.Equal(sum, Sum(text), Precision);
    }

    [Theory]
    [InlineData("not goooood", "not good")]
    [InlineData("very goooood", "very good")]
    [InlineData("nooot good", "not good")]
    [InlineData("it is GOOOOOD", "it is GOOD")]
    [InlineData("what a day, this is really cooool", "what a day, this is really cool")]
    public void A_stretched_word_plays_every_part_its_entry_plays(string stretched, string plain)
    {
        // The last case puts the stretch in the last units of a text long enough to be checked a vector at a time.
        Assert.NotEqual(0, Sum(plain), Precision);
        Assert.Equal(Sum(plain), Sum(stretched), Precision);
    }

    [Fact]
    public void The_first_three_stretches_of_a_token_are_tried_both_ways_and_later_ones_cut_to_two()
    {
        Assert.Equal(1.1, Sum("aaabbbcccd"), Precision);
        Assert.Equal(0, Sum("aaabbbcccddd"), Precision);
    }

    [Theory]
    [InlineData("g000d")] // digits are not letters
    [InlineData("goo")]
    public void Only_runs_of_three_or_more_letters_are_cut(string text)
    {
        Assert.Equal(0, Sum(text), Precision);
    }

    [Fact]
    public void A_very_long_stretch_is_cut_like_a_short_one_and_a_long_token_of_no_entry_stays_unread()
    {
        var endless = "g" + new string('o', 10_000) + "d " + string.Concat(Enumerable.Repeat("ab", 40)) + "ooo";

        Assert.Equal(2.0, Sum(endless), Precision);
    }
}
