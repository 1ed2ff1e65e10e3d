using CsCheck;
using StreamEngine.Domain.Matching;
using StreamEngine.Domain.Tests.Generators;
using StreamEngine.Domain.Tests.Properties;
using StreamEngine.Domain.Text;

namespace StreamEngine.Domain.Tests.Text;

/// <summary>
/// The tokenizer against the matcher and against its own definition, over every tweet of the
/// evaluation set and over texts generated from the characters that make tokenizing hard (each seed
/// samples the same texts on every run).
/// </summary>
public sealed class TokenizedTextPropertyTests
{
    private const int Texts = 300;

    private static readonly string[] Pieces =
    [
        "a", "Z", "word", "WORD", "Mixed", "42", "_", "é", "E\u0301", "\u0301", "\u0308", "ß", "ﬁ", "Ａ", "ｚ",
        "ж", "Ж", "中", "の", "ℹ", "Ⓜ", " ", "  ", "\t", "\n", "\u00A0", "\u3000", ".", ",", "!", "?", "！", "？",
        "'", "’", "＇", "\"", "“", "”", "(", ")", ":", ")", "<3", ":-)", "#", "@", "-", "…", "😀", "😂", "👍", "🏽",
        "\uFE0F", "\u200D", "❤", "🇫🇷", "\uD835\uDC00", "\uD83D", "\uDE00", "©", "™", "http://x.io/a?b=1",
    ];

    // One tokenizer per thread, reused from text to text as a worker reuses it (shrinking runs on several threads).
    [ThreadStatic]
    private static TokenizedText? t_tokens;

    // Mostly the hard characters one by one; now and then a whole emoji sequence or word-boundary trap of the matcher's texts.
    private static readonly Gen<string> Generated = Gen.Frequency<string>(
            (8, Gen.OneOf(Pieces)),
            (1, Gen.OneOf(TextPieces.Emoji)),
            (1, Gen.OneOf(TextPieces.Boundaries)))
        .Array[1, 39]
        .Select(string.Concat);

    public static TheoryData<string> Seeds =>
        ["7lIVNj7os737", "bGoKCMevqaD7", "4M8bdqBOcDb7", "aBL_KFKSNIL7", "eW6armE0HHj7", "35PTbNXa0OT7", "8vapmiOYrjr7", "4VIqVlWa9s-7"];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Cuts_generated_texts_into_the_matchers_words(string seed) =>
        Generated.SampleSeeded(
            text =>
            {
                var tokens = Reused;
                tokens.Tokenize(text);

                Assert.Equal(MatcherWords(text), Words(tokens));
            },
            seed,
            Texts,
            Show.Text);

    [Fact]
    public void Cuts_every_evaluation_tweet_into_the_matchers_words()
    {
        var tokens = new TokenizedText();
        foreach (var text in Tweets())
        {
            tokens.Tokenize(text);

            Assert.Equal(MatcherWords(text), Words(tokens));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Gives_each_token_the_folded_form_of_its_span_in_generated_texts(string seed) =>
        Generated.SampleSeeded(AssertTokensAreFoldedSpans, seed, Texts, Show.Text);

    [Fact]
    public void Gives_each_token_the_folded_form_of_its_span_in_evaluation_tweets()
    {
        foreach (var text in Tweets().Take(500))
        {
            AssertTokensAreFoldedSpans(text);
        }
    }

    [Fact]
    public void Recognises_every_emoji_of_the_lexicon_but_the_keycaps()
    {
        using var stream = typeof(EmojiDescriptions).Assembly.GetManifestResourceStream(EmojiDescriptions.ResourceName)!;
        using var reader = new StreamReader(stream);
        var entries = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Where(fields => fields[0][0] >= 128)
            .ToList();

        Assert.Equal(entries.Count, EmojiDescriptions.Default.Count);
        Assert.All(entries, fields => Assert.Equal(fields[1].Trim(), EmojiDescriptions.Default.Describe(fields[0])));
    }

    private static TokenizedText Reused => t_tokens ??= new TokenizedText();

    private static string? Describe(string emoji)
    {
        // An emoji with modifiers the lexicon has no entry for is described by its first part.
        for (var length = emoji.Length; length > 0; length--)
        {
            if (EmojiDescriptions.Default.Describe(emoji.AsSpan(0, length)) is { } description)
            {
                return description;
            }
        }

        return null;
    }

    /// <summary>The token's look-up form by definition: folded, marks dropped, apostrophes plain.</summary>
    private static string FormOf(string original) =>
        string.Concat(original
            .Select(c => c is '\u2019' or '\u2018' or '\u02BC' or '\uFF07' ? '\'' : TextFolding.Fold(c))
            .Where(c => c != TextFolding.Dropped));

    private static void AssertTokensAreFoldedSpans(string text)
    {
        var tokens = Reused;
        tokens.Tokenize(text);

        var previousEnd = 0;
        for (var i = 0; i < tokens.TokenCount; i++)
        {
            var start = tokens.TokenStart(i);
            var length = tokens.TokenLength(i);
            Assert.InRange(start, previousEnd, text.Length - length);
            Assert.False(tokens.Token(i).IsEmpty);
            var original = text.Substring(start, length);
            if (tokens.IsFromEmoji(i))
            {
                Assert.NotNull(EmojiDescriptions.Default.Describe(original.TrimEnd('\uFE0F', '\u200D')) ?? Describe(original));
                previousEnd = start;
                continue;
            }

            Assert.Equal(FormOf(original), tokens.Token(i).ToString());
            Assert.DoesNotContain(original, char.IsWhiteSpace);
            Assert.Equal(original.Any(char.IsUpper) && !original.Any(char.IsLower), tokens.IsAllCaps(i));
            previousEnd = start + length;
        }
    }

    private static IEnumerable<string> Tweets() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Sentiment", "Data", "tweets_GroundTruth.txt"))
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t', 3)[2]);

    private static List<(string, char)> Words(TokenizedText tokens) =>
        Enumerable.Range(0, tokens.WordCount).Select(i => (tokens.Word(i).ToString(), tokens.WordPrefix(i))).ToList();

    private static List<(string, char)> MatcherWords(string text) => TokenizedTextWordTests.MatcherWords(text);
}
