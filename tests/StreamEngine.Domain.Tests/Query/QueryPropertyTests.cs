using CsCheck;
using StreamEngine.Domain.Query;
using StreamEngine.Domain.Tests.Generators;
using StreamEngine.Domain.Tests.Properties;
using static StreamEngine.Domain.Tests.Query.Q;

namespace StreamEngine.Domain.Tests.Query;

/// <summary>
/// Properties of the parser and the reference evaluator over generated queries and texts. Each seed
/// samples the same cases on every run; a failure names the case's own seed and shows it shrunk.
/// </summary>
public sealed class QueryPropertyTests
{
    private const int Cases = 1500;

    /// <summary>A query 1–3 operators deep, and a post whose text writes out its literals now and then.</summary>
    private static readonly Gen<(ParsedQuery Query, string Text, PostFields Fields)> QueryAndPost = Gen.Select(
        QueryGen.Required(3).Select(tree => BooleanQueryParser.Parse(tree.ToString())),
        TextGen.Template,
        FieldGen.Post,
        (query, text, fields) => (query, text.Write(query.Literals), fields));

    [Theory]
    [InlineData("5rygL3WrrYV1")]
    [InlineData("1HrPzs7J0RH1")]
    [InlineData("av1N2B-tMbJ1")]
    public void A_printed_tree_parses_back_to_an_equal_tree(string seed) =>
        QueryGen.Required(QueryGen.MaxDepth).SampleSeeded(
            tree =>
            {
                var printed = tree.ToString();

                var parsed = Parse(printed);

                Assert.True(tree.Equals(parsed), $"'{printed}' parsed to '{parsed}'");
                Assert.Equal(printed, parsed.ToString());
            },
            seed,
            Cases,
            tree => tree.ToString());

    [Theory]
    [InlineData("1ueHuvBrR0-1")]
    [InlineData("9AZEM03v1Dx1")]
    public void A_query_matches_exactly_when_it_has_spans_and_the_spans_lie_in_the_text(string seed)
    {
        // A query must require a term, so whatever makes it match shows somewhere in the text.
        var matched = 0;
        QueryAndPost.SampleSeeded(
            post =>
            {
                var (query, text, fields) = post;
                var matches = ReferenceEvaluator.Matches(query, text, fields);
                var spans = ReferenceEvaluator.Spans(query, text, fields);

                Assert.True(matches == (spans.Count > 0), $"matches={matches}, spans={spans.Count}");
                for (var s = 0; s < spans.Count; s++)
                {
                    Assert.InRange(spans[s].Start, s == 0 ? 0 : spans[s - 1].End + 1, spans[s].End - 1);
                    Assert.InRange(spans[s].End, spans[s].Start + 1, text.Length);
                }

                Interlocked.Add(ref matched, matches ? 1 : 0);
            },
            seed,
            Cases,
            post => $"'{post.Query}' on {Show.Text(post.Text)} with {post.Fields}");

        // The generator must exercise both outcomes for the property to mean anything.
        Assert.InRange(matched, Cases / 5, Cases - Cases / 5);
    }

    [Fact]
    public void The_reference_wildcard_agrees_with_a_regular_expression()
    {
        var patternAndWord = Gen.Select(
            Gen.OneOf('a', 'b', '*', '?').Array[0, 5].Select(chars => new string(chars)),
            Gen.OneOf('a', 'b').Array[0, 5].Select(chars => new string(chars)));
        patternAndWord.SampleSeeded(
            pair =>
            {
                var (pattern, word) = pair;
                var regex = "^" + string.Concat(pattern.Select(c => c switch { '*' => ".*", '?' => ".", _ => c.ToString() })) + "$";

                Assert.Equal(System.Text.RegularExpressions.Regex.IsMatch(word, regex), ReferenceEvaluator.WildcardMatches(pattern, word));
            },
            "7-6_f7LwXwl1",
            3000,
            pair => $"'{pair.Item1}' on '{pair.Item2}'");
    }

    [Theory]
    [InlineData("acme", "acme", 0)]
    [InlineData("acme", "acne", 1)]
    [InlineData("acme", "amce", 2)]
    [InlineData("", "abc", 3)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("flaw", "lawn", 2)]
    public void The_reference_Levenshtein_distance_is_the_textbook_one(string a, string b, int distance)
    {
        Assert.Equal(distance, ReferenceEvaluator.Levenshtein(a, b));
        Assert.Equal(distance, ReferenceEvaluator.Levenshtein(b, a));
    }
}
