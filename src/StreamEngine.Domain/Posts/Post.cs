namespace StreamEngine.Domain.Posts;

/// <summary>The author of a post as the network describes them. Every field but the id may be unknown.</summary>
public sealed record Author(
    string? Id,
    string? Handle,
    string? Name,
    long Followers,
    bool Verified,
    Gender Gender,
    int? Age,
    string? Country);

/// <summary>Interactions a post received; engagement is likes + shares + comments (views are reach-like, kept apart).</summary>
public readonly record struct Engagement(long Likes, long Shares, long Comments, long Views)
{
    public long Total => Likes + Shares + Comments;
}

/// <summary>One post from the firehose, validated. <see cref="Language"/> holds the primary BCP 47 subtag, lower case.</summary>
public sealed record Post(
    string Id,
    Network Network,
    DateTimeOffset CreatedAt,
    string Text,
    string? Language,
    Author Author,
    Engagement Engagement,
    string? Url,
    DateOnly? PurchaseDate);
