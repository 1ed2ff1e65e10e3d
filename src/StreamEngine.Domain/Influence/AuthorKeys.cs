using StreamEngine.Domain.Posts;

namespace StreamEngine.Domain.Influence;

/// <summary>
/// How an author is named in influencer rankings: "network/@handle" when the post gives a handle,
/// else "network/id". Handles and ids are unique per network only, hence the network.
/// </summary>
public static class AuthorKeys
{
    public const char Separator = '/';

    public static string? Of(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        var author = post.Author;
        var name = author.Handle is { Length: > 0 } handle
            ? "@" + handle.TrimStart('@').ToLowerInvariant()
            : author.Id;
        return name is null ? null : post.Network.ToName() + Separator + name;
    }

    public static (string Network, string Author) Split(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var cut = key.IndexOf(Separator, StringComparison.Ordinal);
        return cut < 0 ? ("unknown", key) : (key[..cut], key[(cut + 1)..]);
    }
}
