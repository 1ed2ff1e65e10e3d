using StreamEngine.Domain.Influence;
using StreamEngine.Domain.Posts;

namespace StreamEngine.Domain.Tests.Influence;

public sealed class AuthorKeysTests
{
    [Theory]
    [InlineData("@Acme", "x/@acme")]
    [InlineData("acme", "x/@acme")]
    [InlineData("@@acme", "x/@@acme")] // an impersonator's, not the official @acme it copies
    public void An_author_is_named_by_network_and_handle_its_one_sign_dropped(string handle, string key)
    {
        var post = new Post("p", Network.X, DateTimeOffset.UnixEpoch, "t", null, new Author(null, handle, null, 0, false, Gender.Unknown, null, null), default, null, null);

        Assert.Equal(key, AuthorKeys.Of(post));
    }
}
