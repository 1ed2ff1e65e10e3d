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

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    public void Every_query_TermQueryParser_accepts_means_the_same_here(int seed)
    {
        var random = new Random(seed);
        var texts = new RandomQueries(seed);
        var accepted = 0;
        for (var i = 0; i < Cases * 2; i++)
        {
            var source = OldStyleQuery(random);
            TermQuery old;
            try
            {
                old = TermQueryParser.Parse(source);
            }
            catch (QuerySyntaxException)
            {
                continue;
            }

            accepted++;
            var parsed = BooleanQueryParser.Parse(source);
            Assert.True(FromOld(old).Equals(parsed.Root), $"seed {seed}, case {i}: '{source}' parsed to '{parsed}'");

            var matcher = new TermMatcher([old]);
            var scratch = new MatchScratch();
            for (var t = 0; t < 5; t++)
            {
                var text = texts.Text();
                matcher.Match(text, scratch);
                Assert.True(
                    scratch.Queries.Count == 1 == ReferenceEvaluator.Matches(parsed, text, PostFields.Unknown),
                    $"seed {seed}, case {i}: '{source}' on '{text}': TermMatcher says {scratch.Queries.Count == 1}");
            }
        }

        Assert.True(accepted > Cases / 2, $"only {accepted} generated queries were accepted by TermQueryParser");
    }

    [Fact]
    public void Every_query_of_the_shipped_model_means_the_same_here()
    {
        var path = Path.Combine(SolutionDirectory(), "config", "model.yaml");
        var model = ModelLoader.LoadFile(path);
        var queries = model.Brands.Select(b => b.Query).Concat(model.Concepts.Select(c => c.Query)).ToList();

        Assert.NotEmpty(queries);
        foreach (var query in queries)
        {
            // Wildcards, fuzzy terms, cashtags and fields are new meanings for characters the OR-only form ignored.
            if (query.Source.AsSpan().ContainsAny("*?~$:"))
            {
                continue;
            }

            TermQuery old;
            try
            {
                old = TermQueryParser.Parse(query.Source);
            }
            catch (QuerySyntaxException)
            {
                // Written in the full language, which the OR-only form never accepted: nothing to compare.
                continue;
            }

            Assert.Equal(FromOld(old), query.Root);
        }
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

    /// <summary>The tree an old OR-of-terms query stands for.</summary>
    private static QueryNode FromOld(TermQuery query)
    {
        var terms = query.Terms.Select(t => (QueryNode)(t.Prefix switch
        {
            TermPrefix.Handle => At(t.Words[0]),
            TermPrefix.Hashtag => Tag(t.Words[0]),
            _ => t.Words.Count == 1 ? W(t.Words[0]) : Phrase([.. t.Words]),
        })).ToArray();
        return terms.Length == 1 ? terms[0] : Or(terms);
    }

    /// <summary>
    /// Queries in the old language, with the odd corners TermQueryParser accepts: parentheses and
    /// quotes inside a word, operators glued to punctuation, prefixes repeated. The characters that
    /// now mean something new ('*', '?', '~', ':', a leading '$', an emoji alone) are left out.
    /// </summary>
    private static string OldStyleQuery(Random random)
    {
        string[] terms =
        [
            "acme", "Acme", "ＡＣＭＥ", "corp", "Café", "東京", "@acme", "#acme", "@@acme", "#acme!", "@Café.", "acme-corp", "acme.com",
            "a(b", "x)y", "a()b", "acme\"s", "27\"", "acme🔥", "OR/x", "AND/x", "NOTE", "ANDROID", "ORACLE", "NEARBY", "near",
            "and", "or", "not", "\"acme corp\"", "\"acme  (corp)\"", "\"OR\"", "\"this or that\"", "\"Café crème\"", "\"🔥 acme\"",
            "#acme-corp", "!!!", "\"\"", "(acme", "acme)", "NOT", "AND", "NEAR/3",
        ];
        var count = random.Next(1, 5);
        var query = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                query.Append(random.Next(12) switch { 0 => " ", 1 => " OR OR ", 2 => "\tOR\n", _ => " OR " });
            }

            query.Append(terms[random.Next(terms.Length)]);
        }

        return random.Next(6) == 0 ? "  " + query + " " : query.ToString();
    }

    private static string SolutionDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StreamEngine.sln")))
            {
                return dir.FullName;
            }
        }

        Assert.Fail($"no StreamEngine.sln above {AppContext.BaseDirectory}");
        return "";
    }
}
