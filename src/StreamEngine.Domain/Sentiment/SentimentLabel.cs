namespace StreamEngine.Domain.Sentiment;

/// <summary>The polarity of a text, read from its compound score.</summary>
public enum SentimentLabel
{
    Neutral = 0,
    Positive = 1,
    Negative = 2,
}
