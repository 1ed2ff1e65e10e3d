using StreamEngine.Domain.Matching;
using StreamEngine.Domain.Query;

namespace StreamEngine.Domain.Tests;

public sealed class TextFoldingTests
{
    private static string Fold(string text) =>
        string.Concat(text.Select(TextFolding.Fold).Where(c => c != TextFolding.Dropped));

    [Theory]
    [InlineData("Café", "cafe")]
    [InlineData("CAFÉ", "cafe")]
    [InlineData("Cafe\u0301", "cafe")]
    [InlineData("ＡＣＭＥ", "acme")]
    [InlineData("ａｃｍｅ１２", "acme12")]
    [InlineData("Nestlé", "nestle")]
    [InlineData("São Paulo", "sao paulo")]
    [InlineData("Ünïcödé", "unicode")]
    [InlineData("ÅNGSTRÖM", "angstrom")]
    [InlineData("hello_world 42", "hello_world 42")]
    [InlineData("ｿﾆｰ", "ソニー")]
    [InlineData("がぱガパ", "がぱガパ")]
    [InlineData("ｶﾞﾊﾟ", "カハ")] // half-width voicing marks fold away, as the combining ones do
    [InlineData("ac\u00ADme", "acme")] // a soft hyphen
    [InlineData("ســلام", "سلام")] // an Arabic tatweel
    [InlineData("Й мой ё", "й мой е")]
    [InlineData("ΣΟΦΟΣ σοφός", "σοφοσ σοφοσ")]
    [InlineData("مُحَمَّد", "محمد")]
    [InlineData("❤\uFE0F", "❤")]
    [InlineData("हिंदी कुल", "हिंदी कुल")]
    [InlineData("ที่", "ที่")]
    [InlineData("\u095B \u091C\u093C \u0921\u093C \u095C", "\u091C \u091C \u0921 \u0921")] // ज़ precomposed and as NFC writes it, ड़ likewise
    public void Folds_case_accents_and_full_width_forms(string text, string expected)
    {
        Assert.Equal(expected, Fold(text));
    }

    [Theory]
    [InlineData("Łódź", "lodz")]
    [InlineData("ØRSTED Ørsted ørsted", "orsted orsted orsted")]
    [InlineData("Đoković", "dokovic")]
    [InlineData("Ħamrun", "hamrun")]
    [InlineData("ǾRE", "ore")] // ø with an acute: the accent drops, then the stroke
    [InlineData("Diyarbakır", "diyarbakir")]
    [InlineData("straße æble œuvre þorn", "straße æble œuvre þorn")] // letters that would need two units stay whole
    public void Folds_letters_with_a_stroke_as_accents(string text, string expected)
    {
        Assert.Equal(expected, Fold(text));
    }

    [Fact]
    public void Drops_combining_marks()
    {
        Assert.Equal(TextFolding.Dropped, TextFolding.Fold('\u0301'));
        Assert.Equal(TextFolding.Dropped, TextFolding.Fold('\u0308'));
    }

    [Fact]
    public void Keeps_one_unit_for_a_compatibility_form_that_expands_to_several_letters()
    {
        // 'ﬁ' decomposes to "fi"; one unit must stay one unit.
        Assert.Equal('\uFB01', TextFolding.Fold('\uFB01'));
    }

    [Theory]
    [InlineData('a', true)]
    [InlineData('z', true)]
    [InlineData('0', true)]
    [InlineData('_', true)]
    [InlineData('ж', true)]
    [InlineData('中', true)]
    [InlineData('-', false)]
    [InlineData('@', false)]
    [InlineData('#', false)]
    [InlineData(' ', false)]
    [InlineData('.', false)]
    [InlineData('\uD83D', false)]
    [InlineData('\u093F', true)] // ि, a Devanagari vowel sign
    [InlineData('\u0941', true)] // ु
    [InlineData('\u0E48', true)] // a Thai tone mark
    public void Tells_word_characters_from_separators(char folded, bool expected)
    {
        Assert.Equal(expected, TextFolding.IsWordChar(folded));
    }

    [Theory]
    [InlineData('中', true)]
    [InlineData('の', true)]
    [InlineData('ソ', true)]
    [InlineData('ー', true)]
    [InlineData('々', true)]
    [InlineData('삼', true)]
    [InlineData('・', false)]
    [InlineData('。', false)]
    [InlineData('a', false)]
    [InlineData('ж', false)]
    [InlineData('ก', false)]
    public void Tells_the_characters_that_are_words_by_themselves(char folded, bool expected)
    {
        Assert.Equal(expected, TextFolding.IsSoloWordChar(folded));
    }

    [Fact]
    public void Keeps_the_vowel_signs_and_tone_marks_of_a_word_inside_it()
    {
        Assert.Equal(["मुझे", "हिंदी", "पसंद", "है"], QueryText.FoldedWords("मुझे हिंदी पसंद है"));
        Assert.Equal(["தமிழ்"], QueryText.FoldedWords("தமிழ்!"));
    }

    [Fact]
    public void Splits_text_into_folded_words_as_posts_are_split()
    {
        var words = QueryText.FoldedWords("Ｈｅｌｌｏ, Café-owner! @Acme #Deal_2026 🙂 Straße");

        Assert.Equal(["hello", "cafe", "owner", "acme", "deal_2026", "straße"], words);
    }
}
