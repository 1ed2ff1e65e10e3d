using StreamEngine.Domain.Matching.Compiled;
using StreamEngine.Domain.Query;
using StreamEngine.Domain.Text;

namespace StreamEngine.MatcherBenchmarks.Contenders;

/// <summary>
/// The engine's own path: one query per term, compiled into one <see cref="CompiledMatcher"/>; per
/// post, the walk that cuts its words (<see cref="TokenizedText.TokenizeWords"/>: all matching
/// reads) and then the match. Each hit of a matched query is one
/// whole-word occurrence of its term, folded (case, accents, width).
/// </summary>
public sealed class EngineLiterals
{
    private readonly CompiledMatcher _matcher;
    private readonly TokenizedText _tokens = new();
    private readonly CompiledMatchScratch _scratch = new();

    public EngineLiterals(IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        _matcher = new CompiledMatcher([.. terms.Select(BooleanQueryParser.Parse)]);
    }

    /// <summary>The hits of the last post counted; query i looks for term i.</summary>
    public IReadOnlyList<CompiledHit> Hits => _scratch.Hits;

    public int Count(string post)
    {
        _tokens.TokenizeWords(post);
        _matcher.Match(_tokens, post, PostFields.Unknown, _scratch);
        return _scratch.Hits.Count;
    }
}
