using System.Diagnostics.CodeAnalysis;

namespace StreamEngine.Engine.Ingest;

/// <summary>
/// Posts that a failed round journaled for some of the brands it carried them to and not for the
/// others, each with the brands that have it. A resend of such a post goes to the others alone:
/// counted again everywhere, it would count twice where it was written; dropped as a duplicate, it
/// would never reach the brands that missed it (their mention, a threat against them, or the share
/// of voice they read against a rival it names).
/// <para>
/// A post is remembered here only as long as the duplicate filter remembers it (its entry holds the
/// filter's <see cref="Domain.Ingest.DuplicateFilter.Generation"/> when it was put there last): once
/// the filter has let it go, a resend counts as a new post everywhere, as any post's does. At most
/// <see cref="Capacity"/> posts are held; past that, <see cref="TryAdd"/> refuses. Not thread-safe:
/// the batcher's lock guards it.
/// </para>
/// </summary>
internal sealed class PartlyJournaledPosts(int capacity)
{
    private readonly Dictionary<ulong, PartlyJournaledPost> _posts = [];
    private long _purgedAt;

    public int Capacity { get; } = capacity;

    public int Count => _posts.Count;

    /// <summary>The post's entry, unless the filter, now at <paramref name="generation"/>, may have let the post go since.</summary>
    public bool TryGet(ulong post, long generation, [MaybeNullWhen(false)] out PartlyJournaledPost part)
    {
        Purge(generation);
        return _posts.TryGetValue(post, out part) && !IsStale(part, generation);
    }

    /// <summary>Remembers that the brands of <paramref name="have"/> have journaled <paramref name="post"/>; false when full.</summary>
    public bool TryAdd(ulong post, HashSet<string> have, long generation)
    {
        Purge(generation);
        if (_posts.Count >= Capacity)
        {
            return false;
        }

        _posts[post] = new PartlyJournaledPost(have) { Generation = generation };
        return true;
    }

    public void Remove(ulong post) => _posts.Remove(post);

    /// <summary>The posts held, whether or not the filter still remembers them.</summary>
    public IEnumerable<ulong> Posts => _posts.Keys;

    // A post carried to its brands in a round still under way stays: that round settles it.
    private static bool IsStale(PartlyJournaledPost part, long generation) => !part.Resending && part.Generation + 1 < generation;

    private void Purge(long generation)
    {
        if (generation == _purgedAt)
        {
            return;
        }

        _purgedAt = generation;
        foreach (var (post, part) in _posts)
        {
            if (IsStale(part, generation))
            {
                _posts.Remove(post);
            }
        }
    }
}

/// <summary>A post some of whose brands have journaled it.</summary>
internal sealed class PartlyJournaledPost(HashSet<string> have)
{
    /// <summary>The brands whose journals hold everything the post brought them.</summary>
    public HashSet<string> Have { get; } = have;

    /// <summary>The duplicate filter's generation when the post was last put in it.</summary>
    public long Generation { get; set; }

    /// <summary>
    /// A round carrying the post to the brands that missed it has not ended yet: until it does, a
    /// further copy is a duplicate, as a resend that comes too early is of any post.
    /// </summary>
    public bool Resending { get; set; }
}
