using StreamEngine.Benchmarks;
using System.Globalization;
using System.Text;
using StreamEngine.Domain.Text;

namespace StreamEngine.MatcherBenchmarks.Workload;

/// <summary>
/// The literal sets the contenders look for, each term one word as a listening analyst types it:
/// lower case, Latin accents left off ("cafe", "zurich"). Every set holds the same
/// <see cref="CorpusWords"/> words of the corpus, <see cref="AccentedWords"/> accented corpus words
/// (typed without their accents, so that only accent-folding finds them) and
/// <see cref="NearMisses"/> truncated corpus words (which occur inside longer words but never as
/// whole words, so whole-word checks are exercised); the rest are made-up brand names, and the order
/// is shuffled. So the hit rate is the same at every size, and the sizes differ only in what a
/// larger set costs.
/// </summary>
public static class LiteralSets
{
    public const int CorpusWords = 6;
    public const int AccentedWords = 2;
    public const int NearMisses = 8;

    /// <summary>
    /// Words in more than this share of posts are the generator's function words ("the", "is") and
    /// its four brands: naming them would make nearly every post hit.
    /// </summary>
    private const double MaxDocumentFrequency = 0.25;

    private const ulong Seed = 3;

    public static string[] Terms(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, CorpusWords + AccentedWords + NearMisses);
        var random = new SplitMix64(Seed);
        var words = CorpusVocabulary();
        var taken = new HashSet<string>(words.Select(w => w.Folded), StringComparer.Ordinal);
        var pool = words.Where(w => w.Folded.Length >= 3 && w.Posts <= MaxDocumentFrequency * Corpus.PostCount).ToList();
        random.Shuffle(pool);

        var terms = pool.Where(w => !w.LosesAccents).Take(CorpusWords)
            .Concat(pool.Where(w => w.LosesAccents).Take(AccentedWords))
            .Select(w => w.Term)
            .ToList();
        foreach (var word in pool.Where(w => w.Term.Length >= 6))
        {
            if (terms.Count == CorpusWords + AccentedWords + NearMisses)
            {
                break;
            }

            var truncated = word.Term[..^(1 + random.Next(2))];
            if (taken.Add(Fold(truncated)))
            {
                terms.Add(truncated);
            }
        }

        while (terms.Count < count)
        {
            terms.Add(SyntheticWords.Next(ref random, taken));
        }

        random.Shuffle(terms);
        return [.. terms];
    }

    /// <summary>Every word of the corpus, as the engine folds it, with a written form and the number of posts holding it.</summary>
    private static List<CorpusWord> CorpusVocabulary()
    {
        var words = new Dictionary<string, CorpusWord>(StringComparer.Ordinal);
        var tokens = new TokenizedText();
        foreach (var post in Corpus.Posts)
        {
            tokens.Tokenize(post);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var w = 0; w < tokens.WordCount; w++)
            {
                var folded = tokens.Word(w).ToString();
                if (seen.Add(folded))
                {
                    words[folded] = words.TryGetValue(folded, out var known)
                        ? known with { Posts = known.Posts + 1 }
                        : CorpusWord.Of(folded, post.Substring(tokens.WordStart(w), tokens.WordLength(w)));
                }
            }
        }

        return [.. words.Values.OrderBy(w => w.Folded, StringComparer.Ordinal)];
    }

    /// <summary>Lower case, and Latin letters without their accents; other scripts as written.</summary>
    private static string AsTyped(string written)
    {
        var typed = new StringBuilder();
        foreach (var c in written.ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            var isLatinAccent = CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark
                && typed.Length > 0 && typed[^1] < '\u0250';
            if (!isLatinAccent)
            {
                typed.Append(c);
            }
        }

        return typed.ToString().Normalize(NormalizationForm.FormC);
    }

    private static string Fold(string term)
    {
        var tokens = new TokenizedText();
        tokens.Tokenize(term);
        return tokens.Word(0).ToString();
    }

    /// <summary>A word of the corpus: its folded form, the term typed for it, and how many posts hold it.</summary>
    private readonly record struct CorpusWord(string Folded, string Term, bool LosesAccents, int Posts)
    {
        public static CorpusWord Of(string folded, string written)
        {
            var term = AsTyped(written);
            return new CorpusWord(folded, term, term != written.ToLowerInvariant(), 1);
        }
    }
}
