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
        var network = post.Network.ToName();
        if (author.Handle is { Length: > 0 } handle)
        {
            // Made in one go: this runs for every post read. One '@' is the handle's sign; a second
            // is part of it ("@@acme" is not the official "@acme" it copies).
            var bare = Bare(handle);
            return string.Create(network.Length + 2 + bare.Length, (network, handle), static (key, parts) =>
            {
                parts.network.AsSpan().CopyTo(key);
                key[parts.network.Length] = Separator;
                key[parts.network.Length + 1] = '@';
                Bare(parts.handle).ToLowerInvariant(key[(parts.network.Length + 2)..]);
            });
        }

        return author.Id is { } id ? $"{network}{Separator}{id}" : null;
    }

    private static ReadOnlySpan<char> Bare(string handle) => handle.StartsWith('@') ? handle.AsSpan(1) : handle;

    public static (string Network, string Author) Split(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var cut = key.IndexOf(Separator, StringComparison.Ordinal);
        return cut < 0 ? ("unknown", key) : (key[..cut], key[(cut + 1)..]);
    }
}
