using System.Text;
using StreamEngine.Domain.Matching.Compiled;
using StreamEngine.Domain.Query;
using StreamEngine.Domain.Tests.Query;
using Xunit.Abstractions;

namespace StreamEngine.Domain.Tests.Matching.Compiled;

/// <summary>
/// The compiled matcher against the reference evaluator, over seeded random models (1–30 queries
/// of every construct, from a small vocabulary so that matches are frequent) and random texts of
/// the same vocabulary with punctuation, accents, full-width letters, emoji and signs.
/// </summary>
public sealed class CompiledMatcherPropertyTests(ITestOutputHelper output)
{
    private const int Models = 500;
    private const int TextsPerModel = 10;

    // Pieces the shared generator does not write: more widths, signs, joined and toned emoji, flags reversed.
    private static readonly string[] Extra =
    [
        "Ｃｏｒｐ", "＃acme", "＠corp", "＄deal", "👨‍👩‍👧", "🇸🇺", "👍🏻", "🔥🔥", "❤︎", "ＤＥＡＬ", "STRASSE", "Øre", "e\u0301", "東京に", "ж\u0301",
        "acme_corp", "acme's", "jo@acme.com", "x1x1", "CAFÉ", "caf\u00e9", "ca\u0301fe", "2026!", "™️", "nea", "globe", "cor", "iphone",
    ];

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    public void Matches_and_spans_equal_the_reference_evaluator(int seed)
    {
        var random = new RandomQueries(seed);
        var extra = new Random(seed * 7919);
        var scratch = new CompiledMatchScratch();
        var tokens = new TokenizedTextHolder();
        var cases = 0;
        var matchedPairs = 0;
        var unmatchedPairs = 0;
        for (var m = 0; m < Models; m++)
        {
            var queries = Enumerable.Range(0, extra.Next(1, 31))
                .Select(_ => BooleanQueryParser.Parse(random.Required(depth: extra.Next(1, 4)).ToString()))
                .ToList();
            var literals = queries.SelectMany(q => q.Literals).Distinct().ToList();
            var matcher = new CompiledMatcher(queries);
            for (var t = 0; t < TextsPerModel; t++)
            {
                var text = Text(random, extra, literals);
                var fields = random.Fields();
                tokens.Value.Tokenize(text);
                matcher.Match(tokens.Value, text, fields, scratch);
                cases++;

                var expected = Enumerable.Range(0, queries.Count).Where(q => ReferenceEvaluator.Matches(queries[q], text, fields)).ToList();
                if (!expected.SequenceEqual(scratch.Queries))
                {
                    Fail(seed, m, t, queries, text, fields, expected, scratch);
                }

                foreach (var q in expected)
                {
                    var want = ReferenceEvaluator.Spans(queries[q], text, fields);
                    var got = scratch.Spans(q).ToArray();
                    Assert.True(
                        want.SequenceEqual(got),
                        $"seed {seed}, model {m}, text {t}: spans of '{queries[q]}' on {Quote(text)} with {fields}\n"
                        + $"  reference: {string.Join(" ", want)}\n  compiled:  {string.Join(" ", got)}");
                    AssertFirstWord(scratch, q);
                }

                matchedPairs += expected.Count;
                unmatchedPairs += queries.Count - expected.Count;
            }
        }

        output.WriteLine($"seed {seed}: {cases} posts, {matchedPairs} (query, post) matches, {unmatchedPairs} non-matches");
        Assert.True(matchedPairs > cases, $"too few matches ({matchedPairs} over {cases} posts) for the property to mean much");
        Assert.True(unmatchedPairs > cases, $"too few non-matches ({unmatchedPairs} over {cases} posts)");
    }

    private static void AssertFirstWord(CompiledMatchScratch scratch, int query)
    {
        var words = scratch.HitsOf(query).ToArray().Where(h => h.WordCount > 0).Select(h => h.FirstWord).ToList();
        Assert.Equal(words.Count == 0 ? -1 : words.Min(), scratch.FirstWord(query));
    }

    private static string Text(RandomQueries random, Random extra, IReadOnlyList<LiteralNode> literals)
    {
        var text = new StringBuilder(random.Text(literals));
        var more = extra.Next(0, 4);
        for (var i = 0; i < more; i++)
        {
            var at = extra.Next(0, text.Length + 1);
            // Insert only between UTF-16 units that are not a surrogate pair's halves.
            while (at > 0 && at < text.Length && char.IsLowSurrogate(text[at]))
            {
                at--;
            }

            text.Insert(at, " " + Extra[extra.Next(Extra.Length)] + (extra.Next(2) == 0 ? " " : ""));
        }

        return text.ToString();
    }

    private void Fail(int seed, int model, int text, List<ParsedQuery> queries, string post, PostFields fields, List<int> expected, CompiledMatchScratch scratch)
    {
        var message = new StringBuilder($"seed {seed}, model {model}, text {text}: on {Quote(post)} with {fields}\n");
        for (var q = 0; q < queries.Count; q++)
        {
            var want = expected.Contains(q);
            var got = scratch.IsMatch(q);
            if (want != got)
            {
                message.Append($"  query {q} '{queries[q]}': reference {want}, compiled {got}\n");
            }
        }

        output.WriteLine(message.ToString());
        Assert.Fail(message.ToString());
    }

    private static string Quote(string text) =>
        "\"" + string.Concat(text.Select(c => c is < ' ' or (>= '\u0300' and <= '\u036f') or '\u200d' or '\ufe0e' or '\ufe0f' ? $"\\u{(int)c:x4}" : c.ToString())) + "\"";

    /// <summary>One tokenizer per test, reused from post to post as a worker thread reuses it.</summary>
    private sealed class TokenizedTextHolder
    {
        public StreamEngine.Domain.Text.TokenizedText Value { get; } = new();
    }
}
