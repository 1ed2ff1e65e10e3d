namespace StreamEngine.Domain.Posts;

/// <summary>The social network or media type a post was published on.</summary>
public enum Network : byte
{
    Unknown = 0,
    X,
    Facebook,
    Instagram,
    TikTok,
    Reddit,
    YouTube,
    News,
    Blog,
    Forum,
    Review,
    Other,
}

public static class NetworkNames
{
    private static readonly string[] Names =
        ["unknown", "x", "facebook", "instagram", "tiktok", "reddit", "youtube", "news", "blog", "forum", "review", "other"];

    /// <summary>The names accepted in the <c>network</c> field, in schema order.</summary>
    public static IReadOnlyList<string> Accepted { get; } = Names[1..];

    public static string ToName(this Network network) => Names[(int)network];

    public static bool TryParse(ReadOnlySpan<char> name, out Network network)
    {
        for (var i = 1; i < Names.Length; i++)
        {
            if (name.Equals(Names[i], StringComparison.OrdinalIgnoreCase))
            {
                network = (Network)i;
                return true;
            }
        }

        network = Network.Unknown;
        return false;
    }
}
