using StreamEngine.Domain.Sentiment;
using StreamEngine.Domain.Text;

namespace StreamEngine.Domain.Tests.Sentiment;

/// <summary>
/// Stretched words ("goooood") read as the lexicon entry they stretch. Sums are read back from the
/// compound as in <see cref="VaderRuleTests"/>, over a lexicon where every other word is neutral.
/// </summary>
public sealed class StretchedWordTests
{
    private const double Precision = 1e-9;

    private static readonly SentimentScorer Scorer = SentimentScorer.Parse(new StringReader(
        "good\t2.0\nbad\t-2.5\nlove\t3.2\nhello\t0.5\ngrrr\t-0.4\nyeees\t1.7\nyes\t1.0\ncool\t1.3\n"));

    private static double Sum(string text)
    {
        var compound = Scorer.Score(text, new TokenizedText()).Compound;
        return compound * Math.Sqrt(15 / (1 - (compound * compound)));
    }

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

    [Fact]
    public void Negation_and_boosters_still_reach_a_stretched_word()
    {
        Assert.Equal(Sum("not good"), Sum("not goooood"), Precision);
    }

    [Theory]
    [InlineData("g000d")] // digits are not letters
    [InlineData("goo")]
    public void Only_runs_of_three_or_more_letters_are_cut(string text)
    {
        Assert.Equal(0, Sum(text), Precision);
    }

    [Fact]
    public void A_stretch_too_long_for_any_entry_is_not_read()
    {
        var endless = "g" + new string('o', 10_000) + "d " + string.Concat(Enumerable.Repeat("ab", 40)) + "ooo";

        Assert.Equal(2.0, Sum(endless), Precision);
    }
}
