using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Query;

namespace StreamEngine.Domain.Tests.Query;

/// <summary>Pins down what each construct means, on concrete texts.</summary>
public sealed class ReferenceEvaluatorTests
{
    private static bool Matches(string query, string text, PostFields? fields = null) =>
        ReferenceEvaluator.Matches(BooleanQueryParser.Parse(query), text, fields ?? PostFields.Unknown);

    [Theory]
    [InlineData("acme", "I love Acme!", true)]
    [InlineData("acme", "ACME", true)]
    [InlineData("acme", "(acme)", true)]
    [InlineData("acme", "acme's boots", true)]
    [InlineData("acme", "acme.com", true)]
    [InlineData("acme", "acmeville is a town", false)]
    [InlineData("acme", "superacme", false)]
    [InlineData("acme", "acme_corp", false)]
    [InlineData("acme", "acme2", false)]
    [InlineData("acme", "", false)]
    [InlineData("acme", "a c m e", false)]
    public void Matches_a_word_only_as_a_whole_word(string query, string text, bool expected)
    {
        Assert.Equal(expected, Matches(query, text));
    }

    [Theory]
    [InlineData("Nestlé", "I drink nestle coffee", true)]
    [InlineData("nestle", "I drink Nestlé coffee", true)]
    [InlineData("nestle", "I drink NESTLE\u0301 coffee", true)]
    [InlineData("acme", "ＡＣＭＥ is great", true)]
    [InlineData("ＡＣＭＥ", "acme is great", true)]
    [InlineData("\"café crème\"", "un CAFE CREME svp", true)]
    [InlineData("sao", "São Paulo", true)]
    [InlineData("Nestlé", "nestles", false)]
    [InlineData("cafe", "Cafe\u0301s", false)]
    public void Matches_regardless_of_case_accents_and_width(string query, string text, bool expected)
    {
        Assert.Equal(expected, Matches(query, text));
    }

    [Theory]
    [InlineData("東京", "東京 is big", true)]
    [InlineData("東京", "我在東京", true)]
    [InlineData("東京", "我在東京。很好", true)]
    [InlineData("東京", "東は京", false)]
    [InlineData("ソニー", "ソニーの新製品", true)]
    [InlineData("ｿﾆｰ", "ソニーストアで買った", true)]
    [InlineData("カ NEAR/0 イ", "ｶﾞｲ", true)] // a half-width voicing mark is no word between them
    [InlineData("ｶﾞ", "カ", true)]
    [InlineData("acme", "ac\u00ADme", true)]
    [InlineData("#acme", "#\u00ADacme", true)]
    [InlineData("سلام", "ســلام عليكم", true)]
    [InlineData("ソニー", "ソニ", false)]
    [InlineData("삼성", "삼성전자 주가", true)]
    [InlineData("sony", "Sony東京", true)]
    [InlineData("#東京", "#東京オリンピック", true)]
    [InlineData("#東京", "東京オリンピック", false)]
    [InlineData("東京 NEAR/1 大阪", "東京と大阪", true)]
    [InlineData("東京 ONEAR/0 大阪", "東京と大阪", false)]
    [InlineData("raw:\"東京\"", "我在東京", true)]
    [InlineData("東京", "東京。很好", true)]
    [InlineData("москва", "Я люблю МОСКВА!", true)]
    [InlineData("straße", "STRAßE", true)]
    public void Splits_words_the_same_way_in_every_script(string query, string text, bool expected)
    {
        // Scripts written without spaces make one word of a whole run: use a wildcard to find a word inside it.
        Assert.Equal(expected, Matches(query, text));
    }

    [Theory]
    [InlineData("#acme", "#ACME rocks", true)]
    [InlineData("#acme", "so#acme", true)]
    [InlineData("#acme", "＃acme", true)]
    [InlineData("#acme", "acme rocks", false)]
    [InlineData("#acme", "@acme rocks", false)]
    [InlineData("#acme", "# acme", false)]
    [InlineData("#acme", "#acmefail", false)]
    [InlineData("@acme", "thanks @Acme", true)]
    [InlineData("@acme", "mail jo@acme.com", true)]
    [InlineData("@acme", "thanks acme", false)]
    [InlineData("@acme", "@acmeshop", false)]
    [InlineData("$acme", "$ACME is up", true)]
    [InlineData("$acme", "＄acme is up", true)]
    [InlineData("$acme", "acme is up", false)]
    [InlineData("$acme", "#acme is up", false)]
    [InlineData("acme", "#acme", true)]
    [InlineData("acme", "@acme", true)]
    [InlineData("acme", "$acme", true)]
    public void Matches_a_hashtag_handle_or_cashtag_only_right_after_its_character(string query, string text, bool expected)
    {
        Assert.Equal(expected, Matches(query, text));
    }

    [Theory]
    [InlineData("ACME  Corp.", true)]
    [InlineData("we buy from acme-corp", true)]
    [InlineData("#acme corp", true)]
    [InlineData("Acme\ncorp", true)]
    [InlineData("acme 🔥 corp", true)]
    [InlineData("acme, corp", true)]
    [InlineData("acme the corp", false)]
    [InlineData("corp acme", false)]
    [InlineData("acme corporation", false)]
    public void Matches_a_phrase_only_as_consecutive_words(string text, bool expected)
    {
        // Emoji and punctuation are not words, so they do not break a phrase.
        Assert.Equal(expected, Matches("\"acme corp\"", text));
    }

    [Theory]
    [InlineData("🔥", "this is 🔥", true)]
    [InlineData("🔥", "🔥🔥🔥", true)]
    [InlineData("🔥", "acme🔥", true)]
    [InlineData("🔥", "fire", false)]
    [InlineData("🔥", "😀", false)]
    [InlineData("❤", "love ❤️", true)]
    [InlineData("❤️", "love ❤", true)]
    [InlineData("👍", "👍🏽 nice", true)]
    [InlineData("👍🏿", "👍 nice", true)]
    [InlineData("™", "Acme™", true)]
    [InlineData("🇺🇸", "go 🇺🇸!", true)]
    [InlineData("🇺🇸", "🇺 🇸", true)]
    [InlineData("🇺🇸", "🇺 x 🇸", false)]
    [InlineData("🇺🇸", "🇸🇺", false)]
    [InlineData("🇺🇸", "🇦🇺🇸🇪", false)]
    [InlineData("🇺🇸", "🇸🇺🇸", false)]
    [InlineData("🇺🇸", "🇸🇪🇺🇸", true)]
    [InlineData("🇺🇸", "🇦 🇺🇸", true)]
    [InlineData("🇦🇺 AND 🇸🇪", "🇦🇺🇸🇪", true)]
    [InlineData("👨‍👩‍👧", "family 👨‍👩‍👧", true)]
    [InlineData("👨‍👩‍👧", "👨 👧", false)]
    [InlineData("acme AND 🔥", "acme is 🔥", true)]
    public void Matches_emoji_ignoring_skin_tones_and_variation_selectors(string query, string text, bool expected)
    {
        Assert.Equal(expected, Matches(query, text));
    }

    [Theory]
    [InlineData("acme*", "acme", true)]
    [InlineData("acme*", "Acmes", true)]
    [InlineData("acme*", "acme_corp", true)]
    [InlineData("acme*", "acm", false)]
    [InlineData("acme*", "superacme", false)]
    [InlineData("acme*", "acme-corp", true)]
    [InlineData("*acme", "superacme", true)]
    [InlineData("*acme", "acmes", false)]
    [InlineData("ac*me", "acme", true)]
    [InlineData("ac*me", "acxyzme", true)]
    [InlineData("wo?d", "word", true)]
    [InlineData("wo?d", "WOOD", true)]
    [InlineData("wo?d", "wod", false)]
    [InlineData("wo?d", "woood", false)]
    [InlineData("caf?", "Café", true)]
    [InlineData("#acme*", "#AcmeFail", true)]
    [InlineData("#acme*", "acmefail", false)]
    [InlineData("acme*", "acme corp", true)]
    public void Matches_wildcards_against_whole_words(string query, string text, bool expected)
    {
        Assert.Equal(expected, Matches(query, text));
    }

    [Theory]
    [InlineData("acme~1", "acme", true)]
    [InlineData("acme~1", "acne", true)]
    [InlineData("acme~1", "acm", true)]
    [InlineData("acme~1", "acmes", true)]
    [InlineData("acme~1", "amce", false)]
    [InlineData("acme~2", "amce", true)]
    [InlineData("acme~2", "acmeee", true)]
    [InlineData("acme~2", "acmeeee", false)]
    [InlineData("acme~", "ACNE", true)]
    [InlineData("nestle~1", "Nestlé", true)]
    [InlineData("nestle~1", "Nestlés", true)]
    [InlineData("@acme~1", "@acne", true)]
    [InlineData("@acme~1", "acne", false)]
    [InlineData("acme~1", "acme corp", true)]
    public void Matches_fuzzy_terms_within_the_Levenshtein_distance_of_folded_words(string query, string text, bool expected)
    {
        Assert.Equal(expected, Matches(query, text));
    }

    [Theory]
    [InlineData("raw:\"Apple\"", "I love Apple", true)]
    [InlineData("raw:\"Apple\"", "apple pie", false)]
    [InlineData("raw:\"Apple\"", "APPLE", false)]
    [InlineData("raw:\"Apple\"", "Apples", false)]
    [InlineData("raw:\"Apple\"", "#Apple", true)]
    [InlineData("raw:\"Café\"", "Cafe", false)]
    [InlineData("raw:\"Café\"", "Cafe\u0301", true)]
    [InlineData("raw:\"Cafe\u0301\"", "Café", true)]
    [InlineData("raw:\"ACME\"", "ＡＣＭＥ", false)]
    [InlineData("raw:\"Apple Inc\"", "Apple, Inc.", true)]
    [InlineData("raw:\"Apple Inc\"", "Apple inc", false)]
    public void Matches_raw_phrases_as_written_but_still_whole_word(string query, string text, bool expected)
    {
        Assert.Equal(expected, Matches(query, text));
    }

    [Theory]
    [InlineData("acme AND corp", "corp and acme", true)]
    [InlineData("acme AND corp", "acme", false)]
    [InlineData("acme OR corp", "corp", true)]
    [InlineData("acme OR corp", "nothing", false)]
    [InlineData("acme NOT corp", "acme", true)]
    [InlineData("acme NOT corp", "acme corp", false)]
    [InlineData("acme AND NOT #corp", "acme corp", true)]
    [InlineData("acme AND NOT #corp", "acme #corp", false)]
    [InlineData("NOT NOT acme", "acme", true)]
    [InlineData("a OR b AND c", "a", true)]
    [InlineData("(a OR b) AND c", "a", false)]
    [InlineData("(a OR b) AND c", "b c", true)]
    [InlineData("a OR b NOT c", "a c", true)]
    [InlineData("a OR b NOT c", "b c", false)]
    [InlineData("\"acme and corp\"", "ACME AND CORP", true)]
    [InlineData("\"acme and corp\"", "acme corp", false)]
    public void Combines_with_AND_OR_NOT(string query, string text, bool expected)
    {
        Assert.Equal(expected, Matches(query, text));
    }

    [Theory]
    [InlineData("acme NEAR/3 corp", "acme one two three corp", true)]
    [InlineData("acme NEAR/2 corp", "acme one two three corp", false)]
    [InlineData("acme NEAR/3 corp", "corp one two three acme", true)]
    [InlineData("acme NEAR/0 corp", "acme corp", true)]
    [InlineData("acme NEAR/0 corp", "corp acme", true)]
    [InlineData("acme NEAR/0 corp", "acme x corp", false)]
    [InlineData("acme NEAR/0 corp", "acme, 🔥 — corp!", true)]
    [InlineData("acme NEAR/1 corp", "acme x corp", true)]
    [InlineData("acme NEAR/1 corp", "acme x y corp", false)]
    [InlineData("acme NEAR/1 corp", "acme x y corp x acme", true)]
    [InlineData("acme NEAR/1000000 corp", "acme x y z corp", true)]
    [InlineData("acme NEAR/5 corp", "acme", false)]
    [InlineData("acme NEAR/1 acme", "acme", false)]
    [InlineData("acme NEAR/1 acme", "acme x acme", true)]
    [InlineData("acme NEAR/1 acme*", "acmes", false)]
    [InlineData("\"acme corp\" NEAR/5 corp", "acme corp", false)]
    [InlineData("\"acme corp\" NEAR/5 corp", "acme corp and corp", true)]
    [InlineData("\"acme corp\" NEAR/1 deal", "acme corp x deal", true)]
    [InlineData("\"acme corp\" NEAR/1 deal", "deal x acme corp", true)]
    [InlineData("\"acme corp\" NEAR/1 deal", "deal x y acme corp", false)]
    [InlineData("\"acme corp\" NEAR/0 🔥", "acme 🔥 corp", false)]
    [InlineData("🔥 NEAR/1 acme", "🔥 x acme", true)]
    [InlineData("🔥 NEAR/1 acme", "🔥 x y acme", false)]
    [InlineData("🔥 NEAR/0 acme", "acme🔥", true)]
    [InlineData("(acme OR globex) NEAR/1 (deal OR promo*)", "globex big promotion", true)]
    [InlineData("(acme OR globex) NEAR/1 (deal OR promo*)", "globex big fat promotion", false)]
    [InlineData("#acme NEAR/2 deal~1", "#ACME has a dial", true)]
    [InlineData("raw:\"Acme\" NEAR/0 deal", "acme deal", false)]
    public void Measures_proximity_in_words_strictly_between_two_matches_in_either_order(string query, string text, bool expected)
    {
        Assert.Equal(expected, Matches(query, text));
    }

    [Theory]
    [InlineData("acme ONEAR/2 corp", "acme x corp", true)]
    [InlineData("acme ONEAR/2 corp", "corp x acme", false)]
    [InlineData("corp ONEAR/2 acme", "corp x acme", true)]
    [InlineData("acme ONEAR/0 corp", "corp acme corp", true)]
    [InlineData("acme ONEAR/0 corp", "acme x corp acme", false)]
    [InlineData("acme ONEAR/1 acme", "acme x acme", true)]
    public void Ordered_proximity_needs_the_left_match_first(string query, string text, bool expected)
    {
        Assert.Equal(expected, Matches(query, text));
    }

    [Fact]
    public void Filters_on_the_post_fields()
    {
        var post = new PostFields(Network.Reddit, "pt", "BR", "Jo_Silva", 1000, Verified: true);

        Assert.True(Matches("acme AND network:reddit", "acme", post));
        Assert.False(Matches("acme AND network:x", "acme", post));
        Assert.False(Matches("acme AND network:x", "acme", PostFields.Unknown));
        Assert.True(Matches("acme AND lang:pt", "acme", post));
        Assert.False(Matches("acme AND lang:en", "acme", post));
        Assert.False(Matches("acme AND lang:pt", "acme", PostFields.Unknown));
        Assert.True(Matches("acme AND NOT lang:pt", "acme", PostFields.Unknown));
        Assert.True(Matches("acme AND country:br", "acme", post));
        Assert.False(Matches("acme AND country:PT", "acme", post));
        Assert.True(Matches("acme AND author:jo_silva", "acme", post));
        Assert.True(Matches("acme AND author:JO_SILVA", "acme", post with { AuthorHandle = "@jo_silva" }));
        Assert.False(Matches("acme AND author:jo_silva", "acme", post with { AuthorHandle = "@@jo_silva" }));
        Assert.False(Matches("acme AND author:jo", "acme", post));
        Assert.False(Matches("acme AND author:jo", "acme", PostFields.Unknown));
        Assert.True(Matches("acme AND followers:>999", "acme", post));
        Assert.False(Matches("acme AND followers:>1000", "acme", post));
        Assert.True(Matches("acme AND followers:>=1000", "acme", post));
        Assert.False(Matches("acme AND followers:<1000", "acme", post));
        Assert.True(Matches("acme AND followers:<=1000", "acme", post));
        Assert.True(Matches("acme AND followers:=1000", "acme", post));
        Assert.True(Matches("acme AND followers:<1", "acme", PostFields.Unknown));
        Assert.True(Matches("acme AND verified:true", "acme", post));
        Assert.False(Matches("acme AND verified:false", "acme", post));
        Assert.True(Matches("acme AND verified:false", "acme", PostFields.Unknown));
        Assert.False(Matches("acme AND network:reddit", "nothing", post));
        Assert.True(Matches("(acme AND network:x) OR (globex AND lang:pt)", "globex", post));
    }

    [Fact]
    public void Builds_post_fields_from_a_post()
    {
        var author = new Author("u1", "@Jo", "Jo", 1200, Verified: true, Gender.Female, 31, "gb");
        var post = new Post("1", Network.X, DateTimeOffset.UnixEpoch, "acme", "EN", author, default, null, null);

        var fields = PostFields.From(post);

        Assert.Equal(new PostFields(Network.X, "en", "GB", "@Jo", 1200, true), fields);
        Assert.True(ReferenceEvaluator.Matches(BooleanQueryParser.Parse("acme AND author:jo AND country:gb AND lang:en AND verified:true"), post.Text, fields));
    }

    [Fact]
    public void Builds_post_fields_with_unknowns_from_a_post_that_says_little()
    {
        var post = TestPosts.Make("1", DateTimeOffset.UnixEpoch, network: Network.Unknown);

        Assert.Equal(PostFields.Unknown, PostFields.From(post));
    }

    [Theory]
    [InlineData("acme", "I love Acme and ACME", new[] { 7, 11, 16, 20 })]
    [InlineData("\"acme corp\"", "x ACME  Corp.", new[] { 2, 12 })]
    [InlineData("(acme AND zzz) OR corp", "acme corp", new[] { 5, 9 })]
    [InlineData("acme AND NOT corp", "acme x", new[] { 0, 4 })]
    [InlineData("acme AND lang:en", "acme x", new[] { 0, 4 })]
    [InlineData("acme NEAR/1 corp", "acme x corp y y y acme", new[] { 0, 4, 7, 11 })]
    [InlineData("cafe", "Cafe\u0301 noir", new[] { 0, 5 })]
    [InlineData("🔥", "so 🔥🔥", new[] { 3, 7 })]
    [InlineData("acme AND 🔥", "acme🔥", new[] { 0, 6 })]
    [InlineData("NOT NOT acme", "an acme", new[] { 3, 7 })]
    [InlineData("NOT (NOT acme OR NOT corp)", "corp acme", new[] { 0, 4, 5, 9 })]
    [InlineData("acme AND NOT (corp AND NOT deal)", "acme corp deal", new[] { 0, 4, 10, 14 })]
    [InlineData("acme*", "ACMES acme", new[] { 0, 5, 6, 10 })]
    [InlineData("acme", "nothing here", new int[0])]
    [InlineData("acme AND NOT corp", "acme corp", new int[0])]
    [InlineData("#acme OR @globex", "I love #Acme and @globex", new[] { 7, 12, 17, 24 })]
    [InlineData("#acme AND corp", "a #\u0301acme corp", new[] { 2, 8, 9, 13 })]
    [InlineData("#東京", "x #東京オリンピック", new[] { 2, 5 })]
    [InlineData("$acm?", "buy ＄ACME", new[] { 4, 9 })]
    [InlineData("👍", "ok 👍🏽 ❤\uFE0F", new[] { 3, 7 })]
    [InlineData("❤ AND acme", "acme ❤\uFE0F", new[] { 0, 4, 5, 7 })]
    public void Spans_cover_what_made_the_query_match_in_the_original_text(string query, string text, int[] bounds)
    {
        var expected = Enumerable.Range(0, bounds.Length / 2).Select(i => (bounds[2 * i], bounds[2 * i + 1])).ToList();

        var spans = ReferenceEvaluator.Spans(BooleanQueryParser.Parse(query), text, new PostFields(Network.X, "en", null, null, 0, false));

        Assert.Equal(expected, spans);
    }

    [Fact]
    public void Tokenizes_words_with_their_prefix_and_original_extent_and_emoji_as_symbols()
    {
        var tokens = ReferenceEvaluator.Tokenize("#Café\u0301 👍🏽@Jo ™,x");

        Assert.Equal(
            [
                new ReferenceEvaluator.Token(ReferenceEvaluator.TokenKind.Word, "cafe", "Café\u0301", 1, 6, '#', 0),
                new ReferenceEvaluator.Token(ReferenceEvaluator.TokenKind.Emoji, "👍", "👍", 7, 11, ' '),
                new ReferenceEvaluator.Token(ReferenceEvaluator.TokenKind.Word, "jo", "Jo", 12, 14, '@', 11),
                new ReferenceEvaluator.Token(ReferenceEvaluator.TokenKind.Emoji, "™", "™", 15, 16, ' '),
                new ReferenceEvaluator.Token(ReferenceEvaluator.TokenKind.Word, "x", "x", 17, 18, ',', 16),
            ],
            tokens);
    }
}
