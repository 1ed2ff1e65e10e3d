namespace StreamEngine.MatcherBenchmarks.Hyperscan;

/// <summary>How Hyperscan keeps a term to whole words.</summary>
public enum HyperscanBoundary
{
    /// <summary>
    /// <c>\bterm\b</c>, caseless UTF-8. Hyperscan refuses <c>\b</c> under HS_FLAG_UCP, so the
    /// boundary is ASCII's: every byte of a non-ASCII letter counts as a non-word character. (Spelling
    /// the boundary out with UCP, <c>(?:^|\W)term(?:\W|$)</c>, agrees with the engine but took minutes
    /// to compile a thousand terms: see perf/README.md.)
    /// </summary>
    Ascii,

    /// <summary>
    /// The bare term, caseless UTF-8, so Hyperscan runs its literal matcher; the match callback keeps
    /// a match when the code points decoded on either side of it are not word characters (those of
    /// the SearchValues contender). The start is the end less the term's UTF-8 length, which
    /// holds unless the text has a case variant of the term of another UTF-8 length.
    /// </summary>
    Verified,
}
