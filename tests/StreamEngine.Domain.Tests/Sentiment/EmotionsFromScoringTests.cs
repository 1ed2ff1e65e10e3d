using StreamEngine.Domain.Sentiment;
using StreamEngine.Domain.Text;

namespace StreamEngine.Domain.Tests.Sentiment;

/// <summary>
/// A scorer loaded with an emotion word list reads each token's emotions in the look-up it makes for
/// sentiment: it must answer what the detector answers, except that it reads stretched words, and
/// its sentiment must not move.
/// </summary>
public sealed class EmotionsFromScoringTests
{
    private static readonly EmotionDetector Detector = EmotionDetector.Load();
    private static readonly SentimentScorer Merged = SentimentScorer.Load(Detector);
    private static readonly SentimentScorer Plain = SentimentScorer.Load();

    private static readonly string Tweets = Path.Combine(AppContext.BaseDirectory, "Sentiment", "Data", "tweets_GroundTruth.txt");

    [Theory]
    [InlineData("I am so happy today!", Emotions.Joy)]
    [InlineData("Disgusting and terrifying", Emotions.Disgust | Emotions.Fear)]
    [InlineData("meh 😠🤢", Emotions.Anger | Emotions.Disgust)]
    [InlineData("I wasn’t scared at all", Emotions.None)]
    [InlineData("no fear", Emotions.None)]
    [InlineData("not happy, and honestly very sad", Emotions.Sadness)]
    [InlineData("not happy, just sad", Emotions.None)]
    [InlineData("the meeting is at noon", Emotions.None)]
    [InlineData("the least happy I have been", Emotions.None)]
    [InlineData("the least happy, but so sad", Emotions.Sadness)]
    [InlineData("at least happy", Emotions.Joy)]
    [InlineData("the very least happy", Emotions.Joy)]
    [InlineData("least of all, happy", Emotions.Joy)]
    public void Answers_what_the_detector_answers(string text, Emotions expected)
    {
        var tokens = new TokenizedText();
        tokens.Tokenize(text);

        Assert.Equal(expected, Detector.Detect(tokens));
        Assert.Equal(expected, Merged.DetectEmotions(tokens));
    }

    [Fact]
    public void Agrees_with_the_detector_on_every_tweet_without_a_stretched_word()
    {
        var tokens = new TokenizedText();
        var compared = 0;
        var emotional = 0;
        var index = 0;
        foreach (var text in TweetTexts())
        {
            tokens.Tokenize(text);

            // Every other tweet's emotions are read before its sentiment, so that the traits are
            // looked up by DetectEmotions itself.
            if (index++ % 2 == 0)
            {
                Merged.Score(tokens);
            }

            if (HasStretch(tokens))
            {
                // On these tweets a stretched word only adds emotions; a stretched negation could
                // also take one away (tested below).
                Assert.Equal(Detector.Detect(tokens), Merged.DetectEmotions(tokens) & Detector.Detect(tokens));
                continue;
            }

            var expected = Detector.Detect(tokens);
            Assert.True(expected == Merged.DetectEmotions(tokens), $"'{text}': {expected} expected, {Merged.DetectEmotions(tokens)} found");
            compared++;
            emotional += expected == Emotions.None ? 0 : 1;
        }

        Assert.True(compared > 4000, $"only {compared} tweets compared");
        Assert.True(emotional > 500, $"only {emotional} of them express an emotion");
    }

    [Theory]
    [InlineData("I am now officially on Christmas holidays.  Yaaay for me.", Emotions.Joy)]
    [InlineData("ewwwwww picked up a salad for lunch and it was frozen", Emotions.Disgust)]
    public void Reads_a_stretched_emotion_word_as_the_word_it_stretches(string text, Emotions expected)
    {
        var tokens = new TokenizedText();
        tokens.Tokenize(text);

        Assert.Equal(Emotions.None, Detector.Detect(tokens));
        Assert.Equal(expected, Merged.DetectEmotions(tokens));
    }

    [Theory]
    [InlineData("I am nooot happy")]
    [InlineData("nooo, happy")]
    public void Reads_a_stretched_negation_as_a_negation(string text)
    {
        var tokens = new TokenizedText();
        tokens.Tokenize(text);

        Assert.Equal(Emotions.Joy, Detector.Detect(tokens));
        Assert.Equal(Emotions.None, Merged.DetectEmotions(tokens));
    }

    [Fact]
    public void Scores_every_tweet_exactly_as_the_scorer_without_emotions_does()
    {
        var tokens = new TokenizedText();
        foreach (var text in TweetTexts())
        {
            Assert.Equal(Plain.Score(text, tokens), Merged.Score(text, tokens));
        }
    }

    [Fact]
    public void Reads_the_emotions_of_a_text_it_has_not_scored_yet()
    {
        var tokens = new TokenizedText();
        Merged.Score("so sad to see it go", tokens);
        tokens.Tokenize("wow, did not expect that, I am thrilled");

        Assert.Equal(Emotions.Surprise | Emotions.Joy, Merged.DetectEmotions(tokens));
    }

    [Fact]
    public void Refuses_to_detect_emotions_without_a_word_list()
    {
        var tokens = new TokenizedText();
        tokens.Tokenize("I am so happy today!");

        var error = Assert.Throws<InvalidOperationException>(() => Plain.DetectEmotions(tokens));

        Assert.Contains("without an emotion word list", error.Message, StringComparison.Ordinal);
        Assert.False(Plain.ReadsEmotionsOf(Detector));
        Assert.True(Merged.ReadsEmotionsOf(Detector));
        Assert.Throws<ArgumentNullException>(() => Plain.ReadsEmotionsOf(null!));
    }

    [Fact]
    public void Keeps_roles_and_emotions_apart_in_the_traits_word()
    {
        var roles = Enum.GetValues<TermRole>().Aggregate(TermRole.None, (all, role) => all | role);
        var emotions = Enum.GetValues<Emotions>().Aggregate(Emotions.None, (all, emotion) => all | emotion);
        Assert.True((uint)roles < 1u << TermTraits.EmotionShift, $"roles {roles} reach the emotions' byte");
        Assert.True((uint)emotions < 1u << (32 - TermTraits.EmotionShift), $"emotions {emotions} overflow their byte");

        var traits = new TermTraits(1.5, roles, 7, emotions);
        Assert.Equal((roles, emotions, 1.5, 7u), (traits.Roles, traits.Emotions, traits.Valence, traits.IdiomPlaces));

        var fewer = traits with { Roles = TermRole.But };
        Assert.Equal((TermRole.But, emotions), (fewer.Roles, fewer.Emotions));
        var none = fewer with { Emotions = Emotions.None };
        Assert.Equal((TermRole.But, Emotions.None), (none.Roles, none.Emotions));
        Assert.False(none.Is(TermRole.Valenced));

        // A post's traits are read one token after another: 16 bytes each, as the type says (24 in declaration order).
        Assert.Equal(16, System.Runtime.CompilerServices.Unsafe.SizeOf<TermTraits>());
    }

    private static IEnumerable<string> TweetTexts() =>
        File.ReadLines(Tweets).Select(line => line.Split('\t')).Where(fields => fields.Length >= 3).Select(fields => fields[2]);

    private static bool HasStretch(TokenizedText tokens)
    {
        for (var t = 0; t < tokens.TokenCount; t++)
        {
            var form = tokens.Token(t);
            for (var i = 2; i < form.Length; i++)
            {
                if (form[i] == form[i - 1] && form[i] == form[i - 2] && char.IsLetter(form[i]))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
