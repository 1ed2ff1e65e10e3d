using StreamEngine.Domain.Text;

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

    /// <summary>How many of <see cref="Valenced"/> are listed.</summary>
    public int ValencedCount { get; private set; }

    /// <summary>Every role among the traits.</summary>
    public TermRole Roles { get; private set; }

    /// <summary>Every emotion among the traits, negated or not.</summary>
    public Emotions Emotions { get; private set; }

    // Whose traits these are: the scorer that read them, and the text as last tokenized.
    private SentimentScorer? _readBy;
    private TokenizedText? _readFrom;
    private long _readText;

    /// <summary>Whether the traits are those <paramref name="scorer"/> read of <paramref name="text"/> as it stands.</summary>
    public bool IsReadFrom(SentimentScorer scorer, TokenizedText text) =>
        ReferenceEquals(_readBy, scorer) && ReferenceEquals(_readFrom, text) && _readText == text.TextsTokenized;

    public void Remember(SentimentScorer scorer, TokenizedText text, int valenced, TermRole roles, Emotions emotions)
    {
        Emotions = emotions;
        _readBy = scorer;
        _readFrom = text;
        _readText = text.TextsTokenized;
        ValencedCount = valenced;
        Roles = roles;
    }

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
