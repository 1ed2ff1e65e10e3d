using StreamEngine.Domain.Sentiment;
using StreamEngine.Domain.Text;

namespace StreamEngine.Domain.Tests.Sentiment;

/// <summary>
/// One rule at a time, over a small lexicon so that every other word is neutral. Each test reads
/// back the sum of valences from the compound score (the inverse of x / sqrt(x² + 15)) and checks
/// it against the rule's arithmetic.
/// </summary>
public sealed class VaderRuleTests
{
    private const double Precision = 1e-9;

    private static readonly SentimentScorer Scorer = SentimentScorer.Parse(new StringReader(
        "good\t2.0\nbad\t-2.0\nno\t-1.2\nkind\t2.4\nbomb\t-2.2\nkiss\t1.8\ndeath\t-2.9\n"));

    private static SentimentScore Score(string text) => Scorer.Score(text, new TokenizedText());

    private static double Sum(string text) => ValenceSum.Of(Scorer, text);

    [Theory]
    [InlineData("the bus leaves at noon")]
    [InlineData("")]
    [InlineData("!!! ???")]
    public void A_text_without_sentiment_words_scores_zero(string text)
    {
        var score = Score(text);

        Assert.Equal(0, score.Compound);
        Assert.Equal(0, score.Positive);
        Assert.Equal(0, score.Negative);
        Assert.Equal(SentimentLabel.Neutral, score.Label);
    }

    [Fact]
    public void A_neutral_text_is_wholly_neutral()
    {
        Assert.Equal(1, Score("the bus leaves at noon").Neutral);
    }

    [Theory]
    [InlineData("good", 2.0)]
    [InlineData("bad", -2.0)]
    [InlineData("good bad good", 2.0)]
    [InlineData("Good, good.", 4.0)]
    public void Sums_the_lexicon_valences(string text, double sum)
    {
        Assert.Equal(sum, Sum(text), Precision);
    }

    [Theory]
    [InlineData("not good")]
    [InlineData("it isn't good")]
    [InlineData("it isn’t good")]
    [InlineData("it isn＇t good")] // a full-width apostrophe, as full-width text writes it
    [InlineData("ｉｔ ｉｓｎ＇ｔ ｇｏｏｄ")]
    [InlineData("never good")]
    [InlineData("not one good")]
    [InlineData("not one two good")]
    [InlineData("without good")]
    public void A_negation_up_to_three_tokens_before_flips_and_shrinks_the_valence(string text)
    {
        Assert.Equal(2.0 * -0.74, Sum(text), Precision);
    }

    [Fact]
    public void A_negation_four_tokens_before_does_not_reach()
    {
        Assert.Equal(2.0, Sum("not one two three good"), Precision);
    }

    [Fact]
    public void Two_negations_cancel()
    {
        Assert.Equal(2.0 * -0.74 * -0.74, Sum("not never good"), Precision);
    }

    [Theory]
    [InlineData("very good", 2 + 0.293)]
    [InlineData("very bad", -2 - 0.293)]
    [InlineData("very one good", 2 + (0.293 * 0.95))]
    [InlineData("very one two good", 2 + (0.293 * 0.9))]
    [InlineData("very one two three good", 2)]
    [InlineData("extremely very good", 2 + 0.293 + (0.293 * 0.95))]
    public void A_booster_adds_intensity_fading_with_distance(string text, double sum)
    {
        Assert.Equal(sum, Sum(text), Precision);
    }

    [Theory]
    [InlineData("slightly good", 2 - 0.293)]
    [InlineData("slightly bad", -2 + 0.293)]
    [InlineData("kind of good", 2 - 0.293)]
    [InlineData("sort of good", 2 - 0.293)]
    [InlineData("just enough good", 2 - 0.293)]
    public void A_dampener_takes_intensity_away(string text, double sum)
    {
        Assert.Equal(sum, Sum(text), Precision);
    }

    [Theory]
    [InlineData("kind of one good", 2 - (0.293 * 0.95))]
    [InlineData("sort of one two good", 2)]
    [InlineData("just enough one two good", 2)]
    public void A_two_word_dampener_reaches_only_when_both_words_are_within_three_tokens(string text, double sum)
    {
        // "kind of one good": "of" two tokens before, so 95 % of the dampener; in "sort of one two
        // good" the "sort" is four tokens before, outside the window the rules look back over.
        Assert.Equal(sum, Sum(text), Precision);
    }

    [Fact]
    public void Kind_followed_by_of_carries_no_valence_of_its_own()
    {
        Assert.Equal(2.4, Sum("kind"), Precision);
        Assert.Equal(0, Sum("kind of"), Precision);
    }

    [Theory]
    [InlineData("GOOD day", 2 + 0.733)]
    [InlineData("BAD day", -2 - 0.733)]
    [InlineData("VERY good day", 2 + 0.293 + 0.733)]
    [InlineData("GOOD DAY", 2)]
    [InlineData("good day", 2)]
    public void Capitals_add_emphasis_only_in_mixed_case_text(string text, double sum)
    {
        Assert.Equal(sum, Sum(text), Precision);
    }

    [Theory]
    [InlineData("good but bad", (2 * 0.5) + (-2 * 1.5))]
    [InlineData("bad but good", (-2 * 0.5) + (2 * 1.5))]
    [InlineData("good good but", 2 * 2 * 0.5)]
    [InlineData("but bad but good", (-2 * 1.5) + (2 * 1.5))]
    public void But_halves_what_comes_before_it_and_raises_what_follows(string text, double sum)
    {
        Assert.Equal(sum, Sum(text), Precision);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(9)]
    public void Each_exclamation_mark_adds_intensity_up_to_four(int marks)
    {
        var text = "good" + new string('!', marks);

        Assert.Equal(2 + (Math.Min(marks, 4) * 0.292), Sum(text), Precision);
        Assert.Equal(-2 - (Math.Min(marks, 4) * 0.292), Sum("bad" + new string('!', marks)), Precision);
    }

    [Fact]
    public void More_exclamation_marks_never_lower_the_compound()
    {
        var compounds = Enumerable.Range(0, 8).Select(n => Score("good" + new string('!', n)).Compound).ToList();

        Assert.Equal(compounds.Order(), compounds);
        Assert.True(compounds[4] > compounds[3]);
        Assert.Equal(compounds[4], compounds[7]);
    }

    [Theory]
    [InlineData("good?", 2)]
    [InlineData("good??", 2 + (2 * 0.18))]
    [InlineData("good???", 2 + (3 * 0.18))]
    [InlineData("good????", 2 + 0.96)]
    [InlineData("good?????????", 2 + 0.96)]
    public void Repeated_question_marks_add_intensity(string text, double sum)
    {
        Assert.Equal(sum, Sum(text), Precision);
    }

    [Theory]
    [InlineData("least good", 2 * -0.74)]
    [InlineData("the least good", 2 * -0.74)]
    [InlineData("at least good", 2)]
    [InlineData("very least good", 2 + (0.293 * 0.95))]
    public void Least_negates_except_in_at_least(string text, double sum)
    {
        Assert.Equal(sum, Sum(text), Precision);
    }

    [Theory]
    [InlineData("no", -1.2)]
    [InlineData("no good", 2 * -0.74)]
    [InlineData("no one good", -1.2 + (2 * -0.74))]
    [InlineData("no hope or good", -1.2 + (2 * -0.74))]
    [InlineData("no hope and good", -1.2 + 2)]
    [InlineData("no no no", 3 * -1.2)] // said three times, not negated twice
    [InlineData("no no good", -1.2 + (2 * -0.74))]
    public void No_negates_the_next_two_words_and_counts_itself_only_before_a_neutral_word(string text, double sum)
    {
        Assert.Equal(sum, Sum(text), Precision);
    }

    [Fact]
    public void Never_so_intensifies_instead_of_negating()
    {
        Assert.Equal((2 + 0.293) * 1.25, Sum("never so good"), Precision);
        Assert.Equal(2 * 1.25, Sum("never this good"), Precision);
    }

    [Theory]
    [InlineData("never slept so good", (2 + 0.293) * 1.25)]
    [InlineData("never been this good", 2 * 1.25)]
    [InlineData("never so one good", (2 + (0.293 * 0.95)) * 1.25)]
    [InlineData("never been one good", 2 * -0.74)]
    public void Never_with_so_or_this_anywhere_before_the_word_intensifies(string text, double sum)
    {
        // "so" boosts from where it stands, then "never ... so" multiplies by 1.25 instead of negating.
        Assert.Equal(sum, Sum(text), Precision);
    }

    [Fact]
    public void Without_a_doubt_does_not_negate()
    {
        Assert.Equal(2, Sum("without a doubt good"), Precision);
    }

    [Theory]
    [InlineData("the bomb", 3)]
    [InlineData("a bomb", -2.2)]
    [InlineData("kiss of death", -1.5)]
    [InlineData("kiss", 1.8)]
    public void An_idiom_replaces_the_valence_of_its_words(string text, double sum)
    {
        Assert.Equal(sum, Sum(text), Precision);
    }

    [Fact]
    public void Normalises_the_sum_into_minus_one_to_one()
    {
        Assert.Equal(2 / Math.Sqrt(4 + 15), Score("good").Compound, Precision);
        var many = Score(string.Join(' ', Enumerable.Repeat("GOOD good", 500)) + "!!!!");
        Assert.InRange(many.Compound, 0.999, 1.0);
        Assert.InRange(Score(string.Join(' ', Enumerable.Repeat("bad", 1000))).Compound, -1.0, -0.999);
    }

    [Fact]
    public void Shares_the_text_between_positive_neutral_and_negative()
    {
        // A sentiment token weighs its intensity plus one; a neutral token weighs one.
        var score = Score("good day");
        Assert.Equal(3.0 / 4, score.Positive, Precision);
        Assert.Equal(1.0 / 4, score.Neutral, Precision);
        Assert.Equal(0, score.Negative);

        var mixed = Score("good bad day");
        Assert.Equal(3.0 / 7, mixed.Positive, Precision);
        Assert.Equal(3.0 / 7, mixed.Negative, Precision);
        Assert.Equal(1.0 / 7, mixed.Neutral, Precision);
    }

    [Fact]
    public void Punctuation_adds_to_the_leaning_proportion()
    {
        var score = Score("good day!");

        Assert.Equal((3 + 0.292) / (3 + 0.292 + 1), score.Positive, Precision);
        Assert.Equal(1, score.Positive + score.Neutral + score.Negative, Precision);
    }
}
