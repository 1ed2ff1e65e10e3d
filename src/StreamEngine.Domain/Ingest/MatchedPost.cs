using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Analysis;
using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Threats;

namespace StreamEngine.Domain.Ingest;

/// <summary>A valid post, the brands it mentions and what the single pass over its text found.</summary>
public sealed record MatchedPost(Post Post, IReadOnlyList<string> Brands, PostAnalysis Analysis)
{
    /// <summary>The post's <see cref="PostIdentity"/>, for spotting it when it is sent again.</summary>
    public required ulong Identity { get; init; }

    /// <summary>What the post adds to each brand it names regardless of the brand, worked out once.</summary>
    public required MentionFacts Facts { get; init; }

    /// <summary>
    /// The text's print for the coordinated-burst detectors, worked out once when the post names a
    /// watched brand; null otherwise, or when the post can never join a burst.
    /// </summary>
    public TextPrint? Print { get; init; }

    /// <summary>What the threat detectors found in the post, against any brand.</summary>
    public IReadOnlyList<ThreatFinding> Threats { get; init; } = [];
}
