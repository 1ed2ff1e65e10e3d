using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using StreamEngine.Domain.Matching.Compiled;
using StreamEngine.MatcherBenchmarks.Contenders;
using StreamEngine.MatcherBenchmarks.Hyperscan;
using StreamEngine.MatcherBenchmarks.Workload;

namespace StreamEngine.MatcherBenchmarks;

/// <summary>
/// <c>--check</c>: before anything is timed, counts every contender's hits over the corpus for each
/// literal set and compares them post by post with the engine's. The engine folds accents and
/// width; the others do not, so each is compared with the engine's hits less those that matched
/// only through folding, and any other difference is shown with the posts where it arises.
/// </summary>
internal static class HitCheck
{
    private const int ExamplesShown = 3;

    private static readonly int[] Sizes = [100, 1_000, 10_000];

    public static void Run(TextWriter output)
    {
        output.WriteLine(Invariant($"Corpus: {Corpus.PostCount:N0} posts, {Corpus.Utf8Bytes:N0} UTF-8 bytes ({(double)Corpus.Utf8Bytes / Corpus.PostCount:F1} per post)"));
        foreach (var size in Sizes)
        {
            CheckSet(LiteralSets.Terms(size), output);
        }

        CheckModel(output);
    }

    private static void CheckSet(string[] terms, TextWriter output)
    {
        var build = Stopwatch.StartNew();
        var engine = new EngineLiterals(terms);
        build.Stop();
        var posts = Corpus.Posts;
        var engineHits = new int[posts.Length];
        var unfolded = new int[posts.Length];
        var folded = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var hitsPerTerm = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var p = 0; p < posts.Length; p++)
        {
            engineHits[p] = engine.Count(posts[p]);
            foreach (var hit in engine.Hits)
            {
                var term = terms[hit.Query];
                var written = posts[p][hit.Start..hit.End];
                hitsPerTerm[term] = hitsPerTerm.GetValueOrDefault(term) + 1;
                if (written.Equals(term, StringComparison.OrdinalIgnoreCase))
                {
                    unfolded[p]++;
                }
                else
                {
                    var key = $"{written}→{term}";
                    folded[key] = folded.GetValueOrDefault(key) + 1;
                }
            }
        }

        output.WriteLine();
        output.WriteLine(Invariant($"{terms.Length:N0} terms, {hitsPerTerm.Count} of which occur: {string.Join(", ", hitsPerTerm.Select(t => $"{t.Key} ×{t.Value}"))}"));
        output.WriteLine(Invariant($"  {"Engine",-26} {engineHits.Sum(),7:N0} hits in {engineHits.Count(h => h > 0),5:N0} posts, built in {build.Elapsed.TotalSeconds,6:F2} s; {engineHits.Sum() - unfolded.Sum():N0} only through folding: {string.Join(", ", folded.Select(f => $"{f.Key} ×{f.Value}"))}"));
        foreach (var (name, create) in Contenders())
        {
            Compare(name, create, terms, engine, unfolded, output);
        }
    }

    private static void Compare(string name, Func<string[], Counter> create, string[] terms, EngineLiterals engine, int[] unfolded, TextWriter output)
    {
        Counter counter;
        var build = Stopwatch.StartNew();
        try
        {
            counter = create(terms);
        }
        catch (Exception e) when (e is InvalidOperationException or DllNotFoundException or NotSupportedException)
        {
            output.WriteLine(Invariant($"  {name,-26} skipped: {e.Message}"));
            return;
        }

        build.Stop();
        var hits = Enumerable.Range(0, Corpus.PostCount).Select(counter.Count).ToArray();
        counter.Resources?.Dispose();
        var differing = Enumerable.Range(0, hits.Length).Where(p => hits[p] != unfolded[p]).ToArray();
        var verdict = differing.Length == 0
            ? "= engine's hits less those only through folding"
            : $"{hits.Sum() - unfolded.Sum():+#,0;-#,0} against the engine's unfolded hits, in {differing.Length:N0} posts, e.g.:";
        output.WriteLine(Invariant($"  {name,-26} {hits.Sum(),7:N0} hits in {hits.Count(h => h > 0),5:N0} posts, built in {build.Elapsed.TotalSeconds,6:F2} s; {verdict}"));
        foreach (var p in differing.Take(ExamplesShown))
        {
            engine.Count(Corpus.Posts[p]);
            var found = string.Join(", ", engine.Hits.Select(h => Corpus.Posts[p][h.Start..h.End]));
            output.WriteLine(Invariant($"      post {p}: engine {unfolded[p]} unfolded [{found}], {name} {hits[p]}: {Corpus.Posts[p]}"));
        }
    }

    /// <summary>Each contender's factory: given the terms, what counts a post's hits (by index) and what to free after.</summary>
    private static IEnumerable<(string Name, Func<string[], Counter> Create)> Contenders()
    {
        yield return ("SearchValuesIndexOfAny", terms =>
        {
            var searchValues = new SearchValuesLiterals(terms);
            return new Counter(p => searchValues.Count(Corpus.Posts[p]));
        });
        foreach (var engine in new[] { RegexOptions.Compiled, RegexOptions.NonBacktracking })
        {
            yield return ($"Regex{engine}", terms =>
            {
                var regex = new RegexLiterals(terms, engine);
                return new Counter(p => regex.Count(Corpus.Posts[p]));
            });
        }

        foreach (var boundary in Enum.GetValues<HyperscanBoundary>())
        {
            yield return ($"Hyperscan{boundary}Boundary", terms =>
            {
                if (!HyperscanNative.IsAvailable(out var reason))
                {
                    throw new InvalidOperationException(reason);
                }

                var hyperscan = new HyperscanLiterals(terms, boundary);
                return new Counter(p => hyperscan.Count(Corpus.Utf8[p]), hyperscan);
            });
        }
    }

    private static void CheckModel(TextWriter output)
    {
        var model = ConceptModel.Build(LiteralSets.Terms(ConceptModel.Concepts * ConceptModel.TermsPerConcept));
        var scratch = new CompiledMatchScratch();
        var brands = new List<int>();
        var concepts = new List<int>();
        var matches = 0;
        var postsMatching = 0;
        var distinct = new HashSet<int>();
        foreach (var post in Corpus.Posts)
        {
            model.Match(post, scratch, brands, concepts);
            matches += concepts.Count;
            postsMatching += concepts.Count > 0 ? 1 : 0;
            distinct.UnionWith(concepts);
        }

        output.WriteLine();
        output.WriteLine(Invariant($"Concept model: {model.Concepts.Count:N0} concepts, {model.Matcher.LiteralCount:N0} distinct literals; {postsMatching:N0} posts match {matches:N0} concepts in all ({distinct.Count} distinct concepts)"));
    }

    private sealed record Counter(Func<int, int> Count, IDisposable? Resources = null);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
