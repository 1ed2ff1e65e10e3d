namespace StreamEngine.Domain.Sentiment;

/// <summary>
/// One thread's working memory for <see cref="SentimentScorer"/>, grown to its longest post: no
/// allocation, and unlike stackalloc no zeroing, per post.
/// </summary>
internal sealed class ScoringScratch
{
    [ThreadStatic]
    private static ScoringScratch? t_current;

    private ScoringScratch(int capacity)
    {
        Traits = new TermTraits[capacity];
        Valenced = new int[capacity];
    }

    /// <summary>The traits of each token, by token index.</summary>
    public TermTraits[] Traits { get; }

    /// <summary>The indices of the tokens with a valence, in order, at the front.</summary>
    public int[] Valenced { get; }

    /// <summary>This thread's scratch, with room for <paramref name="tokens"/> tokens.</summary>
    public static ScoringScratch For(int tokens)
    {
        var scratch = t_current;
        if (scratch is null || scratch.Traits.Length < tokens)
        {
            t_current = scratch = new ScoringScratch(Math.Max(tokens, 256));
        }

        return scratch;
    }
}
