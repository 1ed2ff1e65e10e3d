using System.Text;
using StreamEngine.Domain.Matching;
using StreamEngine.Domain.Model;
using StreamEngine.Domain.Query;
using static StreamEngine.Domain.Tests.Query.Q;

namespace StreamEngine.Domain.Tests.Query;

/// <summary>
/// Property-style tests over seeded random queries and texts. Each failure names its seed and
/// case, so it can be replayed.
/// </summary>
public sealed class QueryPropertyTests
{
    private const int Cases = 1500;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_printed_tree_parses_back_to_an_equal_tree(int seed)
    {
        var random = new RandomQueries(seed);
        for (var i = 0; i < Cases; i++)
        {
            var tree = random.Required(depth: 4);
            var printed = tree.ToString();

            var parsed = Parse(printed);

            Assert.True(tree.Equals(parsed), $"seed {seed}, case {i}: '{printed}' parsed to '{parsed}'");
            Assert.Equal(printed, parsed.ToString());
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void A_query_matches_exactly_when_it_has_spans_and_the_spans_lie_in_the_text(int seed)
    {
        // A query must require a term, so whatever makes it match shows somewhere in the text.
        var random = new RandomQueries(seed);
        var matched = 0;
        for (var i = 0; i < Cases; i++)
        {
            var query = BooleanQueryParser.Parse(random.Required(depth: 3).ToString());
            var text = random.Text(query.Literals);
            var fields = random.Fields();

            var matches = ReferenceEvaluator.Matches(query, text, fields);
            var spans = ReferenceEvaluator.Spans(query, text, fields);

            Assert.True(matches == (spans.Count > 0), $"seed {seed}, case {i}: '{query}' on '{text}' matches={matches}, spans={spans.Count}");
            for (var s = 0; s < spans.Count; s++)
            {
                Assert.InRange(spans[s].Start, s == 0 ? 0 : spans[s - 1].End + 1, spans[s].End - 1);
                Assert.InRange(spans[s].End, spans[s].Start + 1, text.Length);
            }

            matched += matches ? 1 : 0;
        }

        // The generator must exercise both outcomes for the property to mean anything.
        Assert.InRange(matched, Cases / 5, Cases - Cases / 5);
    }

    [Fact]
    public void The_reference_wildcard_agrees_with_a_regular_expression()
    {
        var random = new Random(8);
        const string letters = "ab";
        for (var i = 0; i < 3000; i++)
        {
            var pattern = new string(Enumerable.Range(0, random.Next(0, 6)).Select(_ => "ab*?"[random.Next(4)]).ToArray());
            var word = new string(Enumerable.Range(0, random.Next(0, 6)).Select(_ => letters[random.Next(2)]).ToArray());
            var regex = "^" + string.Concat(pattern.Select(c => c switch { '*' => ".*", '?' => ".", _ => c.ToString() })) + "$";

            Assert.True(
                System.Text.RegularExpressions.Regex.IsMatch(word, regex) == ReferenceEvaluator.WildcardMatches(pattern, word),
                $"'{pattern}' on '{word}'");
        }
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
