using StreamEngine.Domain.Sentiment;
using StreamEngine.Domain.Text;

namespace StreamEngine.Domain.Tests.Sentiment;

public sealed class SentimentScorerTests
{
    private static readonly SentimentScorer Scorer = SentimentScorer.Load();

    private static SentimentScore Score(string text) => Scorer.Score(text, new TokenizedText());

    [Theory]
    [InlineData(-0.050028, SentimentLabel.Neutral)]
    [InlineData(0.05004, SentimentLabel.Neutral)]
    [InlineData(0.05006, SentimentLabel.Positive)]
    [InlineData(-0.0501, SentimentLabel.Negative)]
    public void Labels_a_post_by_its_compound_as_shown_to_four_decimals(double compound, SentimentLabel label) =>
        Assert.Equal(label, new SentimentScore(compound, 0, 1, 0).Label);

    [Fact]
    public void Loads_the_shipped_lexicon()
    {
        Assert.InRange(Scorer.TermCount, 7400, 7700);
        Assert.InRange(EmojiDescriptions.Default.Count, 3000, 4000);
    }

    // The examples the VADER authors publish with their lexicon, with the compound they list.
    [Theory]
    [InlineData("VADER is smart, handsome, and funny.", 0.8316)]
    [InlineData("VADER is smart, handsome, and funny!", 0.8439)]
    [InlineData("VADER is very smart, handsome, and funny.", 0.8545)]
    [InlineData("VADER is VERY SMART, handsome, and FUNNY.", 0.9227)]
    [InlineData("VADER is VERY SMART, handsome, and FUNNY!!!", 0.9342)]
    [InlineData("VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!", 0.9469)]
    [InlineData("VADER is not smart, handsome, nor funny.", -0.7424)]
    [InlineData("The book was good.", 0.4404)]
    [InlineData("At least it isn't a horrible book.", 0.431)]
    [InlineData("The book was only kind of good.", 0.3832)]
    [InlineData("The plot was good, but the characters are uncompelling and the dialog is not great.", -0.7042)]
    [InlineData("Today SUX!", -0.5461)]
    [InlineData("Today only kinda sux! But I'll get by, lol", 0.5249)]
    [InlineData("Make sure you :) or :D today!", 0.8633)]
    [InlineData("Not bad at all", 0.431)]
    public void Scores_the_published_examples_as_published(string text, double compound)
    {
        Assert.Equal(compound, Math.Round(Score(text).Compound, 4));
    }

    [Theory]
    [InlineData("😂", "face with tears of joy")]
    [InlineData("💔", "broken heart")]
    [InlineData("😱", "face screaming in fear")]
    public void Scores_an_emoji_through_the_words_of_its_description(string emoji, string description)
    {
        Assert.Equal(description, EmojiDescriptions.Default.Describe(emoji));
        Assert.Equal(Score("lunch " + description).Compound, Score("lunch " + emoji).Compound);
        Assert.NotEqual(0, Score(emoji).Compound);
    }

    [Fact]
    public void Describes_an_emoji_sequence_by_its_longest_entry()
    {
        Assert.Equal("thumbs up: medium skin tone", EmojiDescriptions.Default.Describe("👍🏽"));
        Assert.Equal("thumbs up", EmojiDescriptions.Default.Describe("👍"));
        Assert.Null(EmojiDescriptions.Default.Describe("x"));
        Assert.Null(EmojiDescriptions.Default.Describe("👍x"));
    }

    [Theory]
    [InlineData("the 🇬🇧 team", "United Kingdom")]
    [InlineData("🇦🇪", "United Arab Emirates")]
    [InlineData("go 🇺🇳 go", "United Nations")]
    public void Reads_no_sentiment_in_a_flag_whose_country_name_has_some(string text, string flag)
    {
        Assert.Equal(flag, EmojiDescriptions.Default.Describe(text.Split(' ').First(t => char.IsSurrogate(t[0]))));
        Assert.NotEqual(0, Score(flag).Compound);
        Assert.Equal(0, Score(text).Compound);
    }

    [Fact]
    public void Reads_emoji_polarity_from_their_descriptions()
    {
        Assert.Equal(SentimentLabel.Positive, Score("Catch utf-8 emoji such as 💘 and 💋 and 😁").Label);
        Assert.Equal(SentimentLabel.Negative, Score("my phone 💔").Label);
        Assert.Equal(SentimentLabel.Positive, Score("my phone 😍").Label);
    }

    [Theory]
    [InlineData("This is the shit", SentimentLabel.Positive)]
    [InlineData("This is shit", SentimentLabel.Negative)]
    [InlineData("yeah right", SentimentLabel.Negative)]
    public void Reads_idioms_as_wholes(string text, SentimentLabel label)
    {
        Assert.Equal(label, Score(text).Label);
    }

    [Theory]
    [InlineData(0.0501, SentimentLabel.Positive)]
    [InlineData(0.05, SentimentLabel.Neutral)]
    [InlineData(0.0, SentimentLabel.Neutral)]
    [InlineData(-0.05, SentimentLabel.Neutral)]
    [InlineData(-0.0501, SentimentLabel.Negative)]
    [InlineData(1.0, SentimentLabel.Positive)]
    [InlineData(-1.0, SentimentLabel.Negative)]
    public void Labels_by_the_compound_with_thresholds_at_five_hundredths(double compound, SentimentLabel label)
    {
        Assert.Equal(label, new SentimentScore(compound, 0, 1, 0).Label);
    }

    [Theory]
    [InlineData("I love this phone, it is great", SentimentLabel.Positive)]
    [InlineData("Worst delivery ever, the box arrived broken", SentimentLabel.Negative)]
    [InlineData("The store opens at 9 on Monday", SentimentLabel.Neutral)]
    [InlineData("Ce café est délicieux et j'adore", SentimentLabel.Neutral)]
    public void Labels_whole_posts(string text, SentimentLabel label)
    {
        Assert.Equal(label, Score(text).Label);
    }

    [Fact]
    public void Folds_accents_and_width_before_looking_words_up()
    {
        Assert.Equal(Score("great").Compound, Score("ｇｒｅａｔ").Compound);
        Assert.Equal(Score("naive").Compound, Score("naïve").Compound);
    }

    [Theory]
    [InlineData("Hooli\u200d is good\u200d", "Hooli is good")]
    [InlineData("\u202eHooli good\u202c", "Hooli good")]
    [InlineData("Hooli \u2066good\u2069", "Hooli good")]
    [InlineData("Hooli \u200fgood", "Hooli good")]
    [InlineData("\uFEFFNOT happy!!!\u200e", "NOT happy!!!")]
    public void Ignores_invisible_format_characters_at_the_ends_of_a_word(string text, string plain)
    {
        // Direction marks and isolates are common where Arabic or Hebrew meets English; the
        // matcher reads past them, so the scorer must too.
        Assert.Equal(Score(plain), Score(text));
        Assert.NotEqual(0, Score(text).Compound);
    }

    [Fact]
    public void Scores_the_same_from_many_threads()
    {
        var texts = new[] { "good but bad!!", "NOT happy at all :(", "😂😂 amazing", "meh" };
        var expected = texts.Select(Score).ToArray();

        var results = new SentimentScore[64][];
        Parallel.For(0, results.Length, n =>
        {
            var scratch = new TokenizedText();
            results[n] = texts.Select(t => Scorer.Score(t, scratch)).ToArray();
        });

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void Scores_long_posts_beyond_the_stack_budget()
    {
        var text = string.Join(' ', Enumerable.Repeat("bad day", 400)) + " but good";

        var score = Score(text);

        Assert.Equal(SentimentLabel.Negative, score.Label);
        Assert.Equal(1, score.Positive + score.Neutral + score.Negative, 1e-9);
    }

    [Fact]
    public void Refuses_a_lexicon_line_without_a_valence()
    {
        var error = Assert.Throws<FormatException>(() => SentimentScorer.Parse(new StringReader("good\t2\nbad\tworse\n")));

        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_clause_is_scored_from_its_own_texts_traits_whichever_scorer_and_text_came_before()
    {
        var shipped = SentimentScorer.Load();
        var small = SentimentScorer.Parse(new StringReader("good\t2.0\nbad\t-2.0\n"));
        var reused = new TokenizedText();

        reused.Tokenize("the staff were great but the delivery was awful");
        var whole = shipped.Score(reused);
        var clause = shipped.ScoreTokens(reused, 0, 4);
        var otherScorer = small.ScoreTokens(reused, 0, 4);
        reused.Tokenize("the staff were good but the delivery was bad");
        var nextText = shipped.ScoreTokens(reused, 0, 4);

        Assert.Equal(shipped.ScoreTokens(Tokens("the staff were great but the delivery was awful"), 0, 4), clause);
        Assert.Equal(SentimentLabel.Positive, clause.Label);
        Assert.NotEqual(whole, clause);
        Assert.Equal(0, otherScorer.Compound);
        Assert.Equal(shipped.ScoreTokens(Tokens("the staff were good but the delivery was bad"), 0, 4), nextText);
        Assert.NotEqual(clause, nextText);
    }

    [Theory]
    [InlineData("acme is not cheap, good quality", 4, 6, "good quality")]
    [InlineData("no complaints. Love the price", 2, 5, "Love the price")]
    [InlineData("acme is the. shit price", 3, 5, "shit price")]
    public void A_clause_is_scored_as_if_it_stood_alone(string text, int first, int end, string alone)
    {
        var scorer = SentimentScorer.Load();

        var tokens = Tokens(text);
        Assert.Equal(end, tokens.TokenCount);
        var clause = scorer.ScoreTokens(tokens, first, end);

        // A negation, "no" or idiom of the clause before does not reach into it.
        Assert.Equal(scorer.Score(Tokens(alone)), clause);
        Assert.NotEqual(SentimentLabel.Neutral, clause.Label);
    }

    [Fact]
    public void A_clause_is_scored_without_the_words_after_it()
    {
        var scorer = SentimentScorer.Load();

        // "kind of" hedges; "kind" ending its clause is kindness, whatever the next clause starts with.
        var clause = scorer.ScoreTokens(Tokens("the staff were kind. of course the price is high"), 0, 4);

        Assert.Equal(scorer.Score(Tokens("the staff were kind")), clause);
        Assert.Equal(SentimentLabel.Positive, clause.Label);
    }

    [Fact]
    public void A_dampener_in_capitals_dampens_as_written_and_a_booster_in_capitals_boosts_more()
    {
        var scorer = SentimentScorer.Load();
        double Compound(string text) => scorer.Score(Tokens(text)).Compound;

        Assert.Equal(Compound("slightly good food Here"), Compound("SLIGHTLY good food Here"));
        Assert.True(Compound("SLIGHTLY good food Here") < Compound("good food Here"));
        Assert.True(Compound("VERY good food Here") > Compound("very good food Here"));
    }

    private static TokenizedText Tokens(string text)
    {
        var tokens = new TokenizedText();
        tokens.Tokenize(text);
        return tokens;
    }
}
