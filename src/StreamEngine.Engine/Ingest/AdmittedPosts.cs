namespace StreamEngine.Engine.Ingest;

/// <summary>
/// The posts a round let past the duplicate filter, each with the brands its mentions went to. When
/// some brands' batches are not journaled, the filter forgets the posts that went to any of them,
/// so that a resend counts them there; a post whose every brand journaled stays remembered, so a
/// resend does not count it twice.
/// </summary>
public sealed class AdmittedPosts
{
    // One entry per post and brand, appended by the round's fold, which runs one at a time and is
    // the graph's narrowest stage: nothing here is indexed, since only a failed round reads it back.
    private readonly List<(ulong Post, string Brand)> _entries = [];

    public void Add(ulong post, string brand) => _entries.Add((post, brand));

    /// <summary>Whether the round admitted <paramref name="post"/> already (a threat-only post with several findings).</summary>
    public bool Contains(ulong post) => _entries.Exists(e => e.Post == post);

    /// <summary>Every admitted post: what a round that failed as a whole must forget.</summary>
    public IEnumerable<ulong> All => _entries.Select(e => e.Post).Distinct();

    /// <summary>The posts that went to at least one of <paramref name="brands"/>.</summary>
    public IEnumerable<ulong> SentTo(IReadOnlySet<string> brands) =>
        _entries.Where(e => brands.Contains(e.Brand)).Select(e => e.Post).Distinct();

    /// <summary>Forgets every entry, for a next round.</summary>
    public void Clear() => _entries.Clear();
}
