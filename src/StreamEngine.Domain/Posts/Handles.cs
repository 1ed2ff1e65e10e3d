namespace StreamEngine.Domain.Posts;

/// <summary>
/// An author's handle is written with one leading '@' or none, and that sign is not part of it; a
/// second '@' is (<c>@@acme</c> is not the account <c>acme</c>, and must not pass for it).
/// Influencer rankings are the exception: they key an author by the handle with every leading '@'
/// dropped, as brands have kept them, since there a stray sign merely splits one author in two.
/// </summary>
public static class Handles
{
    public static ReadOnlySpan<char> Bare(ReadOnlySpan<char> handle) => handle.StartsWith('@') ? handle[1..] : handle;

    public static string Bare(string handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        return handle.StartsWith('@') ? handle[1..] : handle;
    }
}
