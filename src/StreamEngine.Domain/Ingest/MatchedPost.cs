using StreamEngine.Domain.Posts;

namespace StreamEngine.Domain.Ingest;

/// <summary>A valid post and what it mentions: the ids of its brands and concepts.</summary>
public sealed record MatchedPost(Post Post, IReadOnlyList<string> Brands, IReadOnlyList<string> Concepts);
