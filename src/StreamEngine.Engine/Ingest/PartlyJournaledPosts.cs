using System.Diagnostics.CodeAnalysis;

namespace StreamEngine.Engine.Ingest;

/// <summary>
/// Posts that a failed round journaled for some of the brands it carried them to and not for the
/// others, each with the brands that have it. A resend of such a post goes to the others alone:
/// counted again everywhere, it would count twice where it was written; dropped as a duplicate, it
/// would never reach the brands that missed it (their mention, a threat against them, or the share
/// of voice they read against a rival it names).
/// <para>
/// Only failed rounds add posts, and a post leaves once every brand has it. The record is bounded
/// all the same: past <see cref="Capacity"/> posts the oldest go, and a resend of one of them is
/// then a duplicate, as it would be once the duplicate filter itself forgot it. Not thread-safe:
/// the batcher's lock guards it.
/// </para>
/// </summary>
internal sealed class PartlyJournaledPosts(int capacity)
{
    private readonly Dictionary<ulong, PartlyJournaledPost> _posts = [];
    private readonly Queue<ulong> _order = new();

    public int Capacity { get; } = capacity;

    public int Count => _posts.Count;

    public bool TryGet(ulong post, [MaybeNullWhen(false)] out PartlyJournaledPost part) => _posts.TryGetValue(post, out part);

    /// <summary>Remembers that the brands of <paramref name="have"/> have journaled <paramref name="post"/> and others have not.</summary>
    public void Add(ulong post, HashSet<string> have)
    {
        _posts[post] = new PartlyJournaledPost(have);
        _order.Enqueue(post);
        while (_posts.Count > Capacity && _order.TryDequeue(out var oldest))
        {
            _posts.Remove(oldest);
        }

        // A post settled and added again leaves a stale place in the queue: keep it from growing past its posts.
        if (_order.Count > 2 * Math.Max(Capacity, _posts.Count))
        {
            var live = _order.Where(_posts.ContainsKey).Distinct().ToList();
            _order.Clear();
            live.ForEach(_order.Enqueue);
        }
    }

    public void Remove(ulong post) => _posts.Remove(post);
}

/// <summary>A post some of whose brands have journaled it.</summary>
internal sealed class PartlyJournaledPost(HashSet<string> have)
{
    /// <summary>The brands whose journals hold everything the post brought them.</summary>
    public HashSet<string> Have { get; } = have;

    /// <summary>
    /// A round carrying the post to the brands that missed it has not ended yet: until it does, a
    /// further copy is a duplicate, as a resend that comes too early is of any post.
    /// </summary>
    public bool Resending { get; set; }
}
