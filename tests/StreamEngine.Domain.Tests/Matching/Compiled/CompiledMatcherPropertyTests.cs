using CsCheck;
using StreamEngine.Domain.Matching.Compiled;
using StreamEngine.Domain.Query;
using StreamEngine.Domain.Tests.Generators;
using StreamEngine.Domain.Tests.Properties;
using StreamEngine.Domain.Tests.Query;
using StreamEngine.Domain.Text;
using Xunit.Abstractions;

namespace StreamEngine.Domain.Tests.Matching.Compiled;

/// <summary>
/// The compiled matcher against the reference evaluator, over generated models (1–30 queries of
/// every construct, from a small vocabulary so that matches are frequent) and posts whose texts mix
/// the models' literals with punctuation, accents, full-width forms, emoji sequences and word-boundary
/// traps. Each seed samples the same cases on every run.
/// </summary>
public sealed class CompiledMatcherPropertyTests(ITestOutputHelper output)
{
    private const int Models = 900;

    [Theory]
    [InlineData("6rnkdzz4ZNL1")]
    [InlineData("8A-lpmfP26h1")]
    [InlineData("bhSibYaegu31")]
    [InlineData("e_NF1BOWdH51")]
    public void Matches_spans_and_first_words_equal_the_reference_evaluator(string seed)
    {
        var (posts, matched, unmatched, _) = AgreeOver(ModelCase.Generator, seed);
        output.WriteLine($"seed {seed}: {posts} posts, {matched} (query, post) matches, {unmatched} non-matches");
        Assert.True(matched > posts, $"too few matches ({matched} over {posts} posts) for the property to mean much");
        Assert.True(unmatched > posts, $"too few non-matches ({unmatched} over {posts} posts)");
    }

    /// <summary>
    /// The same over models whose words the matcher screens in one pass before any look-up (no
    /// fuzzy or raw term, wildcards with a literal prefix), which few of the models above are.
    /// </summary>
    [Theory]
    [InlineData("4dpOi0ZVx7C1")]
    [InlineData("uA0_O5ZVJ1a2")]
    public void Screened_models_match_as_the_reference_evaluator(string seed)
    {
        var (posts, matched, unmatched, withWildcards) = AgreeOver(ModelCase.ScreenedGenerator, seed);
        output.WriteLine($"seed {seed}: {posts} posts, {matched} (query, post) matches, {unmatched} non-matches, {withWildcards} models with wildcards");
        Assert.True(matched > posts / 2 && unmatched > posts, $"{matched} matches and {unmatched} non-matches over {posts} posts: too few for the property to mean much");
        Assert.True(withWildcards > Models / 2 && withWildcards < Models, $"{withWildcards} of {Models} models with wildcards: both kinds of screen must be sampled");
    }

    /// <summary>Runs <see cref="Agree"/> over the seed's models; answers the posts, (query, post) matches and non-matches, and the models with a wildcard.</summary>
    private static (long Posts, long Matched, long Unmatched, long WithWildcards) AgreeOver(Gen<ModelCase> models, string seed)
    {
        long posts = 0, matched = 0, unmatched = 0, withWildcards = 0;
        models.SampleSeeded(
            model =>
            {
                var (m, u) = Agree(model);
                Interlocked.Add(ref posts, model.Posts.Length);
                Interlocked.Add(ref matched, m);
                Interlocked.Add(ref unmatched, u);
                Interlocked.Add(ref withWildcards, model.Queries.Any(q => q.Literals.Any(l => l is WildcardNode)) ? 1 : 0);
            },
            seed,
            Models,
            model => model.ToString());
        return (posts, matched, unmatched, withWildcards);
    }

    /// <summary>
    /// Matches every post of the model with one tokenizer and one scratch, reused from post to post
    /// as a worker thread reuses them, and asserts that the matched queries, each query's spans and
    /// its first word are the reference evaluator's. Returns the (query, post) matches and non-matches.
    /// </summary>
    private static (int Matched, int Unmatched) Agree(ModelCase model)
    {
        var queries = model.Queries;
        var matcher = new CompiledMatcher(queries);
        var scratch = new CompiledMatchScratch();
        var tokens = new TokenizedText();
        var (matched, unmatched) = (0, 0);
        for (var p = 0; p < model.Posts.Length; p++)
        {
            var (text, fields) = model.Posts[p];

            // Matching reads words alone, so a walk that cuts nothing else must match the same.
            if (p % 2 == 0)
            {
                tokens.Tokenize(text);
            }
            else
            {
                tokens.TokenizeWords(text);
            }

            matcher.Match(tokens, text, fields, scratch);

            var expected = Enumerable.Range(0, queries.Length).Where(q => ReferenceEvaluator.Matches(queries[q], text, fields)).ToList();
            foreach (var q in Enumerable.Range(0, queries.Length).Where(q => expected.Contains(q) != scratch.IsMatch(q)))
            {
                Assert.Fail($"post {p}, query {q} '{queries[q]}' on {Show.Text(text)} with {fields}: reference {expected.Contains(q)}, compiled {scratch.IsMatch(q)}");
            }

            Assert.Equal(expected, scratch.Queries);
            foreach (var q in expected)
            {
                var want = ReferenceEvaluator.Spans(queries[q], text, fields);
                var got = scratch.Spans(q).ToArray();
                Assert.True(
                    want.SequenceEqual(got),
                    $"post {p}, query {q}: spans of '{queries[q]}' on {Show.Text(text)} with {fields}\n"
                    + $"  reference: {string.Join(" ", want)}\n  compiled:  {string.Join(" ", got)}");
                AssertFirstMention(scratch, q);
            }

            matched += expected.Count;
            unmatched += queries.Length - expected.Count;
        }

        return (matched, unmatched);
    }

    private static void AssertFirstMention(CompiledMatchScratch scratch, int query)
    {
        var hits = scratch.HitsOf(query).ToArray();
        Assert.Equal(hits.Length == 0 ? -1 : hits.Min(h => h.Start), scratch.FirstMention(query));
    }
}
