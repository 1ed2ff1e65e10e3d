using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Threats;

namespace StreamEngine.Domain.Ingest;

/// <summary>What reading one chunk of NDJSON found: the posts that mention brands, and a count of everything else.</summary>
public sealed class ChunkReading
{
    public List<MatchedPost> Mentions { get; } = [];

    public List<LineError> Errors { get; } = [];

    /// <summary>What the threat detectors found in accepted posts that mention no brand (a mention carries its own), with the post each came from.</summary>
    public List<(Post Post, ThreatFinding Finding)> Threats { get; } = [];

    /// <summary>Valid posts, late and unmatched ones included.</summary>
    public int Accepted { get; internal set; }

    public int Rejected => Errors.Count;

    /// <summary>Valid posts dated before the 30-day window: accepted, but counted in no aggregate.</summary>
    public int Late { get; internal set; }

    /// <summary>Valid posts that mention no brand of the model.</summary>
    public int Unmatched { get; internal set; }

    /// <summary>Posts that mention brands but were seen before (same network and id); counted once, when first seen.</summary>
    public int Duplicates { get; set; }

    /// <summary>
    /// Posts sent before in a request already answered as failed, whose writes a brand may still
    /// make: neither counted nor duplicates yet, so the chunk is to be sent again once that is known.
    /// </summary>
    public int Undecided { get; set; }

    /// <summary>Drops the posts once they are folded into brand batches; the counts and errors stay for the outcome.</summary>
    public void ReleasePosts()
    {
        Mentions.Clear();
        Threats.Clear();
    }
}
