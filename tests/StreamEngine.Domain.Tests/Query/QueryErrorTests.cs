using StreamEngine.Domain.Matching;
using StreamEngine.Domain.Query;

namespace StreamEngine.Domain.Tests.Query;

/// <summary>Every refusal names the 1-based column, the offending token and what was expected.</summary>
public sealed class QueryErrorTests
{
    private static QuerySyntaxException Refuse(string query) =>
        Assert.Throws<QuerySyntaxException>(() => BooleanQueryParser.Parse(query));

    private static void AssertRefused(string query, int column, string token, string expected)
    {
        var ex = Refuse(query);

        Assert.Equal(column, ex.Column);
        Assert.Equal(token, ex.Token);
        Assert.StartsWith($"'{token}' at column {column}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void Refuses_an_empty_query(string query)
    {
        var ex = Refuse(query);

        Assert.Equal(1, ex.Column);
        Assert.Equal("", ex.Token);
        Assert.Equal("the query is empty: expected at least one term", ex.Message);
    }

    [Theory]
    [InlineData("AND acme", 1, "AND", "expected a term or '(' at the start of the query")]
    [InlineData("OR acme", 1, "OR", "expected a term or '(' at the start of the query")]
    [InlineData("NEAR/3 acme", 1, "NEAR/3", "expected a term or '(' at the start of the query")]
    [InlineData(") acme", 1, ")", "expected a term or '(' at the start of the query")]
    [InlineData("acme AND AND corp", 10, "AND", "expected a term or '(' after AND")]
    [InlineData("acme AND (corp OR AND x)", 19, "AND", "expected a term or '(' after OR")]
    [InlineData("acme OR OR globex", 9, "OR", "expected a term or '(' after OR")]
    [InlineData("acme AND NOT OR x", 14, "OR", "expected a term or '(' after NOT")]
    [InlineData("acme OR )", 9, ")", "expected a term or '(' after OR")]
    [InlineData("()", 2, ")", "expected a term or '(' after '('")]
    [InlineData("acme AND (OR x)", 11, "OR", "expected a term or '(' after '('")]
    public void Refuses_an_operator_where_a_term_belongs(string query, int column, string token, string expected)
    {
        AssertRefused(query, column, token, expected);
    }

    [Theory]
    [InlineData("acme OR", 6, "OR", "expected a term or '(' after OR, but the query ends")]
    [InlineData("acme OR   ", 6, "OR", "expected a term or '(' after OR, but the query ends")]
    [InlineData("acme AND", 6, "AND", "expected a term or '(' after AND, but the query ends")]
    [InlineData("acme NOT", 6, "NOT", "expected a term or '(' after NOT, but the query ends")]
    [InlineData("NOT", 1, "NOT", "expected a term or '(' after NOT, but the query ends")]
    [InlineData("acme AND (", 10, "(", "expected a term or '(' after '(', but the query ends")]
    [InlineData("acme NEAR/3", 6, "NEAR/3", "expected a term, a phrase, a wildcard, a fuzzy term or '(' after NEAR/3, but the query ends")]
    public void Refuses_a_query_that_ends_after_an_operator(string query, int column, string token, string expected)
    {
        AssertRefused(query, column, token, expected);
    }

    [Theory]
    [InlineData("acme corp", 6, "corp", "expected AND, OR or NOT between two terms")]
    [InlineData("\"acme corp\" globex", 13, "globex", "expected AND, OR or NOT between two terms")]
    [InlineData("\"a\"\"b\"", 4, "\"b\"", "expected AND, OR or NOT between two terms")]
    [InlineData("acme network:x", 6, "network:x", "expected AND, OR or NOT between two terms")]
    [InlineData("\u201Cacme corp\u201D", 7, "corp\u201D", "a phrase is written in straight quotes")]
    [InlineData("(acme corp)", 7, "corp", "expected AND, OR or NOT between two terms")]
    [InlineData("acme NEAR/2 corp deal", 18, "deal", "expected AND, OR or NOT between two terms")]
    [InlineData("acme (corp)", 6, "(", "expected AND, OR or NOT before '('")]
    [InlineData("acme and corp", 6, "and", "operators are upper case: a lower-case 'and' is a word")]
    [InlineData("acme or corp", 6, "or", "operators are upper case: a lower-case 'or' is a word")]
    [InlineData("acme Not corp", 6, "Not", "operators are upper case")]
    [InlineData("acme ＡＮＤ corp", 6, "ＡＮＤ", "operators are written in plain upper-case letters: 'ＡＮＤ' is a word")]
    [InlineData("acme near/3 corp", 6, "near/3", "operators are upper case")]
    [InlineData("(a OR b)c d", 11, "d", "('b)c' is read as one term: put white space around a parenthesis inside it)")]
    [InlineData("a AND b(c OR d)", 15, ")", "this ')' closes no '(' ('b(c' is read as one term: put white space around a parenthesis inside it)")]
    public void Refuses_two_operands_side_by_side(string query, int column, string token, string expected)
    {
        AssertRefused(query, column, token, expected);
    }

    [Theory]
    [InlineData("(acme)AND(corp)", 2, "acme)AND(corp", "'AND' beside a parenthesis inside a term is read as a word of that term, not as an operator; put white space around the parenthesis: ') AND ('")]
    [InlineData("a OR (b AND(c))", 9, "AND(c", "'AND' beside a parenthesis")]
    [InlineData("(a OR b)AND c", 7, "b)AND", "'AND' beside a parenthesis")]
    [InlineData("x AND (a)OR(b)", 8, "a)OR(b", "'OR' beside a parenthesis")]
    [InlineData("x AND(NOT y)", 3, "AND(NOT", "'AND' beside a parenthesis inside a term is read as a word of that term, not as an operator; put white space around the parenthesis: 'AND ('")]
    [InlineData("(b)OR c", 2, "b)OR", "put white space around the parenthesis: ') OR'")]
    [InlineData("(a)NEAR/2(b)", 2, "a)NEAR/2(b", "'NEAR/2' beside a parenthesis")]
    [InlineData("(a)ONEAR/1(b)", 2, "a)ONEAR/1(b", "'ONEAR/1' beside a parenthesis")]
    [InlineData("x OR\"acme\"", 3, "OR\"acme\"", "'OR' beside a quote inside a term is read as a word of that term, not as an operator; put white space around the quote: 'OR \"'")]
    [InlineData("x NOT\"acme corp\"", 3, "NOT\"acme", "'NOT' beside a quote")]
    public void Refuses_an_operator_written_against_a_parenthesis_inside_a_term(string query, int column, string token, string expected)
    {
        AssertRefused(query, column, token, expected);
    }

    [Theory]
    [InlineData("#\"acme corp\"", 1, "#\"acme", "a hashtag is a single word, not a phrase: write #word without quotes, or the phrase in quotes without '#'")]
    [InlineData("x OR @\"acme\"", 6, "@\"acme\"", "a handle is a single word, not a phrase: write @word without quotes")]
    public void Refuses_a_sign_before_a_phrase(string query, int column, string token, string expected)
    {
        // '#"acme corp"' read '#"acme' as the hashtag and then stumbled on 'corp"'.
        AssertRefused(query, column, token, expected);
    }

    [Theory]
    [InlineData("𠮷野家", 1, "𠮷野家", "'𠮷' (U+20BB7) is a letter beyond U+FFFF, which posts are read with as a symbol, not as part of a word: a term holding it cannot be matched")]
    [InlineData("x OR \"𝐚𝐜𝐦𝐞 corp\"", 6, "\"𝐚𝐜𝐦𝐞 corp\"", "'𝐚' (U+1D41A) is a letter beyond U+FFFF")]
    public void Refuses_a_term_holding_a_letter_posts_never_read_as_one(string query, int column, string token, string expected)
    {
        // Read as a symbol inside a word and left out, 𠮷野家 matched plain 野家.
        AssertRefused(query, column, token, expected);
    }

    [Theory]
    [InlineData("(acme OR corp", 1, "(", "expected ')' to close this '(', but the query ends")]
    [InlineData("x AND ((acme OR corp)", 7, "(", "expected ')' to close this '(', but the query ends")]
    [InlineData("acme)", 5, ")", "expected AND, OR or NOT; this ')' closes no '('")]
    [InlineData("(acme))", 7, ")", "this ')' closes no '('")]
    [InlineData("acme OR corp) AND x", 13, ")", "this ')' closes no '('")]
    public void Refuses_unbalanced_parentheses(string query, int column, string token, string expected)
    {
        AssertRefused(query, column, token, expected);
    }

    [Theory]
    [InlineData("\"acme corp", 1, "\"acme corp", "expected a closing '\"' to end the phrase")]
    [InlineData("acme OR \"acme corp", 9, "\"acme corp", "expected a closing '\"' to end the phrase")]
    [InlineData("raw:\"Acme", 1, "raw:\"Acme", "expected a closing '\"' to end the raw phrase")]
    [InlineData("\"\"", 1, "\"\"", "expected a phrase with at least one letter or digit")]
    [InlineData("acme OR \"!!\"", 9, "\"!!\"", "expected a phrase with at least one letter or digit")]
    [InlineData("\"🔥\"", 1, "\"🔥\"", "write an emoji without quotes")]
    [InlineData("raw:\"\"", 1, "raw:\"\"", "expected a raw phrase with at least one letter or digit")]
    [InlineData("raw:acme", 1, "raw:acme", "expected a quoted phrase after raw:")]
    public void Refuses_bad_phrases(string query, int column, string token, string expected)
    {
        AssertRefused(query, column, token, expected);
    }

    [Theory]
    [InlineData("!!!", 1, "!!!", "expected a term with at least one letter, digit or emoji")]
    [InlineData("acme OR -", 9, "-", "expected a term with at least one letter, digit or emoji")]
    [InlineData("acme OR 🏽", 9, "🏽", "expected a term with at least one letter, digit or emoji")]
    [InlineData("#", 1, "#", "expected a word after '#'")]
    [InlineData("acme OR @", 9, "@", "expected a word after '@'")]
    [InlineData("$", 1, "$", "expected a word after '$'")]
    [InlineData("#🔥", 1, "#🔥", "expected a word after '#'")]
    [InlineData("#acme-corp", 1, "#acme-corp", "a hashtag is a single word")]
    [InlineData("@acme.corp", 1, "@acme.corp", "a handle is a single word")]
    [InlineData("$ac.me", 1, "$ac.me", "a cashtag is a single word")]
    [InlineData("＃acme-corp", 1, "＃acme-corp", "a hashtag is a single word")]
    [InlineData("#東京-都", 1, "#東京-都", "a hashtag is a single word")]
    public void Refuses_terms_without_a_word(string query, int column, string token, string expected)
    {
        AssertRefused(query, column, token, expected);
    }

    [Theory]
    [InlineData("acme NEAR corp", 6, "NEAR", "expected NEAR/n, n the most words allowed between the two terms, e.g. NEAR/3")]
    [InlineData("acme ONEAR corp", 6, "ONEAR", "expected ONEAR/n")]
    [InlineData("acme NEAR/ corp", 6, "NEAR/", "expected a whole number of words (0 or more) after 'NEAR/'")]
    [InlineData("acme NEAR/x corp", 6, "NEAR/x", "expected a whole number of words")]
    [InlineData("acme NEAR/-1 corp", 6, "NEAR/-1", "expected a whole number of words")]
    [InlineData("acme NEAR/2.5 corp", 6, "NEAR/2.5", "expected a whole number of words")]
    [InlineData("acme ONEAR/+3 corp", 6, "ONEAR/+3", "expected a whole number of words (0 or more) after 'ONEAR/'")]
    [InlineData("acme NEAR/3(corp OR x)", 6, "NEAR/3(corp", "expected a whole number of words (0 or more) after 'NEAR/', e.g. NEAR/3 (put white space before '(')")]
    [InlineData("acme NEAR/3 NOT corp", 13, "NOT", "expected a term, a phrase, a wildcard, a fuzzy term or '(' after NEAR/3")]
    [InlineData("acme NEAR/3 AND corp", 13, "AND", "expected a term, a phrase, a wildcard, a fuzzy term or '(' after NEAR/3")]
    [InlineData("a NEAR/2 b NEAR/3 c", 12, "NEAR/3", "NEAR and ONEAR do not chain")]
    [InlineData("a NEAR/2 b ONEAR/3 c", 12, "ONEAR/3", "NEAR and ONEAR do not chain")]
    public void Refuses_bad_proximity(string query, int column, string token, string expected)
    {
        AssertRefused(query, column, token, expected);
    }

    [Theory]
    [InlineData("network:x NEAR/3 acme", 1, "network:x", "a field filter cannot be an operand of NEAR/3; expected a term, a phrase, a wildcard, a fuzzy term or a parenthesised OR of those on each side of NEAR/3")]
    [InlineData("acme ONEAR/1 lang:en", 14, "lang:en", "a field filter cannot be an operand of ONEAR/1")]
    [InlineData("(acme AND corp) NEAR/3 x", 1, "(acme AND corp)", "AND cannot be used in an operand of NEAR/3")]
    [InlineData("x NEAR/3 (acme AND corp)", 10, "(acme AND corp)", "AND cannot be used in an operand of NEAR/3")]
    [InlineData("(acme OR NOT corp) NEAR/3 x", 10, "NOT corp", "NOT cannot be used in an operand of NEAR/3")]
    [InlineData("(a NEAR/2 b) NEAR/3 c", 1, "(a NEAR/2 b)", "a proximity cannot be an operand of NEAR/3")]
    [InlineData("(x OR a NEAR/2 b) NEAR/3 c", 7, "a NEAR/2 b", "a proximity cannot be an operand of NEAR/3")]
    [InlineData("(x OR verified:true) NEAR/3 c", 7, "verified:true", "a field filter cannot be an operand of NEAR/3")]
    public void Refuses_proximity_operands_that_are_not_terms(string query, int column, string token, string expected)
    {
        AssertRefused(query, column, token, expected);
    }

    [Theory]
    [InlineData("netwrk:x", 1, "netwrk:x", "unknown field 'netwrk'; expected one of network, lang, country, author, followers, verified or raw:\"...\"")]
    [InlineData("acme AND http://acme.com", 10, "http://acme.com", "unknown field 'http'")]
    [InlineData("acme AND network:myspace", 10, "network:myspace",
        "unknown network 'myspace'; expected one of x, facebook, instagram, tiktok, reddit, youtube, news, blog, forum, review, other")]
    [InlineData("acme AND network:", 10, "network:", "expected a network after 'network:'; expected one of x, facebook")]
    [InlineData("acme AND network:unknown", 10, "network:unknown", "unknown network 'unknown'")]
    [InlineData("acme AND lang:english", 10, "lang:english", "expected a primary language subtag of 2 or 3 letters after 'lang:', e.g. lang:en (pt, not pt-BR)")]
    [InlineData("acme AND lang:pt-BR", 10, "lang:pt-BR", "expected a primary language subtag")]
    [InlineData("acme AND lang:", 10, "lang:", "expected a primary language subtag")]
    [InlineData("acme AND lang:und", 10, "lang:und", "'lang:und' names no language (a post tagged so reads as one without lang), so it is never true")]
    [InlineData("acme AND NOT lang:zxx", 14, "lang:zxx", "names no language")]
    [InlineData("acme AND country:USA", 10, "country:USA", "expected a two-letter ISO 3166-1 country code after 'country:', e.g. country:US")]
    [InlineData("acme AND country:1A", 10, "country:1A", "expected a two-letter ISO 3166-1 country code")]
    [InlineData("acme AND author:@acme", 10, "author:@acme", "expected the handle without '@' after 'author:'")]
    [InlineData("acme AND author:", 10, "author:", "expected a handle of letters, digits, '_', '.' or '-' after 'author:'")]
    [InlineData("acme AND author:a/b", 10, "author:a/b", "expected a handle of letters, digits")]
    [InlineData("acme AND followers:1000", 10, "followers:1000", "expected a comparison (>, >=, <, <= or =) and a whole number after 'followers:', e.g. followers:>1000")]
    [InlineData("acme AND followers:>", 10, "followers:>", "expected a comparison")]
    [InlineData("acme AND followers:>1k", 10, "followers:>1k", "expected a comparison")]
    [InlineData("acme AND followers:=>5", 10, "followers:=>5", "expected a comparison")]
    [InlineData("acme AND followers:>-5", 10, "followers:>-5", "expected a comparison")]
    [InlineData("acme AND followers:>99999999999999999999", 10, "followers:>99999999999999999999", "the number after 'followers:' is too large; at most 9223372036854775807")]
    [InlineData("acme AND verified:yes", 10, "verified:yes", "expected true or false after 'verified:'")]
    public void Refuses_bad_field_filters_listing_what_is_allowed(string query, int column, string token, string expected)
    {
        AssertRefused(query, column, token, expected);
    }

    [Theory]
    [InlineData("acme~3", 1, "acme~3", "~3 allows too many edits: expected ~1 or ~2")]
    [InlineData("acme~10", 1, "acme~10", "~10 allows too many edits")]
    [InlineData("acme~0", 1, "acme~0", "expected ~1 or ~2 after the word")]
    [InlineData("acme~01", 1, "acme~01", "expected ~1 or ~2 after the word")]
    [InlineData("acme~x", 1, "acme~x", "expected ~1 or ~2 after the word")]
    [InlineData("acme~1~", 1, "acme~1~", "expected ~1 or ~2 after the word")]
    [InlineData("~1", 1, "~1", "expected a word before '~'")]
    [InlineData("#~", 1, "#~", "expected a word before '~'")]
    [InlineData("a~1", 1, "a~1", "expected a word of more than 1 letter before '~1'")]
    [InlineData("ab~2", 1, "ab~2", "expected a word of more than 2 letters before '~2'")]
    [InlineData("acme-co~1", 1, "acme-co~1", "a fuzzy term is one word")]
    [InlineData("*", 1, "*", "expected at least one letter or digit in a wildcard besides '*' and '?'")]
    [InlineData("acme OR _*", 9, "_*", "expected at least one letter or digit in a wildcard besides '*' and '?'")]
    [InlineData("acme OR _?", 9, "_?", "expected at least one letter or digit")]
    [InlineData("acme OR **", 9, "**", "expected at least one letter or digit in a wildcard")]
    [InlineData("?", 1, "?", "expected at least one letter or digit in a wildcard")]
    [InlineData("#*", 1, "#*", "expected at least one letter or digit in a wildcard")]
    [InlineData("acme-co*", 1, "acme-co*", "a wildcard is one word: letters, digits, '_', '*' and '?' only")]
    [InlineData("what?!", 1, "what?!", "a wildcard is one word")]
    [InlineData("🔥*", 1, "🔥*", "a wildcard is one word")]
    [InlineData("ac*me~1", 1, "ac*me~1", "expected a wildcard or a fuzzy term, not both")]
    [InlineData("acme OR *東京", 9, "*東京", "a wildcard cannot hold a Chinese, Japanese or Korean character")]
    [InlineData("ソニ?", 1, "ソニ?", "a wildcard cannot hold a Chinese, Japanese or Korean character")]
    [InlineData("東京~1", 1, "東京~1", "a fuzzy term cannot hold a Chinese, Japanese or Korean character")]
    public void Refuses_bad_fuzzy_terms_and_wildcards(string query, int column, string token, string expected)
    {
        AssertRefused(query, column, token, expected);
    }

    [Fact]
    public void Refuses_nesting_deeper_than_200()
    {
        var deepest = new string('(', 200) + "acme" + new string(')', 200);
        Assert.Equal(Q.W("acme"), Q.Parse(deepest));
        Assert.Equal(
            Enumerable.Range(0, 200).Aggregate((QueryNode)Q.W("acme"), (node, _) => Q.Not(node)),
            Q.Parse(string.Concat(Enumerable.Repeat("NOT ", 200)) + "acme"));

        AssertRefused("x AND " + new string('(', 201) + "acme" + new string(')', 201), 207, "(", "expected at most 200 nested parentheses and NOTs");
        AssertRefused(string.Concat(Enumerable.Repeat("NOT ", 201)) + "acme", 801, "NOT", "expected at most 200 nested parentheses and NOTs");
        AssertRefused(new string('(', 100) + string.Concat(Enumerable.Repeat("NOT ", 101)) + "acme", 501, "NOT", "expected at most 200");
    }

    [Theory]
    [InlineData("NOT acme", 1, "NOT acme")]
    [InlineData("network:x", 1, "network:x")]
    [InlineData("lang:en AND country:US", 1, "lang:en AND country:US")]
    [InlineData("acme OR NOT corp", 9, "NOT corp")]
    [InlineData("acme OR NOT acme", 9, "NOT acme")]
    [InlineData("acme OR verified:true", 9, "verified:true")]
    [InlineData("acme OR (lang:en AND NOT corp)", 9, "(lang:en AND NOT corp)")]
    [InlineData("NOT (acme AND corp)", 1, "NOT (acme AND corp)")]
    [InlineData("NOT acme NEAR/2 corp", 1, "NOT acme NEAR/2 corp")]
    [InlineData("(acme OR NOT corp) AND NOT globex", 1, "(acme OR NOT corp) AND NOT globex")]
    public void Refuses_a_query_that_can_match_without_any_term(string query, int column, string token)
    {
        AssertRefused(query, column, token, "a query must require at least one term");
    }

    [Theory]
    [InlineData("1\uFE0F\u20E3", 1, "1\uFE0F\u20E3")]
    [InlineData("acme OR #\uFE0F\u20E3", 9, "#\uFE0F\u20E3")]
    [InlineData("acme AND *\uFE0F\u20E3", 10, "*\uFE0F\u20E3")]
    [InlineData("\"day 1\u20E3\"", 1, "\"day 1\u20E3\"")]
    public void Refuses_a_keycap_emoji_which_posts_are_read_with_as_its_digit(string query, int column, string token)
    {
        // Read on, 1️⃣ was the word 1 and matched every 1 of the firehose.
        AssertRefused(query, column, token, "a keycap emoji (1️⃣, #️⃣, *️⃣: a digit, '#' or '*' and U+20E3) cannot be matched");
    }
}
