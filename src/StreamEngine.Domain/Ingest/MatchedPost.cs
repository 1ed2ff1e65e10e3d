using StreamEngine.Domain.Analysis;
using StreamEngine.Domain.Posts;

namespace StreamEngine.Domain.Ingest;

/// <summary>A valid post, the brands it mentions and what the single pass over its text found.</summary>
public sealed record MatchedPost(Post Post, IReadOnlyList<string> Brands, PostAnalysis Analysis);
