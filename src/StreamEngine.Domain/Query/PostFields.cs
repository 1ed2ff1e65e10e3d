using StreamEngine.Domain.Posts;

namespace StreamEngine.Domain.Query;

/// <summary>
/// What field filters read of a post besides its text. <see cref="Language"/> is the primary
/// subtag, lower case; <see cref="Country"/> is ISO 3166-1 alpha-2, upper case;
/// <see cref="AuthorHandle"/> is as the post gives it (<c>author:</c> ignores one leading '@'). Unknown values are null, or 0 followers and not
/// verified, as the post schema reads them. A struct: every post matched has one.
/// </summary>
public readonly record struct PostFields(
    Network Network,
    string? Language,
    string? Country,
    string? AuthorHandle,
    long Followers,
    bool Verified)
{
    /// <summary>A post about which nothing but the text is known.</summary>
    public static PostFields Unknown { get; } = new(Network.Unknown, null, null, null, 0, false);

    public static PostFields From(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return new PostFields(
            post.Network,
            post.Language?.ToLowerInvariant(),
            post.Author.Country?.ToUpperInvariant(),
            post.Author.Handle,
            post.Author.Followers,
            post.Author.Verified);
    }
}
