using System.Buffers;

namespace StreamEngine.MatcherBenchmarks.Contenders;

/// <summary>
/// <see cref="SearchValues{T}"/> of the terms (OrdinalIgnoreCase): <c>IndexOfAny</c> finds the next
/// place where some term starts, and a hit counts only when that place starts a word and the whole
/// word is a term. Case-insensitive as .NET's ordinal ignore-case is; accents and width count.
/// </summary>
public sealed class SearchValuesLiterals
{
    private readonly SearchValues<string> _terms;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _words;

    public SearchValuesLiterals(IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        _terms = SearchValues.Create([.. terms], StringComparison.OrdinalIgnoreCase);
        _words = new HashSet<string>(terms, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count(ReadOnlySpan<char> post)
    {
        var hits = 0;
        var from = 0;
        while (true)
        {
            var found = post[from..].IndexOfAny(_terms);
            if (found < 0)
            {
                return hits;
            }

            // IndexOfAny says that some term starts here, not which one; since terms are whole
            // words, at most one can be a hit: the one that is the whole word.
            var start = from + found;
            var end = WordBoundary.WordEnd(post, start);
            if (WordBoundary.StartsWord(post, start) && _words.Contains(post[start..end]))
            {
                hits++;
            }

            // A term found further inside this word would not start a word.
            from = end;
        }
    }
}
