using StreamEngine.Domain.Influence;
using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Sketches;
using StreamEngine.Domain.Text;

namespace StreamEngine.Domain.Aggregates;

/// <summary>
/// What a mention adds to every brand it names that depends on the post alone: its author's entry
/// in the unique-author sketches, its author's key in the influencer summaries, and its hashtags.
/// Worked out once per post, in the ingest graph's parallel reading stage, rather than once per
/// brand in the single-threaded batching stage.
/// </summary>
/// <param name="Hashtags">The words right after a '#', folded as the matcher folds them.</param>
public sealed record MentionFacts(uint? AuthorEntry, string? AuthorKey, IReadOnlyList<string> Hashtags)
{
    [ThreadStatic]
    private static TokenizedText? t_tokens;

    [ThreadStatic]
    private static List<string>? t_hashtags;

    /// <summary>From a post whose text <paramref name="tokens"/> has just cut.</summary>
    public static MentionFacts Of(Post post, TokenizedText tokens)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(tokens);
        // Gathered in a list kept by the thread, then copied out at their exact number: one walk of
        // the words, and no list per post.
        var found = t_hashtags ??= [];
        found.Clear();
        for (var w = 0; w < tokens.WordCount; w++)
        {
            if (tokens.WordPrefix(w) != '#')
            {
                continue;
            }

            // CJK characters are words by themselves: a hashtag runs over the words written together.
            var last = w;
            while (last + 1 < tokens.WordCount && tokens.WordStart(last + 1) == tokens.WordStart(last) + tokens.WordLength(last))
            {
                last++;
            }

            // A post counts once under each of its hashtags however often it writes one (#solo
            // #Solo #SOLO), as it counts once under a concept: trending reads posts, not words.
            var hashtag = last == w ? HashtagStrings.Of(tokens.Word(w)) : JoinedWords(tokens, w, last);
            if (!Holds(found, hashtag))
            {
                found.Add(hashtag);
            }

            w = last;
        }

        var key = AuthorKeys.Of(post);
        return new MentionFacts(AuthorEntryOf(post, key), key, found.Count == 0 ? [] : found.ToArray());
    }

    // A post names a few hashtags, looked through in a moment; one naming thousands is looked up in a set.
    private const int HashtagsScanned = 16;

    [ThreadStatic]
    private static HashSet<string>? t_hashtagSet;

    /// <summary>Whether <paramref name="found"/>, the post's hashtags so far, holds <paramref name="hashtag"/>.</summary>
    private static bool Holds(List<string> found, string hashtag)
    {
        if (found.Count < HashtagsScanned)
        {
            return found.Contains(hashtag);
        }

        var set = t_hashtagSet ??= new HashSet<string>(StringComparer.Ordinal);
        if (found.Count == HashtagsScanned)
        {
            set.Clear();
            set.UnionWith(found);
        }

        return !set.Add(hashtag);
    }

    private static string JoinedWords(TokenizedText tokens, int first, int last)
    {
        var length = 0;
        for (var w = first; w <= last; w++)
        {
            length += tokens.FoldedWordLength(w);
        }

        return string.Create(length, (tokens, first, last), static (chars, state) =>
        {
            var at = 0;
            for (var w = state.first; w <= state.last; w++)
            {
                var word = state.tokens.Word(w);
                word.CopyTo(chars[at..]);
                at += word.Length;
            }
        });
    }

    /// <summary>From a post alone, cutting its text here (for callers outside the ingest graph).</summary>
    public static MentionFacts Of(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        var tokens = t_tokens ??= new TokenizedText();
        tokens.TokenizeWords(post.Text);
        return Of(post, tokens);
    }

    /// <summary>
    /// Author ids are unique per network only, so the network is part of the identity. An author
    /// without an id counts by the handle its influencer key spells ("@handle", lower case), read
    /// from that key rather than spelled again.
    /// </summary>
    private static uint? AuthorEntryOf(Post post, string? key)
    {
        var network = post.Network.ToName();
        if (post.Author.Id is { } id)
        {
            return UniqueAuthorSketch.EntryOf(StableHash.Of(network, id));
        }

        return key is null ? null : UniqueAuthorSketch.EntryOf(StableHash.Of(network, key.AsSpan(network.Length + 1)));
    }
}
