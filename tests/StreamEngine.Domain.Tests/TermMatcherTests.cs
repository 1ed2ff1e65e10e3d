using StreamEngine.Domain.Matching;

namespace StreamEngine.Domain.Tests;

public sealed class TermMatcherTests
{
    private static bool Matches(string query, string text)
    {
        var matcher = new TermMatcher([TermQueryParser.Parse(query)]);
        var scratch = new MatchScratch();
        matcher.Match(text, scratch);
        return scratch.Queries.Count == 1;
    }

    [Theory]
    [InlineData("acme", "I love Acme!", true)]
    [InlineData("acme", "ACME", true)]
    [InlineData("acme", "(acme)", true)]
    [InlineData("acme", "acme's boots", true)]
    [InlineData("acme", "acmeville is a town", false)]
    [InlineData("acme", "superacme", false)]
    [InlineData("acme", "acme_corp", false)]
    [InlineData("acme", "", false)]
    public void Matches_a_word_only_as_a_whole_word(string query, string text, bool expected)
    {
        Assert.Equal(expected, Matches(query, text));
    }

    [Theory]
    [InlineData("ACME  Corp.", true)]
    [InlineData("we buy from acme-corp", true)]
    [InlineData("#acme corp", true)]
    [InlineData("Acme\ncorp", true)]
    [InlineData("acme the corp", false)]
    [InlineData("corp acme", false)]
    [InlineData("we love acme", false)]
    [InlineData("acme corporation", false)]
    public void Matches_a_phrase_only_as_consecutive_words(string text, bool expected)
    {
        Assert.Equal(expected, Matches("\"acme corp\"", text));
    }

    [Theory]
    [InlineData("@acme", "thanks @Acme", true)]
    [InlineData("@acme", "@ACME!", true)]
    [InlineData("@acme", "thanks acme", false)]
    [InlineData("@acme", "#acme", false)]
    [InlineData("@acme", "@acmeshop", false)]
    [InlineData("#acme", "#ACME rocks", true)]
    [InlineData("#acme", "acme rocks", false)]
    [InlineData("#acme", "@acme rocks", false)]
    [InlineData("#acme", "#acmefail", false)]
    public void Matches_a_handle_or_hashtag_only_with_its_prefix(string query, string text, bool expected)
    {
        Assert.Equal(expected, Matches(query, text));
    }

    [Theory]
    [InlineData("#acme")]
    [InlineData("@acme")]
    [InlineData("so #ACME")]
    public void Matches_a_plain_word_whatever_precedes_it(string text)
    {
        Assert.True(Matches("acme", text));
    }

    [Theory]
    [InlineData("Nestlé", "I drink nestle coffee", true)]
    [InlineData("nestle", "I drink Nestlé coffee", true)]
    [InlineData("nestle", "I drink NESTLE\u0301 coffee", true)]
    [InlineData("acme", "ＡＣＭＥ is great", true)]
    [InlineData("ＡＣＭＥ", "acme is great", true)]
    [InlineData("\"café crème\"", "un CAFE CREME svp", true)]
    [InlineData("Nestlé", "nestles", false)]
    public void Matches_regardless_of_case_accents_and_width(string query, string text, bool expected)
    {
        Assert.Equal(expected, Matches(query, text));
    }

    [Fact]
    public void Reports_every_query_matched_in_the_order_first_found()
    {
        var matcher = new TermMatcher(
        [
            TermQueryParser.Parse("acme OR @acme"),
            TermQueryParser.Parse("globex"),
            TermQueryParser.Parse("\"late delivery\" OR shipping"),
            TermQueryParser.Parse("initech"),
        ]);
        var scratch = new MatchScratch();

        matcher.Match("Globex shipping beats @acme, and acme again; globex too", scratch);

        Assert.Equal([1, 2, 0], scratch.Queries);
    }

    [Fact]
    public void Counts_queries_and_terms()
    {
        var matcher = new TermMatcher(
        [
            TermQueryParser.Parse("acme OR \"acme corp\" OR @acme"),
            TermQueryParser.Parse("globex"),
        ]);

        Assert.Equal(2, matcher.QueryCount);
        Assert.Equal(4, matcher.TermCount);
    }

    [Fact]
    public void A_reused_scratch_gives_each_post_its_own_matches()
    {
        var matcher = new TermMatcher(
        [
            TermQueryParser.Parse("acme"),
            TermQueryParser.Parse("globex"),
            TermQueryParser.Parse("\"acme corp\""),
        ]);
        var scratch = new MatchScratch();
        var longText = string.Join(' ', Enumerable.Range(0, 300).Select(i => "word" + i)) + " acme corp";

        matcher.Match("acme and globex", scratch);
        Assert.Equal([0, 1], scratch.Queries);

        matcher.Match("only globex here", scratch);
        Assert.Equal([1], scratch.Queries);

        matcher.Match("nothing to see", scratch);
        Assert.Empty(scratch.Queries);

        matcher.Match(longText, scratch);
        Assert.Equal([0, 2], scratch.Queries);

        // A short post after a long one must not see the long one's words.
        matcher.Match("corp", scratch);
        Assert.Empty(scratch.Queries);

        matcher.Match("acme", scratch);
        Assert.Equal([0], scratch.Queries);

        // The previous post's second word must not complete a phrase in this one.
        matcher.Match("acme corp", scratch);
        Assert.Equal([0, 2], scratch.Queries);
        matcher.Match("acme", scratch);
        Assert.Equal([0], scratch.Queries);
    }

    [Fact]
    public void A_scratch_can_move_to_a_matcher_with_fewer_queries()
    {
        // A per-thread scratch outlives a model reload that removes brands.
        var before = new TermMatcher([TermQueryParser.Parse("acme"), TermQueryParser.Parse("globex"), TermQueryParser.Parse("initech")]);
        var after = new TermMatcher([TermQueryParser.Parse("initech")]);
        var scratch = new MatchScratch();
        before.Match("initech", scratch);
        Assert.Equal([2], scratch.Queries);

        after.Match("initech", scratch);

        Assert.Equal([0], scratch.Queries);
    }

    [Fact]
    public void A_scratch_can_move_to_a_matcher_with_more_queries()
    {
        var before = new TermMatcher([TermQueryParser.Parse("acme")]);
        var after = new TermMatcher([TermQueryParser.Parse("globex"), TermQueryParser.Parse("acme")]);
        var scratch = new MatchScratch();
        before.Match("acme", scratch);

        after.Match("acme", scratch);

        Assert.Equal([1], scratch.Queries);
    }
}
