using System.Text.RegularExpressions;
using StreamEngine.Domain.Matching.Compiled;
using StreamEngine.Domain.Query;
using StreamEngine.Domain.Tests.Query;

namespace StreamEngine.Domain.Tests.Matching.Compiled;

/// <summary>
/// Fuzzy terms and wildcards found through their indexes against plain definitions (a full
/// edit-distance table, a regular expression) over many words of a tiny alphabet, where near
/// misses, doubled letters and shared prefixes and suffixes are common.
/// </summary>
public sealed class FuzzyAndWildcardIndexTests
{
    private const string Alphabet = "abcd";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_fuzzy_term_matches_exactly_the_words_within_its_edits(int edits)
    {
        var random = new Random(edits * 101);
        var terms = Enumerable.Range(0, 40).Select(_ => Word(random, edits + 1, 7)).Distinct().ToList();
        var matcher = new CompiledMatcher([.. terms.Select(t => BooleanQueryParser.Parse($"{t}~{edits}"))]);
        var scratch = new CompiledMatchScratch();
        var matches = 0;
        for (var i = 0; i < 3_000; i++)
        {
            var word = Word(random, 1, 9);
            matcher.Match(word, PostFields.Unknown, scratch);
            var expected = Enumerable.Range(0, terms.Count).Where(q => ReferenceEvaluator.Levenshtein(terms[q], word) <= edits).ToList();
            Assert.True(expected.SequenceEqual(scratch.Queries), $"'{word}': expected {string.Join(",", expected.Select(q => terms[q]))}, got {string.Join(",", scratch.Queries.Select(q => terms[q]))}");
            matches += expected.Count;
        }

        Assert.True(matches > 500, $"only {matches} matches: the words must often be near the terms");
    }

    // The second alphabet puts digits and a letter beyond ASCII first and last in anchors, where
    // the index turns words away by their first and last characters.
    [Theory]
    [InlineData(Alphabet)]
    [InlineData("ab1ж")]
    public void A_wildcard_matches_exactly_the_words_of_its_pattern(string alphabet)
    {
        var random = new Random(7);
        var patterns = Enumerable.Range(0, 200).Select(_ => Pattern(random, alphabet)).Distinct().ToList();
        var matcher = new CompiledMatcher([.. patterns.Select(p => BooleanQueryParser.Parse(p))]);
        var expressions = patterns.Select(p => new Regex("^" + Regex.Escape(p).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$")).ToList();
        var scratch = new CompiledMatchScratch();
        var matches = 0;
        for (var i = 0; i < 3_000; i++)
        {
            var word = Word(random, 1, 9, alphabet);
            matcher.Match(word, PostFields.Unknown, scratch);
            var expected = Enumerable.Range(0, patterns.Count).Where(q => expressions[q].IsMatch(word)).ToList();
            Assert.True(expected.SequenceEqual(scratch.Queries), $"'{word}': expected {string.Join(",", expected.Select(q => patterns[q]))}, got {string.Join(",", scratch.Queries.Select(q => patterns[q]))}");
            matches += expected.Count;
        }

        Assert.True(matches > 500, $"only {matches} matches");
        Assert.Contains(patterns, p => p.StartsWith('*') && p.EndsWith('*'));
        Assert.Contains(patterns, p => p.StartsWith('*') && char.IsLetterOrDigit(p[^1]));
        Assert.Contains(patterns, p => char.IsLetterOrDigit(p[0]) && p.Length > 4);
    }

    private static string Word(Random random, int min, int max, string alphabet = Alphabet) =>
        new([.. Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => alphabet[random.Next(alphabet.Length)])]);

    /// <summary>A pattern with a wildcard at the start, end, middle or both ends, and literals of every anchor length.</summary>
    private static string Pattern(Random random, string alphabet)
    {
        var core = Word(random, 1, 5, alphabet);
        return random.Next(5) switch
        {
            0 => core + "*",
            1 => "*" + core,
            2 => "*" + core + "*",
            3 => core[..1] + "?" + core + "*" + Word(random, 1, 2, alphabet),
            _ => "?" + core,
        };
    }
}
