namespace StreamEngine.Domain.Sentiment;

/// <summary>The names sentiment and emotions have in the API and in breakdowns.</summary>
public static class SentimentNames
{
    /// <summary>The breakdown value of a post whose language has no lexicon.</summary>
    public const string Unscored = "unscored";

    private static readonly (Emotions Emotion, string Name)[] EmotionNames =
    [
        (Emotions.Anger, "anger"),
        (Emotions.Disgust, "disgust"),
        (Emotions.Fear, "fear"),
        (Emotions.Joy, "joy"),
        (Emotions.Sadness, "sadness"),
        (Emotions.Surprise, "surprise"),
    ];

    public static string ToName(this SentimentLabel label) => label switch
    {
        SentimentLabel.Positive => "positive",
        SentimentLabel.Negative => "negative",
        _ => "neutral",
    };

    public static string NameOf(SentimentScore? score) => score is { } s ? s.Label.ToName() : Unscored;

    /// <summary>Ekman's six emotions and their names, in his order: read by index on hot paths, which an iterator would allocate on.</summary>
    public static ReadOnlySpan<(Emotions Emotion, string Name)> EmotionsInOrder => EmotionNames;

    /// <summary>The names of the emotions set in <paramref name="emotions"/>, in Ekman's order.</summary>
    public static IEnumerable<string> Names(this Emotions emotions)
    {
        foreach (var (emotion, name) in EmotionNames)
        {
            if ((emotions & emotion) != 0)
            {
                yield return name;
            }
        }
    }
}
