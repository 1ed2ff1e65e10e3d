using StreamEngine.Domain.Sentiment;
using StreamEngine.Domain.Text;

namespace StreamEngine.Domain.Tests.Sentiment;

/// <summary>
/// The scorer and the emotion detector read the words of the shipped emoji descriptions from
/// tables made once; tokens cut with any other description table are looked up word by word. Both
/// ways must give the same result, checked here with a second table parsed from the same lexicon.
/// </summary>
public sealed class EmojiDescriptionTraitsTests
{
    private static readonly SentimentScorer Scorer = SentimentScorer.Load();
    private static readonly EmotionDetector Detector = EmotionDetector.Load();

    public static TheoryData<string> Texts =>
    [
        "I love it 😍😍",
        "not 😂 at all",
        "never so 😡 in my life!!!",
        "SO GOOD 👍🏽 but the delivery 💔",
        "😭 😱 🙄 🔥 🤔 🎉 ☕️ 🙏 ❤️",
        "great😀terrible",
        "no 😊 or 😄",
        "plain text with no emoji at all",
        string.Concat(Enumerable.Repeat("😂👍🏽 not ❤️ ", 30)), // more tokens than the first buffers hold
    ];

    [Theory]
    [MemberData(nameof(Texts))]
    public void Tables_made_once_score_as_the_word_by_word_look_up(string text)
    {
        var shipped = new TokenizedText(EmojiDescriptions.Default);
        var copy = new TokenizedText(ParsedAgain());
        shipped.Tokenize(text);
        copy.Tokenize(text);

        Assert.Equal(Scorer.Score(copy), Scorer.Score(shipped));
        Assert.Equal(Detector.Detect(copy), Detector.Detect(shipped));
    }

    [Fact]
    public void Every_emoji_of_the_lexicon_scores_as_the_word_by_word_look_up()
    {
        var shipped = new TokenizedText(EmojiDescriptions.Default);
        var copy = new TokenizedText(ParsedAgain());
        var compared = 0;
        using var reader = EmbeddedText.Open(EmojiDescriptions.ResourceName);
        while (reader.ReadLine() is { } line)
        {
            var emoji = line.Split('\t')[0];
            var text = "it was not " + emoji + " really";
            shipped.Tokenize(text);
            copy.Tokenize(text);

            Assert.Equal(Scorer.Score(copy), Scorer.Score(shipped));
            Assert.Equal(Detector.Detect(copy), Detector.Detect(shipped));
            compared++;
        }

        Assert.True(compared > 3000, $"only {compared} emoji read");
    }

    private static EmojiDescriptions ParsedAgain()
    {
        using var reader = EmbeddedText.Open(EmojiDescriptions.ResourceName);
        var parsed = EmojiDescriptions.Parse(reader);
        Assert.NotSame(EmojiDescriptions.Default, parsed);
        return parsed;
    }
}
