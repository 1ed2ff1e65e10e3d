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

    /// <summary>From a post whose text <paramref name="tokens"/> has just cut.</summary>
    public static MentionFacts Of(Post post, TokenizedText tokens)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(tokens);
        var count = 0;
        for (var w = 0; w < tokens.WordCount; w = LastOfHashtag(tokens, w) + 1)
        {
            count += tokens.WordPrefix(w) == '#' ? 1 : 0;
        }

        var hashtags = count == 0 ? [] : new string[count];
        var at = 0;
        for (var w = 0; at < count; w = LastOfHashtag(tokens, w) + 1)
        {
            if (tokens.WordPrefix(w) == '#')
            {
                var last = LastOfHashtag(tokens, w);
                hashtags[at++] = last == w ? HashtagStrings.Of(tokens.Word(w)) : JoinedWords(tokens, w, last);
            }
        }

        return new MentionFacts(AuthorEntryOf(post), AuthorKeys.Of(post), hashtags);
    }

    /// <summary>
    /// The last word of the hashtag that starts at word <paramref name="w"/> (or <paramref name="w"/>
    /// when it starts none): CJK characters are words by themselves, and a hashtag runs over the words
    /// written together.
    /// </summary>
    private static int LastOfHashtag(TokenizedText tokens, int w)
    {
        if (tokens.WordPrefix(w) != '#')
        {
            return w;
        }

        var last = w;
        while (last + 1 < tokens.WordCount && tokens.WordStart(last + 1) == tokens.WordStart(last) + tokens.WordLength(last))
        {
            last++;
        }

        return last;
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

    /// <summary>Author ids are unique per network only, so the network is part of the identity.</summary>
    private static uint? AuthorEntryOf(Post post)
    {
        var author = post.Author;
        if (author.Id is { } id)
        {
            return UniqueAuthorSketch.EntryOf(StableHash.Of(post.Network.ToName(), id));
        }

        if (author.Handle is not { } handle)
        {
            return null;
        }

        // "@handle", lower case, hashed where it is spelled: no string for it per post.
        var bare = handle.AsSpan().TrimStart('@');
        Span<char> key = bare.Length < 256 ? stackalloc char[bare.Length + 1] : new char[bare.Length + 1];
        key[0] = '@';
        bare.ToLowerInvariant(key[1..]);
        return UniqueAuthorSketch.EntryOf(StableHash.Of(post.Network.ToName(), key));
    }
}
