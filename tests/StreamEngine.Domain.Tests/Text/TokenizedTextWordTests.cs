using StreamEngine.Domain.Matching;
using StreamEngine.Domain.Sentiment;
using StreamEngine.Domain.Tests.Generators;
using StreamEngine.Domain.Tests.Properties;
using StreamEngine.Domain.Text;

namespace StreamEngine.Domain.Tests.Text;

public sealed class TokenizedTextWordTests
{
    public static TheoryData<string> TrickyTexts =>
    [
        "",
        "   ",
        "Ｈｅｌｌｏ, Café-owner! @Acme #Deal_2026 🙂 Straße",
        "I drink NESTLE\u0301 coffee",
        "e\u0301\u0301x \u0301leading and trailing\u0301",
        "#\u0301tag and @\u0301handle",
        "#acme@acme##acme @@acme #",
        "a#b c@d e-f g_h",
        "ﬁne ﬂow Ⓜ ™ ½",
        "日本語のテキスト and Привет, мир!",
        "ソニーの新製品を買った。#東京オリンピック",
        "Sony東京store 삼성전자가 ｿﾆｰ",
        "か\u3099き and 東\u0301京 x",
        "一二三四五六七八九十一二三四五六七八九十abcdefghijklmnop東",
        "abcdefghijklmnop東abcdefghijklmnopqrstuvwxyz",
        "math \uD835\uDC00bold\uD835\uDC01 letters",
        "lone \uD83D surrogate \uDE00 here",
        "don't can’t won't",
        "C++ and C# and F#",
        "see http://example.com/path?x=1#frag&y=2 now",
        "émoji😀inside👍🏽word",
        "tab\tnew\nline\r\nend",
        "ends with a word",
        "ends with punctuation...",
        "ÅNGSTRÖM Ünïcödé ａｃｍｅ１２",
    ];

    [Theory]
    [MemberData(nameof(TrickyTexts))]
    public void Cuts_the_same_words_as_the_term_matcher(string text)
    {
        var expected = MatcherWords(text);
        var tokens = new TokenizedText();

        tokens.Tokenize(text);

        Assert.Equal(expected, Enumerable.Range(0, tokens.WordCount).Select(i => (tokens.Word(i).ToString(), tokens.WordPrefix(i))));
    }

    [Fact]
    public void Cuts_each_CJK_character_into_a_word_of_its_own()
    {
        var tokens = new TokenizedText();

        tokens.TokenizeWords("Sony東京store, #ソニー 삼성전자");

        Assert.Equal(
            ["sony", "東", "京", "store", "ソ", "ニ", "ー", "삼", "성", "전", "자"],
            Enumerable.Range(0, tokens.WordCount).Select(i => tokens.Word(i).ToString()));
        Assert.Equal('#', tokens.WordPrefix(4));
        Assert.Equal('ソ', tokens.WordPrefix(5));
    }

    [Theory]
    [MemberData(nameof(TrickyTexts))]
    public void Places_each_word_in_the_folded_buffer_and_in_the_original_text(string text)
    {
        var tokens = new TokenizedText();

        tokens.Tokenize(text);

        for (var i = 0; i < tokens.WordCount; i++)
        {
            var folded = tokens.FoldedWords.Slice(tokens.FoldedWordStart(i), tokens.FoldedWordLength(i));
            Assert.Equal(tokens.Word(i).ToString(), folded.ToString());
            var original = text.Substring(tokens.WordStart(i), tokens.WordLength(i));
            Assert.Equal(tokens.Word(i).ToString(), Fold(original));
            Assert.True(TextFolding.IsWordChar(TextFolding.Fold(original[0])), $"word {i} starts on '{original[0]}'");
        }
    }

    [Theory]
    [MemberData(nameof(TrickyTexts))]
    public void Cutting_words_alone_gives_the_same_words(string text)
    {
        AssertSameWords(text);
        AssertSameWords(string.Concat(Enumerable.Repeat(text + " ", 5)));
    }

    [Theory]
    [InlineData("aaaaaaaaaaaaaaaa")]
    [InlineData("aaaaaaaaaaaaaaaa\u0301bbbb cc")]
    [InlineData("aaaaaaaaaaaaaaa\u0301bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb cc")]
    [InlineData("caf\u00e9 au lait, plain ascii words that fill a block or two; CAPS_and_under 42x")]
    [InlineData("abcdefghijklmnop\u0000qrstuvwxyzabcdefghijklmnop")]
    [InlineData("the last block overlaps units walked before it: caf\u00e9 ok, na\u00efve x")]
    [InlineData("emoji in blocks \U0001F600x #tag\U0001F525word, lone halves \uD83D and \uDE00 alone")]
    [InlineData("x\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301y and more words here")]
    [InlineData("東abcdefghijklmnopqrstuvwxyz東京abcdefghijklmnopqrstuvwxyz ソ\u3099abcdefghijklmnopqrstuvwxyz")]
    public void Cutting_words_alone_agrees_where_ascii_blocks_meet_other_units(string text)
    {
        Assert.True(TokenizedText.VectorBlocksAgreeWithTables, "the vector blocks disagree with the character tables and are off");
        AssertSameWords(text);
        for (var cut = 1; cut < text.Length; cut++)
        {
            AssertSameWords(text[cut..] + " " + text[..cut]);
        }
    }

    [Fact]
    public void A_unit_is_skipped_before_a_word_exactly_when_it_folds_to_nothing()
    {
        // A words-only walk reads a word's prefix back from the folds, skipping those that are
        // Dropped, where the tables skip units with the Dropped trait: the two must agree.
        var disagreeing = Enumerable.Range(0, char.MaxValue + 1)
            .Select(c => CharTraits.Of((char)c))
            .Count(entry => ((CharTraits.Traits(entry) & CharTrait.Dropped) != 0) != (CharTraits.Folded(entry) == TextFolding.Dropped));
        Assert.Equal(0, disagreeing);
    }

    [Theory]
    [InlineData("ONM2HP0xvCM1")]
    [InlineData("Wb8GvLOGmIj2")]
    public void Cutting_words_alone_agrees_on_generated_texts(string seed)
    {
        TextGen.Template.SampleSeeded(
            template => AssertSameWords(template.Write([])),
            seed,
            3000,
            template => Show.Text(template.Write([])));
    }

    [Fact]
    public void A_text_cut_into_words_alone_has_no_sentiment_tokens()
    {
        var tokens = new TokenizedText();

        tokens.TokenizeWords("I LOVE it!!! 😍");
        Assert.False(tokens.HasSentimentTokens);
        Assert.Equal((0, 0, 3), (tokens.TokenCount, tokens.ExclamationCount, tokens.WordCount));

        var scorer = SentimentScorer.Load();
        var refused = Assert.Throws<InvalidOperationException>(() => scorer.Score(tokens));
        Assert.Contains("words alone", refused.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => EmotionDetector.Load().Detect(tokens));

        tokens.Tokenize("I LOVE it!!! 😍");
        Assert.True(tokens.HasSentimentTokens);
        Assert.Equal(3, tokens.ExclamationCount);
        Assert.True(scorer.Score(tokens).Compound > 0.5);
    }

    [Fact]
    public void Cutting_words_alone_allocates_nothing_once_the_buffers_have_grown()
    {
        string[] texts =
        [
            "Just got my new phone from @acme and I LOVE it!!! 😍 #happy https://acme.example/p/123",
            "Ce café est délicieux mais le service était un peu lent... 👍🏽 e\u0301te\u0301",
            "Заказ от Acme пришёл вовремя, всё отлично работает",
            string.Join(' ', Enumerable.Repeat("a longer post with plain ascii words_and_more 42", 20)),
        ];
        var tokens = new TokenizedText();
        var words = 0;
        foreach (var text in texts)
        {
            tokens.TokenizeWords(text);
        }

        // The fewest bytes of three stretches, as for the shared walk: a per-text allocation shows in each.
        var allocated = long.MaxValue;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var round = 0; round < 50; round++)
            {
                foreach (var text in texts)
                {
                    tokens.TokenizeWords(text);
                    words += tokens.WordCount;
                }
            }

            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, allocated);
        Assert.True(words > 0);
    }

    private static void AssertSameWords(string text)
    {
        var both = new TokenizedText();
        var alone = new TokenizedText();
        alone.Tokenize("a text before, so that the buffers hold something else " + text);
        both.Tokenize(text);
        var unitByUnit = new TokenizedText();
        unitByUnit.TokenizeWords(text, vectorBlocks: false);
        Assert.Equal(Words(both), Words(unitByUnit));

        // The blocks asked for by name, so that they are tested where vectors run in software too.
        var blocks = new TokenizedText();
        blocks.TokenizeWords(text, vectorBlocks: true);
        Assert.Equal(Words(both), Words(blocks));
        alone.TokenizeWords(text);

        Assert.Equal(Words(both), Words(alone));
        for (var i = 0; i < alone.WordCount; i++)
        {
            Assert.Equal(alone.Word(i).ToString(), alone.FoldedWords.Slice(alone.FoldedWordStart(i), alone.FoldedWordLength(i)).ToString());
        }
    }

    private static List<(string Word, char Prefix, int Start, int Length)> Words(TokenizedText tokens) =>
        [.. Enumerable.Range(0, tokens.WordCount).Select(i => (tokens.Word(i).ToString(), tokens.WordPrefix(i), tokens.WordStart(i), tokens.WordLength(i)))];

    [Fact]
    public void Gives_original_offsets_across_accents_emoji_and_surrogates()
    {
        const string text = "Cafe\u0301 😀 naïve 👍🏽 ＯＫ";
        var tokens = new TokenizedText();

        tokens.Tokenize(text);

        Assert.Equal(3, tokens.WordCount);
        Assert.Equal((0, 5), (tokens.WordStart(0), tokens.WordLength(0)));
        Assert.Equal("cafe", tokens.Word(0).ToString());
        Assert.Equal((9, 5), (tokens.WordStart(1), tokens.WordLength(1)));
        Assert.Equal("naive", tokens.Word(1).ToString());
        Assert.Equal((20, 2), (tokens.WordStart(2), tokens.WordLength(2)));
        Assert.Equal("ok", tokens.Word(2).ToString());
    }

    [Fact]
    public void Keeps_the_character_before_each_word()
    {
        var tokens = new TokenizedText();

        tokens.Tokenize("@Acme loves #deals, acme");

        Assert.Equal(['@', ' ', '#', ' '], Enumerable.Range(0, tokens.WordCount).Select(tokens.WordPrefix));
    }

    [Fact]
    public void A_reused_scratch_gives_each_text_its_own_words()
    {
        var tokens = new TokenizedText();
        var longText = string.Join(' ', Enumerable.Range(0, 500).Select(i => "word" + i));

        tokens.Tokenize(longText);
        Assert.Equal(500, tokens.WordCount);

        tokens.Tokenize("short one");
        Assert.Equal(["short", "one"], Enumerable.Range(0, tokens.WordCount).Select(i => tokens.Word(i).ToString()));
        Assert.Equal(8, tokens.FoldedWords.Length);

        tokens.Tokenize("");
        Assert.Equal(0, tokens.WordCount);
        Assert.Equal(0, tokens.TokenCount);
    }

    [Fact]
    public void Refuses_an_index_outside_the_words()
    {
        var tokens = new TokenizedText();
        tokens.Tokenize("one two");

        Assert.Throws<ArgumentOutOfRangeException>(() => tokens.Word(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => tokens.WordPrefix(-1));
    }

    /// <summary>
    /// The words as the term matcher cut them before it read the shared walk: folded runs of word
    /// characters, each CJK character a word by itself, and the folded character before each. Kept
    /// here as the specification.
    /// </summary>
    internal static List<(string Word, char Prefix)> MatcherWords(string text)
    {
        var words = new List<(string, char)>();
        var current = new System.Text.StringBuilder();
        var before = ' ';
        var previous = ' ';
        foreach (var c in text)
        {
            var f = TextFolding.Fold(c);
            if (f == TextFolding.Dropped)
            {
                continue;
            }

            if (TextFolding.IsWordChar(f))
            {
                if (current.Length > 0 && (TextFolding.IsSoloWordChar(f) || TextFolding.IsSoloWordChar(current[^1])))
                {
                    words.Add((current.ToString(), before));
                    current.Clear();
                }

                if (current.Length == 0)
                {
                    before = previous;
                }

                current.Append(f);
            }
            else if (current.Length > 0)
            {
                words.Add((current.ToString(), before));
                current.Clear();
            }

            previous = f;
        }

        if (current.Length > 0)
        {
            words.Add((current.ToString(), before));
        }

        return words;
    }

    private static string Fold(string text) =>
        string.Concat(text.Select(TextFolding.Fold).Where(c => c != TextFolding.Dropped));
}
