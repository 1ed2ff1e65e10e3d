using StreamEngine.Domain.Sentiment;
using StreamEngine.Domain.Text;

namespace StreamEngine.Domain.Tests.Sentiment;

public sealed class EmotionDetectorTests
{
    private static readonly EmotionDetector Detector = EmotionDetector.Load();

    private static Emotions Detect(string text)
    {
        var tokens = new TokenizedText();
        tokens.Tokenize(text);
        return Detector.Detect(tokens);
    }

    [Theory]
    [InlineData("I am so happy today!", Emotions.Joy)]
    [InlineData("This makes me ANGRY", Emotions.Anger)]
    [InlineData("ew, that is disgusting", Emotions.Disgust)]
    [InlineData("honestly terrified of the exam", Emotions.Fear)]
    [InlineData("so sad to see it go", Emotions.Sadness)]
    [InlineData("wow, did not expect that", Emotions.Surprise)]
    [InlineData("Disgusting and terrifying", Emotions.Disgust | Emotions.Fear)]
    [InlineData("the meeting is at noon", Emotions.None)]
    [InlineData("", Emotions.None)]
    public void Finds_the_emotions_whose_words_occur(string text, Emotions expected)
    {
        Assert.Equal(expected, Detect(text));
    }

    [Theory]
    [InlineData("she loves it", Emotions.Joy)]
    [InlineData("he laughs, smiles and enjoys it", Emotions.Joy)]
    [InlineData("it annoys me", Emotions.Anger)]
    [InlineData("the price worries and frightens me", Emotions.Fear)]
    [InlineData("she sobs; he sobbed", Emotions.Sadness)]
    [InlineData("it surprises and shocks", Emotions.Surprise)]
    [InlineData("he loathes it", Emotions.Disgust)]
    public void Finds_the_third_person_and_past_forms_of_the_verbs(string text, Emotions expected)
    {
        Assert.Equal(expected, Detect(text));
    }

    [Theory]
    [InlineData("replaced the front shocks on my truck today")]
    [InlineData("got my dreads retwisted at the salon")]
    [InlineData("a box of turkish delights from the store")]
    [InlineData("the wildfire rages across the valley, it raged all night")]
    [InlineData("fumed silica additive in stock")]
    public void Leaves_out_the_forms_posts_use_as_much_in_another_sense(string text)
    {
        Assert.Equal(Emotions.None, Detect(text));
    }

    [Theory]
    [InlineData("😠", Emotions.Anger)]
    [InlineData("🤢", Emotions.Disgust)]
    [InlineData("😱", Emotions.Fear)]
    [InlineData("😂", Emotions.Joy)]
    [InlineData("😭", Emotions.Sadness)]
    [InlineData("😲", Emotions.Surprise)]
    [InlineData("meh 😠🤢", Emotions.Anger | Emotions.Disgust)]
    public void Reads_emoji_through_their_descriptions(string text, Emotions expected)
    {
        Assert.Equal(expected, Detect(text));
    }

    [Theory]
    [InlineData("I am not happy")]
    [InlineData("I wasn't scared at all")]
    [InlineData("I wasn’t scared at all")]
    [InlineData("never angry")]
    [InlineData("never angry, so")]
    [InlineData("without doubt")]
    [InlineData("without happy doubt")]
    [InlineData("no fear")]
    public void Ignores_an_emotion_word_within_three_tokens_after_a_negation(string text)
    {
        Assert.Equal(Emotions.None, Detect(text));
    }

    [Theory]
    [InlineData("never been so angry", Emotions.Anger)]
    [InlineData("I have never been this happy", Emotions.Joy)]
    [InlineData("without a doubt happy", Emotions.Joy)]
    [InlineData("Never been so disappointed", Emotions.Sadness)]
    [InlineData("not never so happy", Emotions.None)]
    public void Counts_an_emotion_word_that_never_so_or_without_doubt_intensify_rather_than_negate(string text, Emotions expected)
    {
        Assert.Equal(expected, Detect(text));
        var tokens = new StreamEngine.Domain.Text.TokenizedText();
        tokens.Tokenize(text);
        Assert.Equal(expected, SentimentScorer.Load(Detector).DetectEmotions(tokens));
    }

    [Fact]
    public void Counts_an_emotion_word_beyond_the_negation_window()
    {
        Assert.Equal(Emotions.Joy, Detect("not that it matters, happy anyway"));
        Assert.Equal(Emotions.Sadness, Detect("not happy, and honestly very sad"));
        Assert.Equal(Emotions.None, Detect("not happy, just sad"));
    }

    [Fact]
    public void Ships_a_word_list_for_each_of_the_six_emotions()
    {
        Assert.InRange(Detector.WordCount, 200, 1000);
        foreach (var emotion in Enum.GetValues<Emotions>().Where(e => e != Emotions.None))
        {
            Assert.Equal(emotion, Detect(emotion switch
            {
                Emotions.Anger => "furious",
                Emotions.Disgust => "gross",
                Emotions.Fear => "afraid",
                Emotions.Joy => "delighted",
                Emotions.Sadness => "heartbroken",
                _ => "astonished",
            }));
        }
    }

    [Theory]
    [InlineData("happy\n", "words before any [emotion] section")]
    [InlineData("[love]\nhappy\n", "'love' is not one of Ekman's six emotions")]
    [InlineData("[none]\nhappy\n", "'none' is not one of Ekman's six emotions")]
    public void Refuses_a_malformed_word_list(string list, string message)
    {
        var error = Assert.Throws<FormatException>(() => EmotionDetector.Parse(new StringReader(list)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_a_word_list_of_its_own()
    {
        var detector = EmotionDetector.Parse(new StringReader("# test\n[joy]\nyippee\n[surprise]\nyippee whoa\n"));
        var tokens = new TokenizedText();
        tokens.Tokenize("Yippee!");

        Assert.Equal(Emotions.Joy | Emotions.Surprise, detector.Detect(tokens));
        Assert.Equal(2, detector.WordCount);
    }
}
