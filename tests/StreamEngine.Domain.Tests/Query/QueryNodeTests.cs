using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Query;
using static StreamEngine.Domain.Tests.Query.Q;

namespace StreamEngine.Domain.Tests.Query;

public sealed class QueryNodeTests
{
    [Fact]
    public void Compares_trees_by_value()
    {
        var parsed = Parse("a OR \"b c\" OR NOT d AND e");
        var built = Or(W("a"), Phrase("b", "c"), And(Not(W("d")), W("e")));

        Assert.Equal(built, parsed);
        Assert.Equal(built.GetHashCode(), parsed.GetHashCode());
        Assert.NotEqual(Or(W("b"), W("a")), Parse("a OR b"));
        Assert.NotEqual<QueryNode>(Tag("a"), W("a"));
        Assert.NotEqual<QueryNode>(Near(W("a"), W("b"), 1), ONear(W("a"), W("b"), 1));
    }

    [Fact]
    public void Lists_children_left_to_right()
    {
        var near = Near(Or(W("a"), W("b")), W("c"), 2);

        Assert.Equal([Or(W("a"), W("b")), W("c")], near.Children);
        Assert.Equal([W("a"), W("b")], near.Left.Children);
        Assert.Empty(W("a").Children);
        Assert.Equal([W("a"), W("b"), W("c")], NearNode.LiteralsOf(near.Left).Concat(NearNode.LiteralsOf(near.Right)));
        Assert.Equal(11, QueryLiterals.DescendantsAndSelf(Parse("x AND NOT (a OR b) AND c NEAR/1 (d OR e)")).Count());
    }

    [Fact]
    public void Refuses_literals_that_would_not_print_back()
    {
        Assert.Throws<ArgumentException>(() => W("Acme"));
        Assert.Throws<ArgumentException>(() => W("acme corp"));
        Assert.Throws<ArgumentException>(() => W(""));
        Assert.Throws<ArgumentException>(() => W("café"));
        Assert.Throws<ArgumentException>(() => Phrase("acme"));
        Assert.Throws<ArgumentException>(() => Phrase("acme", "Corp"));
        Assert.Throws<ArgumentException>(() => W("東京"));
        Assert.Throws<ArgumentException>(() => W("sony東"));
        Assert.Throws<ArgumentException>(() => new PhraseNode(["acme", "corp"], WordPrefix.Hashtag));
        Assert.Throws<ArgumentException>(() => Wild("東*"));
        Assert.Throws<ArgumentException>(() => Raw("東京"));
        Assert.Throws<ArgumentException>(() => Wild("acme"));
        Assert.Throws<ArgumentException>(() => Wild("*"));
        Assert.Throws<ArgumentException>(() => Wild("a**"));
        Assert.Throws<ArgumentException>(() => Wild("a-*"));
        Assert.Throws<ArgumentException>(() => Fuzzy("ab", 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Fuzzy("acme", 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Fuzzy("acme", 0));
        Assert.Throws<ArgumentException>(() => Raw("Apple Inc"));
        Assert.Throws<ArgumentException>(() => Raw("Cafe\u0301"));
        Assert.Throws<ArgumentException>(() => Raw());
        Assert.Throws<ArgumentException>(() => Emoji("🔥🔥"));
        Assert.Throws<ArgumentException>(() => Emoji("a"));
        Assert.Throws<ArgumentException>(() => Emoji("🏽"));
        Assert.Throws<ArgumentException>(() => Emoji("￭"));
    }

    [Fact]
    public void Refuses_operators_that_would_not_print_back()
    {
        Assert.Throws<ArgumentException>(() => And(W("a")));
        Assert.Throws<ArgumentException>(() => Or(W("a"), Or(W("b"), W("c"))));
        Assert.Throws<ArgumentException>(() => And(W("a"), And(W("b"), W("c"))));
        Assert.Throws<ArgumentException>(() => Near(new VerifiedField(true), W("a"), 1));
        Assert.Throws<ArgumentException>(() => Near(W("a"), Or(W("b"), Not(W("c"))), 1));
        Assert.Throws<ArgumentException>(() => Near(W("a"), Near(W("b"), W("c"), 1), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Near(W("a"), W("b"), -1));
    }

    [Fact]
    public void Refuses_field_values_outside_their_canonical_form()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NetworkField(Network.Unknown));
        Assert.Throws<ArgumentException>(() => new LangField("EN"));
        Assert.Throws<ArgumentException>(() => new LangField("e"));
        Assert.Throws<ArgumentException>(() => new CountryField("us"));
        Assert.Throws<ArgumentException>(() => new AuthorField("Jo"));
        Assert.Throws<ArgumentException>(() => new AuthorField("@jo"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FollowersField(FollowersComparison.Equal, -1));
    }

    [Fact]
    public void Prints_with_the_fewest_parentheses_that_keep_the_shape()
    {
        Assert.Equal("a AND (b OR c) AND NOT (d AND e)", And(W("a"), Or(W("b"), W("c")), Not(And(W("d"), W("e")))).ToString());
        Assert.Equal("(a OR \"b c\") ONEAR/2 #dd~1", ONear(Or(W("a"), Phrase("b", "c")), Fuzzy("dd", 1, WordPrefix.Hashtag), 2).ToString());
        Assert.Equal("NOT NOT a NEAR/0 b", Not(Not(Near(W("a"), W("b"), 0))).ToString());
        Assert.Equal("raw:\"Apple Inc\" OR 🇺🇸 OR $acme OR *cme?", Or(Raw("Apple", "Inc"), Emoji("🇺", "🇸"), Cash("acme"), Wild("*cme?")).ToString());
        Assert.Equal(
            "a AND network:tiktok AND lang:pt AND country:BR AND author:jo.s AND followers:<=10 AND verified:false",
            And(W("a"), new NetworkField(Network.TikTok), new LangField("pt"), new CountryField("BR"), new AuthorField("jo.s"),
                new FollowersField(FollowersComparison.LessOrEqual, 10), new VerifiedField(false)).ToString());
    }

    [Fact]
    public void Value_arrays_compare_by_items()
    {
        ValueArray<string> a = ["x", "y"];
        var b = new ValueArray<string>(new List<string> { "x", "y" });

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, ValueArray.Create<string>(["y", "x"]));
        Assert.Equal("[x, y]", a.ToString());
    }
}
