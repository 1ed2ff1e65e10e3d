using StreamEngine.Domain.Matching.Compiled;
using StreamEngine.Domain.Text;

namespace StreamEngine.Domain.Analysis;

/// <summary>Per-thread working memory of <see cref="PostAnalyzer"/>: the post's tokens and what the matcher found.</summary>
public sealed class AnalysisScratch
{
    public TokenizedText Tokens => Match.Tokens;

    public CompiledMatchScratch Match { get; } = new();

    internal readonly List<int> Brands = [];
    internal readonly List<int> Concepts = [];
    internal readonly HashSet<int> SeenConcepts = [];
}
