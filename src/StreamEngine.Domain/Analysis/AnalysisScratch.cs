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

    // The matched topics by where each is first mentioned (a UTF-16 offset), for aspect sentiment.
    internal readonly List<(int At, int Concept)> FirstMentions = [];
    internal readonly HashSet<int> AspectConcepts = [];

    // What a post was found to be about, gathered here and copied out at its exact size (or not at
    // all when empty), so a post costs one array per list it fills rather than a growing list.
    internal readonly List<string> Topics = [];
    internal readonly List<string> Intents = [];
    internal readonly List<AspectSentiment> Aspects = [];
}
