using CsCheck;
using StreamEngine.Domain.Matching.Compiled;
using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Query;
using StreamEngine.Domain.Tests.Generators;
using StreamEngine.Domain.Tests.Properties;
using StreamEngine.Domain.Tests.Query;

namespace StreamEngine.Domain.Tests.Matching.Compiled;

/// <summary>Focused cases of the compiled matcher, each also checked against the reference evaluator.</summary>
public sealed class CompiledMatcherTests
{
    private static readonly PostFields Unknown = PostFields.Unknown;

    [Theory]
    // NEAR: distance counted in words, either order, emoji and punctuation free.
    [InlineData("acme NEAR/3 corp", "acme one two three corp", true)]
    [InlineData("acme NEAR/3 corp", "corp one two three acme", true)]
    [InlineData("acme NEAR/2 corp", "acme one two three corp", false)]
    [InlineData("acme NEAR/0 corp", "acme, 🔥 — corp!", true)]
    [InlineData("acme NEAR/0 corp", "acme x corp", false)]
    [InlineData("acme NEAR/1 acme", "acme", false)]
    [InlineData("acme NEAR/1 acme", "acme x acme", true)]
    [InlineData("\"acme corp\" NEAR/5 corp", "acme corp", false)]
    [InlineData("\"acme corp\" NEAR/5 corp", "acme corp and corp", true)]
    [InlineData("\"acme corp\" NEAR/0 🔥", "acme 🔥 corp", false)]
    [InlineData("\"acme corp\" NEAR/0 🔥", "acme corp 🔥", true)]
    [InlineData("🔥 NEAR/1 👍", "🔥 a 👍", true)]
    [InlineData("🔥 NEAR/0 👍", "🔥 a 👍", false)]
    [InlineData("acme NEAR/2147483647 corp", "corp a b c d e f g acme", true)]
    [InlineData("(acme OR globex) NEAR/1 (deal~1 OR #promo)", "globex big deals", true)]
    [InlineData("(acme OR globex) NEAR/1 (deal~1 OR #promo)", "globex big promo", false)]
    // ONEAR: the left match first.
    [InlineData("acme ONEAR/3 corp", "acme one corp", true)]
    [InlineData("acme ONEAR/3 corp", "corp one acme", false)]
    [InlineData("acme ONEAR/0 acme", "acme acme", true)]
    [InlineData("\"a b\" ONEAR/0 b", "a b", false)]
    [InlineData("\"a b\" ONEAR/0 \"b c\"", "a b c", false)]
    [InlineData("\"a b\" ONEAR/0 \"b c\"", "a b b c", true)]
    // NOT.
    [InlineData("acme NOT anvil", "acme", true)]
    [InlineData("acme NOT anvil", "acme anvil", false)]
    [InlineData("acme AND NOT (anvil NEAR/1 wile)", "acme anvil x y wile", true)]
    [InlineData("acme AND NOT (anvil NEAR/1 wile)", "acme anvil x wile", false)]
    [InlineData("NOT NOT acme", "ACME", true)]
    [InlineData("NOT (NOT acme OR corp)", "acme", true)]
    [InlineData("NOT (NOT acme OR corp)", "acme corp", false)]
    // Wildcards.
    [InlineData("acme*", "Acmes", true)]
    [InlineData("acme*", "acme_corp", true)]
    [InlineData("acme*", "superacme", false)]
    [InlineData("*acme", "superacme", true)]
    [InlineData("wo?d", "WOOD", true)]
    [InlineData("wo?d", "wod", false)]
    [InlineData("caf?", "Café", true)]
    [InlineData("東京", "我在東京", true)]
    [InlineData("#ソニー", "新しい#ソニーストア", true)]
    [InlineData("#ソニー", "新しいソニーストア", false)]
    [InlineData("カ NEAR/0 イ", "ｶﾞｲ", true)] // a half-width voicing mark is no word between them
    // NUL is a control character like U+0001: it parts words, it is not a mark folded away.
    [InlineData("acme", "acme\u0000corp", true)]
    [InlineData("acme", "ac\u0000me", false)]
    [InlineData("\"acme corp\"", "acme\u0000corp", true)]
    [InlineData("ｶﾞ", "カ", true)]
    [InlineData("acme", "ac\u00ADme", true)]
    [InlineData("سلام", "ســلام عليكم", true)]
    [InlineData("삼성", "삼성이 발표했다", true)]
    [InlineData("#acme*", "#AcmeFail", true)]
    [InlineData("#acme*", "AcmeFail", false)]
    [InlineData("a*b*c", "aXbYbZc", true)]
    [InlineData("a*b*c", "aXbYbZ", false)]
    // Fuzzy.
    [InlineData("acme~1", "acne", true)]
    [InlineData("acme~1", "acm", true)]
    [InlineData("acme~1", "acmes", true)]
    [InlineData("acme~1", "amce", false)]
    [InlineData("acme~2", "amce", true)]
    [InlineData("acme~2", "ac", true)]
    [InlineData("acme~2", "a", false)]
    [InlineData("nestle~1", "Nestlés", true)]
    [InlineData("@acme~1", "@acne", true)]
    [InlineData("@acme~1", "#acne", false)]
    // Emoji.
    [InlineData("🔥", "so 🔥!", true)]
    [InlineData("👍", "👍🏽", true)]
    [InlineData("❤️", "I ❤ it", true)]
    [InlineData("🇺🇸", "go 🇺🇸!", true)]
    [InlineData("🇺🇸", "🇸🇺", false)]
    [InlineData("🇺🇸", "🇦🇺🇸🇪", false)]
    [InlineData("🇺🇸", "🇸🇪🇺🇸", true)]
    [InlineData("🇺🇸", "🇺 x 🇸", false)]
    [InlineData("🇺🇸", "🇺, 🇸", true)]
    [InlineData("👩", "👨‍👩‍👧", true)]
    [InlineData("™", "acme™", true)]
    // Raw.
    [InlineData("raw:\"Apple\"", "I love Apple", true)]
    [InlineData("raw:\"Apple\"", "#Apple", true)]
    [InlineData("raw:\"Apple\"", "apple pie", false)]
    [InlineData("raw:\"Apple\"", "APPLE", false)]
    [InlineData("raw:\"Apple\"", "Apples", false)]
    [InlineData("raw:\"Café\"", "Cafe", false)]
    [InlineData("raw:\"Café\"", "Cafe\u0301 au lait", true)]
    [InlineData("raw:\"Apple Inc\"", "Apple, Inc.", true)]
    [InlineData("raw:\"Apple Inc\"", "Apple", false)]
    // Words, phrases, signs.
    [InlineData("acme", "ＡＣＭＥ", true)]
    [InlineData("acme", "acme's", true)]
    [InlineData("acme", "acme2", false)]
    [InlineData("\"acme corp\"", "ACME  Corp.", true)]
    [InlineData("\"acme corp\"", "acme the corp", false)]
    [InlineData("#acme", "so#acme", true)]
    [InlineData("#acme", "＃acme", true)]
    [InlineData("#acme", "# acme", false)]
    [InlineData("@acme", "jo@acme.com", true)]
    [InlineData("$acme", "$ACME", true)]
    [InlineData("$acme", "acme", false)]
    // Marks that spell a word are part of it; Greek final sigma is sigma.
    [InlineData("हिंदी", "मुझे हिंदी पसंद है", true)]
    [InlineData("दी", "मुझे हिंदी पसंद है", false)]
    [InlineData("हद", "हिंदी", false)]
    [InlineData("कल", "कुल", false)]
    [InlineData("भारत NEAR/1 देश", "भारत महान देश", true)]
    [InlineData("ท", "ที่", false)]
    [InlineData("σοφος", "ΣΟΦΟΣ", true)]
    [InlineData("ΟΔΟΣ", "οδός", true)]
    [InlineData("#acme OR @acme~1 OR $acm*", "#ACME, @acne and ＄acmes", true)]
    [InlineData("#acme NEAR/1 acme", "#\u0301acme acme", true)]
    [InlineData("👍 AND ❤", "ok 👍🏽 ❤\uFE0F", true)]
    public void Matches_as_the_reference_does(string query, string text, bool expected)
    {
        var parsed = BooleanQueryParser.Parse(query);
        Assert.Equal(expected, ReferenceEvaluator.Matches(parsed, text, Unknown));

        var scratch = Match([parsed], text, Unknown);

        Assert.Equal(expected, scratch.IsMatch(0));
        Assert.Equal(ReferenceEvaluator.Spans(parsed, text, Unknown), scratch.Spans(0).ToArray());
    }

    // A proximity whose words recur through a long post: each occurrence is paired with its nearest
    // partners only, which must be the pairs the reference finds by trying them all.
    [Theory]
    [InlineData("never NEAR/6 again", "acme never again ", true)]
    [InlineData("never ONEAR/1 again", "again never x x ", false)]
    [InlineData("never NEAR/1 again", "again never x x ", true)]
    [InlineData("never NEAR/1 again", "never x x again x x ", false)]
    [InlineData("(never OR nope) ONEAR/2 (again OR \"once more\")", "nope x again never once x more ", true)]
    [InlineData("\"a b\" ONEAR/0 🔥", "a b c 🔥 ", false)]
    [InlineData("\"a b\" ONEAR/1 🔥", "a b c 🔥 ", true)]
    [InlineData("\"a b\" NEAR/0 🔥", "a b c 🔥 ", true)]
    [InlineData("\"a b\" ONEAR/0 \"b c\"", "a b c ", false)]
    public void Proximities_over_long_posts_pair_as_the_reference_does(string query, string repeated, bool expected)
    {
        var parsed = BooleanQueryParser.Parse(query);
        var text = string.Concat(Enumerable.Repeat(repeated, 200));

        var scratch = Match([parsed], text, Unknown);

        Assert.Equal(expected, scratch.IsMatch(0));
        Assert.Equal(expected, ReferenceEvaluator.Matches(parsed, text, Unknown));
        Assert.Equal(ReferenceEvaluator.Spans(parsed, text, Unknown), scratch.Spans(0).ToArray());
    }

    [Theory]
    [InlineData("acme AND network:x", true)]
    [InlineData("acme AND network:reddit", false)]
    [InlineData("acme AND lang:en", true)]
    [InlineData("acme AND NOT lang:pt", true)]
    [InlineData("acme AND country:gb", true)]
    [InlineData("acme AND author:jo_smith", true)]
    [InlineData("acme AND author:jo", false)]
    [InlineData("acme AND followers:>1000", true)]
    [InlineData("acme AND followers:>=1500", true)]
    [InlineData("acme AND followers:<1500", false)]
    [InlineData("acme AND followers:<=1500", true)]
    [InlineData("acme AND followers:=1500", true)]
    [InlineData("acme AND verified:true", true)]
    [InlineData("acme AND verified:false", false)]
    [InlineData("acme OR (corp AND lang:pt)", true)]
    public void Field_filters_read_the_post_fields(string query, bool expected)
    {
        // The handle as a post gives it: author: ignores its one leading '@'.
        var fields = new PostFields(Network.X, "en", "GB", "@Jo_Smith", 1500, Verified: true);
        var parsed = BooleanQueryParser.Parse(query);
        Assert.Equal(expected, ReferenceEvaluator.Matches(parsed, "ACME news", fields));

        var scratch = Match([parsed], "ACME news", fields);

        Assert.Equal(expected, scratch.IsMatch(0));
    }

    [Theory]
    [InlineData("jo", true)]
    [InlineData("@jo", true)]
    [InlineData("@@jo", false)]
    [InlineData("@", false)]
    public void Author_ignores_one_leading_at_sign_and_no_more(string handle, bool expected)
    {
        var fields = new PostFields(Network.X, "en", "GB", handle, 1500, Verified: true);
        var parsed = BooleanQueryParser.Parse("acme AND author:jo");
        Assert.Equal(expected, ReferenceEvaluator.Matches(parsed, "ACME news", fields));

        Assert.Equal(expected, Match([parsed], "ACME news", fields).IsMatch(0));
    }

    [Fact]
    public void Unknown_fields_never_match_and_read_zero_followers()
    {
        var queries = new[] { "acme AND network:x", "acme AND lang:en", "acme AND NOT lang:en", "acme AND followers:<1", "acme AND verified:false", "acme AND author:jo" }
            .Select(BooleanQueryParser.Parse).ToList();

        var scratch = Match(queries, "acme", Unknown);

        Assert.Equal([2, 3, 4], scratch.Queries);
    }

    [Fact]
    public void Reports_matched_queries_in_query_order_with_first_mention_and_hits()
    {
        var queries = new[] { "globex", "acme OR 🔥", "corp NOT anvil", "\"acme corp\" NEAR/3 deal", "🔥" }.Select(BooleanQueryParser.Parse).ToList();
        const string text = "🔥 deal: Acme Corp, globex";
        var scratch = Match(queries, text, Unknown);

        Assert.Equal([0, 1, 2, 3, 4], scratch.Queries);
        Assert.Equal(text.IndexOf("globex", StringComparison.Ordinal), scratch.FirstMention(0));
        Assert.Equal(0, scratch.FirstMention(1));
        Assert.Equal(text.IndexOf("Corp", StringComparison.Ordinal), scratch.FirstMention(2));
        Assert.Equal(text.IndexOf("deal", StringComparison.Ordinal), scratch.FirstMention(3));
        Assert.Equal(0, scratch.FirstMention(4));

        var near = scratch.HitsOf(3).ToArray().OrderBy(h => h.Start).ToArray();
        Assert.Equal([(0, 1), (1, 2)], near.Select(h => (h.FirstWord, h.WordCount)).ToArray());
        Assert.Equal("deal", text[near[0].Start..near[0].End]);
        Assert.Equal("Acme Corp", text[near[1].Start..near[1].End]);

        var emoji = Assert.Single(scratch.HitsOf(4).ToArray());
        Assert.Equal((0, -1, 0, 0, 2), (emoji.Query - 4, emoji.FirstWord, emoji.WordCount, emoji.Start, emoji.End));
        Assert.Equal(scratch.Hits.Count, Enumerable.Range(0, 5).Sum(q => scratch.HitsOf(q).Length));
    }

    [Fact]
    public void Literals_under_a_single_NOT_show_no_span_and_do_not_make_a_candidate()
    {
        var queries = new[] { "acme AND NOT anvil", "NOT (NOT acme)" }.Select(BooleanQueryParser.Parse).ToList();
        var scratch = Match(queries, "anvil", Unknown);
        Assert.Empty(scratch.Queries);

        var matcher = new CompiledMatcher(queries);
        matcher.Match("acme", Unknown, scratch);
        Assert.Equal([0, 1], scratch.Queries);
        Assert.Equal([(0, 4)], scratch.Spans(1).ToArray());
    }

    [Fact]
    public void A_signed_literals_span_starts_at_its_sign()
    {
        var scratch = Match([BooleanQueryParser.Parse("#acme OR globex")], "I love #Acme and globex", Unknown);

        Assert.Equal([(7, 12), (17, 23)], scratch.Spans(0).ToArray());
    }

    [Fact]
    public void Reusing_the_scratch_leaks_nothing_from_the_previous_post()
    {
        var queries = new[] { "acme", "corp NEAR/1 deal", "🔥", "raw:\"Café\"", "glob*", "deal~1" }.Select(BooleanQueryParser.Parse).ToList();
        var matcher = new CompiledMatcher(queries);
        var scratch = new CompiledMatchScratch();

        matcher.Match("acme corp deal 🔥 Café globex", Unknown, scratch);
        Assert.Equal([0, 1, 2, 3, 4, 5], scratch.Queries);
        Assert.Equal(7, scratch.Hits.Count);

        matcher.Match("corp x y deal", Unknown, scratch);
        Assert.Equal([5], scratch.Queries);
        Assert.False(scratch.IsMatch(0));
        Assert.Equal(-1, scratch.FirstMention(0));
        Assert.True(scratch.HitsOf(0).IsEmpty);
        Assert.True(scratch.Spans(1).IsEmpty);
        Assert.Equal([(9, 13)], scratch.Spans(5).ToArray());
        Assert.Single(scratch.Hits);

        matcher.Match("", Unknown, scratch);
        Assert.Empty(scratch.Queries);
        Assert.Empty(scratch.Hits);

        // The same scratch with another model starts clean too.
        var other = new CompiledMatcher([BooleanQueryParser.Parse("zeta")]);
        other.Match("zeta acme", Unknown, scratch);
        Assert.Equal([0], scratch.Queries);
        Assert.Equal([(0, 4)], scratch.Spans(0).ToArray());

        matcher.Match("deal 🔥", Unknown, scratch);
        Assert.Equal([2, 5], scratch.Queries);
    }

    [Fact]
    public void Steady_state_matching_allocates_nothing()
    {
        var queries = new[]
        {
            "(acme OR \"acme corp\" OR @acme OR #acme OR $acme) NOT (acme* NEAR/2 anvil) AND NOT lang:la",
            "deal~2 ONEAR/3 (🔥 OR 🇺🇸)", "raw:\"Café\" OR *corp", "author:jo AND (globex OR wo?d)",
        }.Select(BooleanQueryParser.Parse).ToList();
        var matcher = new CompiledMatcher(queries);
        var scratch = new CompiledMatchScratch();
        var tokens = new StreamEngine.Domain.Text.TokenizedText();
        var fields = new PostFields(Network.X, "en", null, "jo", 10, false);
        string[] texts = ["Acme Corp's new deal 🔥🇺🇸 at the Café #acme, Москва 東京", "globex wood megacorp @acme dael 🔥", "nothing here", "acme anvil"];
        foreach (var text in texts)
        {
            tokens.Tokenize(text);
            matcher.Match(tokens, text, fields, scratch);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var matched = 0;
        for (var i = 0; i < 100; i++)
        {
            foreach (var text in texts)
            {
                tokens.Tokenize(text);
                matcher.Match(tokens, text, fields, scratch);
                matched += scratch.Queries.Count;
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(matched > 0);
    }

    [Fact]
    public void One_matcher_serves_many_threads_each_with_its_own_scratch()
    {
        var queries = QueryGen.Required(3).Select(tree => BooleanQueryParser.Parse(tree.ToString())).Array[30].Example("04-ohoH3IwX1");
        var literals = queries.SelectMany(q => q.Literals).Distinct().ToList();
        var posts = Gen.Select(TextGen.Template, FieldGen.Post).Array[400].Example("9TN3yUDupEZ1")
            .Select(post => (Text: post.Item1.Write(literals), Fields: post.Item2))
            .ToList();
        var matcher = new CompiledMatcher(queries);
        var single = new CompiledMatchScratch();
        var expected = posts.Select(p =>
        {
            matcher.Match(p.Text, p.Fields, single);
            return string.Join(",", single.Queries);
        }).ToList();

        var results = new string[posts.Count];
        Parallel.For(0, 8, worker =>
        {
            var scratch = new CompiledMatchScratch();
            for (var round = 0; round < 5; round++)
            {
                for (var i = worker; i < posts.Count; i += 8)
                {
                    matcher.Match(posts[i].Text, posts[i].Fields, scratch);
                    results[i] = string.Join(",", scratch.Queries);
                }
            }
        });

        Assert.Equal(expected, results);
    }

    [Fact]
    public void Refuses_tokens_of_another_text()
    {
        var matcher = new CompiledMatcher([BooleanQueryParser.Parse("acme")]);
        var tokens = new StreamEngine.Domain.Text.TokenizedText();
        tokens.Tokenize("acme");
        Assert.Throws<ArgumentException>(() => matcher.Match(tokens, "acme corp", Unknown, new CompiledMatchScratch()));
    }

    private static CompiledMatchScratch Match(IReadOnlyList<ParsedQuery> queries, string text, PostFields fields)
    {
        var scratch = new CompiledMatchScratch();
        new CompiledMatcher(queries).Match(text, fields, scratch);
        return scratch;
    }
}
