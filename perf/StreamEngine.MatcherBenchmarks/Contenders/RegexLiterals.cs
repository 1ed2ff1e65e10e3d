using System.Text.RegularExpressions;

namespace StreamEngine.MatcherBenchmarks.Contenders;

/// <summary>
/// One <see cref="Regex"/> alternation <c>\b(?:t1|t2|…)\b</c>, ignoring case culture-invariantly,
/// with the engine given (Compiled or NonBacktracking); hits are counted with
/// <see cref="Regex.EnumerateMatches(ReadOnlySpan{char})"/>, which allocates nothing.
/// </summary>
public sealed class RegexLiterals
{
    private readonly Regex _regex;

    public RegexLiterals(IReadOnlyList<string> terms, RegexOptions engine)
    {
        ArgumentNullException.ThrowIfNull(terms);

        if (engine.HasFlag(RegexOptions.NonBacktracking))
        {
            // An alternation of a thousand words or more is past NonBacktracking's default bound on
            // the size of its automaton (10,000 nodes); the bound is a process-wide setting.
            AppContext.SetData("REGEX_NONBACKTRACKING_MAX_AUTOMATA_SIZE", int.MaxValue);
        }

        var alternation = string.Join('|', terms.Select(Regex.Escape));
        _regex = new Regex($@"\b(?:{alternation})\b", engine | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    public int Count(ReadOnlySpan<char> post)
    {
        var hits = 0;
        foreach (var _ in _regex.EnumerateMatches(post))
        {
            hits++;
        }

        return hits;
    }
}
