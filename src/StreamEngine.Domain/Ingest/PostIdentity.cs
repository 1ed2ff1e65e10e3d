using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Sketches;

namespace StreamEngine.Domain.Ingest;

/// <summary>What makes two posts the same post: the network and the network's id for it, hashed.</summary>
public static class PostIdentity
{
    public static ulong Of(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return StableHash.Of(post.Network.ToName(), post.Id);
    }
}
