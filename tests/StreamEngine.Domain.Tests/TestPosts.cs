using StreamEngine.Domain.Posts;

namespace StreamEngine.Domain.Tests;

/// <summary>Builds <see cref="Post"/>s for tests without going through JSON.</summary>
internal static class TestPosts
{
    public static Post Make(
        string id,
        DateTimeOffset createdAt,
        string text = "acme",
        Network network = Network.X,
        string? authorId = "",
        string? handle = null,
        long followers = 0,
        Gender gender = Gender.Unknown,
        int? age = null,
        string? country = null,
        string? language = null,
        Engagement engagement = default,
        DateOnly? purchaseDate = null)
    {
        // An empty author id means "derive one from the post id", null means "no id".
        var author = new Author(authorId == "" ? "author-" + id : authorId, handle, null, followers, false, gender, age, country);
        return new Post(id, network, createdAt, text, language, author, engagement, null, purchaseDate);
    }
}
