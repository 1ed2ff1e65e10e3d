namespace StreamEngine.Domain.Aggregates;

/// <summary>
/// Hashtags as strings, shared between the posts that carry them. A firehose repeats the same
/// hashtags over and over (a campaign's, a trend's), and each post read would otherwise make its
/// own copy of each. Each reading thread keeps the latest few thousand it has seen.
/// </summary>
internal static class HashtagStrings
{
    // Enough for the hashtags of a busy hour; a burst of new ones empties it and it fills again.
    private const int Kept = 4096;

    // A campaign's hashtag is short; a long one is most likely a one-off, and keeping thousands of
    // them per thread could hold megabytes for nothing.
    private const int LongestKept = 64;

    [ThreadStatic]
    private static HashSet<string>? t_seen;

    public static string Of(ReadOnlySpan<char> hashtag)
    {
        if (hashtag.Length > LongestKept)
        {
            return hashtag.ToString();
        }

        var seen = t_seen ??= new HashSet<string>(StringComparer.Ordinal);
        if (seen.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(hashtag, out var known))
        {
            return known;
        }

        if (seen.Count >= Kept)
        {
            seen.Clear();
        }

        var made = hashtag.ToString();
        seen.Add(made);
        return made;
    }
}
