namespace StreamEngine.Engine.Ingest;

/// <summary>
/// The posts a round let past the duplicate filter, each with the brands its mentions went to. When
/// some brands' batches are not journaled, the filter forgets the posts that went to any of them,
/// so that a resend counts them there; a post whose every brand journaled stays remembered, so a
/// resend does not count it twice.
/// </summary>
public sealed class AdmittedPosts
{
    private readonly List<(ulong Post, string Brand)> _entries = [];
    private readonly HashSet<ulong> _posts = [];

    public int Count => _posts.Count;

    public void Add(ulong post, string brand)
    {
        _entries.Add((post, brand));
        _posts.Add(post);
    }

    public bool Contains(ulong post) => _posts.Contains(post);

    /// <summary>Every admitted post: what a round that failed as a whole must forget.</summary>
    public IEnumerable<ulong> All => _posts;

    /// <summary>The posts that went to at least one of <paramref name="brands"/>.</summary>
    public IEnumerable<ulong> SentTo(IReadOnlySet<string> brands) =>
        _entries.Where(e => brands.Contains(e.Brand)).Select(e => e.Post).Distinct();

    public void Clear()
    {
        _entries.Clear();
        _posts.Clear();
    }
}
