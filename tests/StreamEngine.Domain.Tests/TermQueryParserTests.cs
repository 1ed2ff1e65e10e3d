using StreamEngine.Domain.Matching;

namespace StreamEngine.Domain.Tests;

public sealed class TermQueryParserTests
{
    [Fact]
    public void Parses_words_phrases_handles_and_hashtags()
    {
        const string source = "acme OR \"acme corp\" OR @acme OR #acme";

        var query = TermQueryParser.Parse(source);

        Assert.Equal(source, query.Source);
        Assert.Collection(
            query.Terms,
            t => { Assert.Equal(TermPrefix.None, t.Prefix); Assert.Equal(["acme"], t.Words); },
            t => { Assert.Equal(TermPrefix.None, t.Prefix); Assert.Equal(["acme", "corp"], t.Words); },
            t => { Assert.Equal(TermPrefix.Handle, t.Prefix); Assert.Equal(["acme"], t.Words); },
            t => { Assert.Equal(TermPrefix.Hashtag, t.Prefix); Assert.Equal(["acme"], t.Words); });
        Assert.Equal(["acme", "\"acme corp\"", "@acme", "#acme"], query.Terms.Select(t => t.ToString()));
    }

    [Fact]
    public void Folds_the_words_of_every_term()
    {
        var query = TermQueryParser.Parse("Nestlé OR \"ＡＣＭＥ  Corp.\" OR @Café");

        Assert.Equal(["nestle"], query.Terms[0].Words);
        Assert.Equal(["acme", "corp"], query.Terms[1].Words);
        Assert.Equal(["cafe"], query.Terms[2].Words);
    }

    [Fact]
    public void Reads_a_lower_case_or_inside_a_phrase_and_OR_inside_quotes_as_words()
    {
        var query = TermQueryParser.Parse("\"this or that\" OR \"OR\"");

        Assert.Equal(2, query.Terms.Count);
        Assert.Equal(["this", "or", "that"], query.Terms[0].Words);
        Assert.Equal(["or"], query.Terms[1].Words);
    }

    [Fact]
    public void Tolerates_extra_whitespace_between_terms()
    {
        var query = TermQueryParser.Parse("  acme\tOR\n  globex  ");

        Assert.Equal(["acme", "globex"], query.Terms.Select(t => t.Words[0]));
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData("   ", 1)]
    [InlineData("OR acme", 1)]
    [InlineData("acme OR OR globex", 9)]
    [InlineData("acme OR", 6)]
    [InlineData("acme OR   ", 6)]
    [InlineData("acme corp", 6)]
    [InlineData("acme OR \"acme corp", 9)]
    [InlineData("\"acme", 1)]
    [InlineData("AND acme", 1)]
    [InlineData("acme OR AND", 9)]
    [InlineData("NOT acme", 1)]
    [InlineData("acme OR NOT", 9)]
    [InlineData("NEAR/5 acme", 1)]
    [InlineData("acme OR NEAR/5", 9)]
    [InlineData("acme OR ONEAR/3", 9)]
    [InlineData("(acme OR globex)", 1)]
    [InlineData("acme OR (globex)", 9)]
    [InlineData("acme OR globex)", 9)]
    [InlineData("acme OR !!!", 9)]
    [InlineData("acme OR \"\"", 9)]
    [InlineData("acme OR @", 9)]
    [InlineData("#acme-corp", 1)]
    public void Rejects_a_malformed_query_with_the_column_of_the_problem(string query, int column)
    {
        var ex = Assert.Throws<QuerySyntaxException>(() => TermQueryParser.Parse(query));

        Assert.Equal(column, ex.Column);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [Theory]
    [InlineData("AND acme", "AND is not supported")]
    [InlineData("NOT acme", "NOT is not supported")]
    [InlineData("acme OR NEAR/5", "NEAR is not supported")]
    [InlineData("(acme OR globex)", "parentheses are not supported")]
    public void Says_an_unsupported_operator_is_not_supported_yet(string query, string reason)
    {
        var ex = Assert.Throws<QuerySyntaxException>(() => TermQueryParser.Parse(query));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    // The operators are most often written between two terms; the reason should then say the
    // operator is unsupported, not merely that an OR is missing.
    [Theory]
    [InlineData("acme AND corp", 6, "AND")]
    [InlineData("acme NOT corp", 6, "NOT")]
    [InlineData("acme NEAR/5 corp", 6, "NEAR")]
    public void Says_an_operator_between_two_terms_is_not_supported_yet(string query, int column, string op)
    {
        var ex = Assert.Throws<QuerySyntaxException>(() => TermQueryParser.Parse(query));

        Assert.Equal(column, ex.Column);
        Assert.Contains($"{op} is not supported", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_the_offending_token()
    {
        var ex = Assert.Throws<QuerySyntaxException>(() => TermQueryParser.Parse("acme globex"));

        Assert.Equal("globex", ex.Token);
    }
}
