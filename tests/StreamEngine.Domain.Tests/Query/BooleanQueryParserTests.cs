using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Query;
using static StreamEngine.Domain.Tests.Query.Q;

namespace StreamEngine.Domain.Tests.Query;

public sealed class BooleanQueryParserTests
{
    [Fact]
    public void Keeps_the_source_text()
    {
        const string source = "  acme OR  #acme ";

        var query = BooleanQueryParser.Parse(source);

        Assert.Equal(source, query.Source);
        Assert.Equal("acme OR #acme", query.ToString());
    }

    [Fact]
    public void Parses_words_folded()
    {
        Assert.Equal(W("acme"), Parse("acme"));
        Assert.Equal(W("nestle"), Parse("Nestlé"));
        Assert.Equal(W("acme"), Parse("ＡＣＭＥ"));
        Assert.Equal(W("straße"), Parse("Straße"));
    }

    [Fact]
    public void Reads_CJK_characters_written_together_as_a_phrase_of_them()
    {
        Assert.Equal(W("東"), Parse("東"));
        Assert.Equal(Phrase("東", "京"), Parse("東京"));
        Assert.Equal(Phrase("ソ", "ニ", "ー"), Parse("ソニー"));
        Assert.Equal(Phrase("ソ", "ニ", "ー"), Parse("ｿﾆｰ"));
        Assert.Equal(Phrase("sony", "東", "京"), Parse("Sony東京"));
        Assert.Equal(Phrase("삼", "성"), Parse("삼성"));
        Assert.Equal(Phrase("東", "京", "a"), Parse("\"東京 a\""));
        Assert.Equal(new PhraseNode(["東", "京"], WordPrefix.Hashtag), Parse("#東京"));
        Assert.Equal(new PhraseNode(["sony", "東"], WordPrefix.Handle), Parse("@Sony東"));
        Assert.Equal("#東京 OR @sony東", QueryPrinter.Print(Parse("#東京 OR @Sony東")));
    }

    [Fact]
    public void Reads_lower_case_operators_and_operator_prefixed_words_as_words()
    {
        Assert.Equal(Or(W("acme"), W("and"), W("or"), W("not"), W("near")), Parse("acme OR and OR or OR not OR near"));
        Assert.Equal(Or(W("android"), W("oracle"), W("notary"), W("nearby"), W("onearth")), Parse("ANDROID OR ORACLE OR NOTARY OR NEARBY OR ONEARTH"));
        Assert.Equal(Phrase("near", "3"), Parse("Near/3"));
    }

    [Fact]
    public void Parses_phrases_and_reads_a_one_word_phrase_as_the_word()
    {
        Assert.Equal(Phrase("acme", "corp"), Parse("\"ACME  Corp.\""));
        Assert.Equal(Phrase("this", "or", "that"), Parse("\"this OR that\""));
        Assert.Equal(W("acme"), Parse("\"Acme!\""));
        Assert.Equal(Phrase("acme", "corp"), Parse("\"acme (corp)\""));
    }

    [Fact]
    public void Reads_a_bare_token_of_several_words_as_a_phrase_as_TermQueryParser_did()
    {
        Assert.Equal(Phrase("acme", "corp"), Parse("acme-corp"));
        Assert.Equal(Phrase("acme", "com"), Parse("acme.com"));
        Assert.Equal(Phrase("a", "b"), Parse("a(b"));
        Assert.Equal(Phrase("a", "and", "b"), Parse("a(and)b"));
        Assert.Equal(Phrase("acme", "s"), Parse("acme\"s"));
        Assert.Equal(W("acme"), Parse("acme🔥"));
    }

    [Fact]
    public void Parses_hashtags_handles_and_cashtags()
    {
        Assert.Equal(Tag("acme"), Parse("#Acme"));
        Assert.Equal(At("acme"), Parse("@ACME"));
        Assert.Equal(Cash("acme"), Parse("$acme"));
        Assert.Equal(Cash("100"), Parse("$100"));
        Assert.Equal(At("acme"), Parse("@@acme"));
        Assert.Equal(Tag("acme"), Parse("#acme!"));
        Assert.Equal(Or(At("acme"), Tag("acme")), Parse("(@acme OR #acme)"));

        // Full-width and small forms of the signs fold to them, as they do in a post's text.
        Assert.Equal(Tag("acme"), Parse("＃acme"));
        Assert.Equal(At("acme"), Parse("＠Acme"));
        Assert.Equal(Cash("acme"), Parse("＄acme"));
        Assert.Equal(Wild("acme*", WordPrefix.Hashtag), Parse("﹟acme*"));
    }

    [Fact]
    public void Parses_emoji_without_skin_tones_or_variation_selectors()
    {
        Assert.Equal(Emoji("🔥"), Parse("🔥"));
        Assert.Equal(Emoji("❤"), Parse("❤️"));
        Assert.Equal(Emoji("👍"), Parse("👍🏽"));
        Assert.Equal(Emoji("™"), Parse("™"));
        Assert.Equal(Emoji("🇺", "🇸"), Parse("🇺🇸"));
        Assert.Equal(Emoji("👨", "👩", "👧"), Parse("👨\u200D👩\u200D👧"));
        Assert.Equal(Or(Emoji("🔥"), W("fire")), Parse("🔥 OR fire"));
    }

    [Fact]
    public void Parses_wildcards_folded_with_runs_of_stars_collapsed()
    {
        Assert.Equal(Wild("acme*"), Parse("acme*"));
        Assert.Equal(Wild("wo?d"), Parse("wo?d"));
        Assert.Equal(Wild("*acme"), Parse("*acme"));
        Assert.Equal(Wild("ac*me"), Parse("Ac**me"));
        Assert.Equal(Wild("cafe*"), Parse("Café*"));
        Assert.Equal(Wild("acme*", WordPrefix.Hashtag), Parse("#acme*"));
        Assert.Equal(Wild("a??"), Parse("a??"));
    }

    [Fact]
    public void Parses_fuzzy_terms()
    {
        Assert.Equal(Fuzzy("acme", 1), Parse("acme~"));
        Assert.Equal(Fuzzy("acme", 1), Parse("acme~1"));
        Assert.Equal(Fuzzy("acme", 2), Parse("ACME~2"));
        Assert.Equal(Fuzzy("nestle", 2), Parse("Nestlé~2"));
        Assert.Equal(Fuzzy("acme", 1, WordPrefix.Handle), Parse("@acme~1"));
        Assert.Equal(Fuzzy("ab", 1), Parse("ab~1"));
    }

    [Fact]
    public void Parses_raw_phrases_as_written_normalised_to_NFC()
    {
        Assert.Equal(Raw("Apple", "Inc"), Parse("raw:\"Apple, Inc.\""));
        Assert.Equal(Raw("Café"), Parse("raw:\"Cafe\u0301\""));
        Assert.Equal(Raw("ＡＣＭＥ"), Parse("RAW:\"ＡＣＭＥ\""));
        Assert.Equal(Or(Raw("Apple"), W("apple")), Parse("(raw:\"Apple\" OR apple)"));
    }

    [Fact]
    public void Parses_field_filters()
    {
        Assert.Equal(And(W("acme"), new NetworkField(Network.X)), Parse("acme AND network:x"));
        Assert.Equal(And(W("a"), new NetworkField(Network.TikTok)), Parse("a AND network:TikTok"));
        Assert.Equal(And(W("a"), new LangField("pt")), Parse("a AND lang:PT"));

        // Three-letter codes are read as a post's lang is: the language's two-letter code.
        Assert.Equal(And(W("a"), new LangField("de")), Parse("a AND lang:deu"));
        Assert.Equal(And(W("a"), new LangField("de")), Parse("a AND lang:GER"));
        Assert.Equal(And(W("a"), new LangField("en")), Parse("a AND lang:eng"));
        Assert.Equal(And(W("a"), new LangField("haw")), Parse("a AND lang:haw"));
        Assert.Equal(And(W("a"), new CountryField("US")), Parse("a AND country:us"));
        Assert.Equal(And(W("a"), new AuthorField("acme.official")), Parse("a AND author:Acme.Official"));
        Assert.Equal(And(W("a"), new FollowersField(FollowersComparison.GreaterThan, 1000)), Parse("a AND followers:>1000"));
        Assert.Equal(And(W("a"), new FollowersField(FollowersComparison.GreaterOrEqual, 0)), Parse("a AND followers:>=0"));
        Assert.Equal(And(W("a"), new FollowersField(FollowersComparison.LessThan, 5)), Parse("a AND followers:<5"));
        Assert.Equal(And(W("a"), new FollowersField(FollowersComparison.LessOrEqual, 5)), Parse("a AND followers:<=5"));
        Assert.Equal(And(W("a"), new FollowersField(FollowersComparison.Equal, 5)), Parse("a AND followers:=5"));
        Assert.Equal(And(W("a"), new VerifiedField(true)), Parse("a AND verified:true"));
        Assert.Equal(And(W("a"), new VerifiedField(false)), Parse("a AND Verified:FALSE"));
        Assert.Equal(And(W("a"), Or(new NetworkField(Network.X), new NetworkField(Network.Reddit))), Parse("a AND (network:x OR network:reddit)"));
        Assert.Equal(And(W("a"), new AuthorField("jo")), Parse("(a AND author:jo)"));
        Assert.Equal(Phrase("10", "30"), Parse("10:30"));
        Assert.Equal(Phrase("a1", "b"), Parse("a1:b"));
    }

    [Fact]
    public void Accepts_every_network_name_the_post_schema_accepts()
    {
        foreach (var name in NetworkNames.Accepted)
        {
            var root = Assert.IsType<AndNode>(Parse($"acme AND network:{name}"));
            var field = Assert.IsType<NetworkField>(root.Operands[1]);
            Assert.Equal(name, field.Network.ToName());
        }
    }

    [Fact]
    public void Parses_AND_OR_NOT_and_parentheses()
    {
        Assert.Equal(And(W("a"), W("b")), Parse("a AND b"));
        Assert.Equal(Or(W("a"), W("b")), Parse("a OR b"));
        Assert.Equal(And(W("a"), Not(W("b"))), Parse("a AND NOT b"));
        Assert.Equal(And(W("a"), Not(W("b"))), Parse("a NOT b"));
        Assert.Equal(And(W("a"), Not(W("b")), Not(W("c"))), Parse("a NOT b NOT c"));
        Assert.Equal(And(Not(W("b")), W("a")), Parse("NOT b AND a"));
        Assert.Equal(Not(Not(W("a"))), Parse("NOT NOT a"));
        Assert.Equal(And(Or(W("a"), W("b")), W("c")), Parse("(a OR b) AND c"));
        Assert.Equal(W("a"), Parse("((a))"));
        Assert.Equal(And(W("a"), Not(Or(W("b"), W("c")))), Parse("a AND NOT (b OR c)"));
    }

    [Fact]
    public void Needs_no_white_space_around_parentheses_and_quotes()
    {
        Assert.Equal(And(Or(W("a"), Phrase("b", "c")), W("d")), Parse("(a OR \"b c\")AND d"));
        Assert.Equal(Or(W("acme"), W("x")), Parse("\"acme\"OR x"));
        Assert.Equal(Or(W("a"), And(W("b"), W("c"))), Parse("a OR (b AND (c))"));
    }

    [Fact]
    public void Flattens_nested_ANDs_and_ORs()
    {
        Assert.Equal(And(W("a"), W("b"), W("c")), Parse("a AND (b AND c)"));
        Assert.Equal(Or(W("a"), W("b"), W("c"), W("d")), Parse("(a OR b) OR (c OR d)"));
        Assert.Equal(Or(W("a"), W("a")), Parse("a OR a"));
    }

    [Fact]
    public void Parses_proximity()
    {
        Assert.Equal(Near(W("acme"), W("deal"), 3), Parse("acme NEAR/3 deal"));
        Assert.Equal(ONear(W("acme"), W("deal"), 0), Parse("acme ONEAR/0 deal"));
        Assert.Equal(Near(W("acme"), W("deal"), 12), Parse("acme NEAR/012 deal"));
        Assert.Equal(Near(W("acme"), W("deal"), int.MaxValue), Parse("acme NEAR/99999999999999999999 deal"));
        Assert.Equal(
            Near(Or(W("acme"), Phrase("acme", "corp"), Wild("glob*")), Or(Fuzzy("deal", 1), Tag("promo"), Emoji("🔥"), Raw("Sale")), 5),
            Parse("(acme OR \"acme corp\" OR glob*) NEAR/5 (deal~1 OR #promo OR 🔥 OR raw:\"Sale\")"));
        Assert.Equal(Near(Or(W("a"), W("b"), W("c")), W("d"), 1), Parse("((a OR b) OR (c)) NEAR/1 d"));
        Assert.Equal(And(Near(W("a"), W("b"), 2), Near(W("b"), W("c"), 3)), Parse("(a NEAR/2 b) AND (b NEAR/3 c)"));
    }

    [Theory]
    [InlineData("(acme OR \"acme corp\" OR @acme OR #acme OR $acme) NOT (acme* NEAR/2 anvil) AND NOT lang:la")]
    [InlineData("acme NOT anvil NOT wile")]
    [InlineData("(acme OR \"acme corp\" OR acme*) NEAR/2 (deal~1 OR #promo)")]
    [InlineData("a NEAR/2 b AND b NEAR/3 c")]
    [InlineData("a OR (lang:en AND b)")]
    [InlineData("\"http://acme.com\"")]
    [InlineData("acme AND NOT lang:en AND followers:<100 AND country:US AND author:acme AND verified:true AND network:x")]
    public void Accepts_the_examples_of_the_documentation(string query)
    {
        var parsed = BooleanQueryParser.Parse(query);

        Assert.Equal(parsed.Root, Parse(parsed.ToString()));
    }

    [Theory]
    [InlineData("a OR b AND c", "a OR b AND c")]
    [InlineData("a AND b OR c", "a AND b OR c")]
    [InlineData("a OR b NOT c", "a OR b AND NOT c")]
    [InlineData("a NOT b OR c", "a AND NOT b OR c")]
    [InlineData("x AND NOT a NEAR/1 b OR c", "x AND NOT a NEAR/1 b OR c")]
    [InlineData("a NEAR/2 b AND c", "a NEAR/2 b AND c")]
    [InlineData("a AND (b OR c)", "a AND (b OR c)")]
    [InlineData("x AND NOT (a AND b)", "x AND NOT (a AND b)")]
    public void Binds_NEAR_tightest_then_NOT_then_AND_then_OR(string query, string printed)
    {
        Assert.Equal(printed, BooleanQueryParser.Parse(query).ToString());
    }

    [Fact]
    public void Builds_the_precedence_into_the_tree()
    {
        Assert.Equal(Or(W("a"), And(W("b"), W("c"))), Parse("a OR b AND c"));
        Assert.Equal(Or(And(W("a"), W("b")), W("c")), Parse("a AND b OR c"));
        Assert.Equal(Or(W("a"), And(W("b"), Not(W("c")))), Parse("a OR b NOT c"));
        Assert.Equal(Or(And(W("x"), Not(Near(W("a"), W("b"), 1))), W("c")), Parse("x AND NOT a NEAR/1 b OR c"));
        Assert.Equal(And(Near(W("a"), W("b"), 2), W("c")), Parse("a NEAR/2 b AND c"));
        Assert.Equal(Or(W("c"), Near(W("a"), W("b"), 2)), Parse("c OR a NEAR/2 b"));
    }

    [Fact]
    public void Accepts_a_query_that_requires_a_term()
    {
        Assert.Equal(And(W("acme"), Not(W("corp"))), Parse("acme AND NOT corp"));
        Assert.Equal(And(Not(W("corp")), W("acme")), Parse("NOT corp AND acme"));
        Assert.Equal(Not(Not(W("acme"))), Parse("NOT NOT acme"));
        Assert.Equal(And(Or(W("a"), W("b")), Not(new NetworkField(Network.X))), Parse("(a OR b) AND NOT network:x"));
        Assert.Equal(Or(W("a"), And(new LangField("en"), W("b"))), Parse("a OR (lang:en AND b)"));
        Assert.Equal(Not(Or(Not(W("a")), Not(W("b")))), Parse("NOT (NOT a OR NOT b)"));
    }

    [Fact]
    public void Accepts_what_the_TermQueryParser_tests_accept_with_the_same_meaning()
    {
        Assert.Equal(Or(W("acme"), Phrase("acme", "corp"), At("acme"), Tag("acme")), Parse("acme OR \"acme corp\" OR @acme OR #acme"));
        Assert.Equal(Or(W("nestle"), Phrase("acme", "corp"), At("cafe")), Parse("Nestlé OR \"ＡＣＭＥ  Corp.\" OR @Café"));
        Assert.Equal(Or(Phrase("this", "or", "that"), W("or")), Parse("\"this or that\" OR \"OR\""));
        Assert.Equal(Or(W("acme"), W("globex")), Parse("  acme\tOR\n  globex  "));
    }

    [Fact]
    public void Lists_distinct_literals_and_fields_in_order_including_those_under_NOT()
    {
        var query = BooleanQueryParser.Parse("(acme OR #acme) AND NOT acme NEAR/2 corp* AND network:x AND NOT network:x OR 🔥 AND raw:\"Acme\"");

        Assert.Equal<LiteralNode>([W("acme"), Tag("acme"), Wild("corp*"), Emoji("🔥"), Raw("Acme")], query.Literals);
        Assert.Equal<FieldNode>([new NetworkField(Network.X)], query.Fields);
    }

    [Fact]
    public void Columns_count_UTF16_units()
    {
        var ex = Assert.Throws<StreamEngine.Domain.Matching.QuerySyntaxException>(() => BooleanQueryParser.Parse("🔥 corp"));

        Assert.Equal(4, ex.Column);
        Assert.Equal("corp", ex.Token);
    }
}
