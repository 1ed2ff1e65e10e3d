using StreamEngine.Domain.Text;

namespace StreamEngine.Domain.Tests.Text;

public sealed class TokenizedTextTokenTests
{
    private static List<string> Tokens(string text)
    {
        var tokens = new TokenizedText();
        tokens.Tokenize(text);
        return Enumerable.Range(0, tokens.TokenCount).Select(i => tokens.Token(i).ToString()).ToList();
    }

    [Theory]
    [InlineData("Make sure you :) or :D today!", new[] { "make", "sure", "you", ":)", "or", ":d", "today" })]
    [InlineData("I <3 it :-( ;)", new[] { "i", "<3", "it", ":-(", ";)" })]
    [InlineData("hello, (world)!!! \"quoted\" ...", new[] { "hello", "world", "quoted", "..." })]
    [InlineData("ok! no. it's fine... don't", new[] { "ok!", "no.", "it's", "fine", "don't" })]
    [InlineData("#great @someone http://x.io/a?b", new[] { "great", "someone", "http://x.io/a?b" })]
    [InlineData("«Très» ¡bien! “quoted”", new[] { "tres", "bien", "quoted" })]
    [InlineData("  spaced\tout\nlines  ", new[] { "spaced", "out", "lines" })]
    [InlineData("", new string[0])]
    public void Splits_on_white_space_and_strips_end_punctuation_unless_two_characters_or_fewer_remain(string text, string[] expected)
    {
        Assert.Equal(expected, Tokens(text));
    }

    [Fact]
    public void Reads_a_typographic_apostrophe_as_an_ascii_one()
    {
        Assert.Equal(["don't", "isn't", "won't"], Tokens("Don’t isn’t won＇t"));
    }

    [Fact]
    public void Flags_tokens_in_all_caps_as_vader_does()
    {
        var tokens = new TokenizedText();

        tokens.Tokenize("GREAT day I said :D ok 123 ÉTÉ");

        var caps = Enumerable.Range(0, tokens.TokenCount).Select(tokens.IsAllCaps);
        Assert.Equal([true, false, true, false, true, false, false, true], caps);
        Assert.True(tokens.IsMixedCase);
    }

    [Theory]
    [InlineData("ALL CAPS TEXT!", false)]
    [InlineData("all lower text", false)]
    [InlineData("Some CAPS here", true)]
    [InlineData("", false)]
    public void Calls_a_text_mixed_case_only_when_some_tokens_but_not_all_are_in_caps(string text, bool expected)
    {
        var tokens = new TokenizedText();

        tokens.Tokenize(text);

        Assert.Equal(expected, tokens.IsMixedCase);
    }

    [Fact]
    public void Replaces_an_emoji_by_the_words_of_its_description()
    {
        var tokens = new TokenizedText();

        tokens.Tokenize("lol😂!");

        Assert.Equal(["lol", "face", "with", "tears", "of", "joy", "!"], Enumerable.Range(0, tokens.TokenCount).Select(i => tokens.Token(i).ToString()));
        Assert.False(tokens.IsFromEmoji(0));
        Assert.All(Enumerable.Range(1, 5), i => Assert.True(tokens.IsFromEmoji(i)));
        Assert.All(Enumerable.Range(1, 5), i => Assert.Equal((3, 2), (tokens.TokenStart(i), tokens.TokenLength(i))));
        Assert.Equal(1, tokens.ExclamationCount);
    }

    [Fact]
    public void Reads_an_emoji_with_its_skin_tone_and_presentation_selector_as_one()
    {
        // "up:" keeps its colon: stripped, it would be two characters or fewer.
        Assert.Equal(["thumbs", "up:", "medium", "skin", "tone"], Tokens("👍🏽"));
        Assert.Equal(["red", "heart", "red", "heart"], Tokens("❤️❤"));
        Assert.Equal(["thumbs", "up"], Tokens("👍\uFE0F"));
    }

    [Fact]
    public void Gives_original_offsets_across_accents_emoji_and_surrogates()
    {
        const string text = "Très 😀 bien, ｇｏｏｄ \uD835\uDC00xy!";
        var tokens = new TokenizedText();

        tokens.Tokenize(text);

        var spans = Enumerable.Range(0, tokens.TokenCount)
            .Select(i => (tokens.Token(i).ToString(), tokens.TokenStart(i), tokens.TokenLength(i)))
            .ToList();
        Assert.Equal(
        [
            ("tres", 0, 4),
            ("grinning", 5, 2),
            ("face", 5, 2),
            ("bien", 8, 4),
            ("good", 14, 4),
            ("\uD835\uDC00xy", 19, 4),
        ], spans);
    }

    [Fact]
    public void Counts_exclamation_and_question_marks_full_width_ones_included()
    {
        var tokens = new TokenizedText();

        tokens.Tokenize("Wow!! Really?? ！ ok？ 😂!");

        Assert.Equal(4, tokens.ExclamationCount);
        Assert.Equal(3, tokens.QuestionCount);
    }

    [Fact]
    public void Tokenizes_with_no_emoji_lexicon_when_asked()
    {
        var tokens = new TokenizedText(EmojiDescriptions.None);

        tokens.Tokenize("great😀 day");

        Assert.Equal(2, tokens.TokenCount);
        Assert.Equal("great😀", tokens.Token(0).ToString());
    }

    [Fact]
    public void Leaves_out_a_token_made_only_of_combining_marks()
    {
        Assert.Equal(["a", "b"], Tokens("a \u0301\u0308 b"));
    }

    [Fact]
    public void A_reused_scratch_gives_each_text_its_own_tokens()
    {
        var tokens = new TokenizedText();
        var longText = string.Concat(Enumerable.Repeat("GOOD 😂😂 day!! ", 300));

        tokens.Tokenize(longText);
        Assert.Equal(300 * 12, tokens.TokenCount);
        Assert.Equal(600, tokens.ExclamationCount);

        tokens.Tokenize("fine");
        Assert.Equal(["fine"], Enumerable.Range(0, tokens.TokenCount).Select(i => tokens.Token(i).ToString()));
        Assert.Equal(0, tokens.ExclamationCount);
        Assert.False(tokens.IsMixedCase);
        Assert.Throws<ArgumentOutOfRangeException>(() => tokens.Token(1));
    }
}
