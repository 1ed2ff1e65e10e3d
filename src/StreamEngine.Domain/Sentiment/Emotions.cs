namespace StreamEngine.Domain.Sentiment;

/// <summary>Ekman's six basic emotions; a post may express several.</summary>
[Flags]
public enum Emotions
{
    None = 0,
    Anger = 1 << 0,
    Disgust = 1 << 1,
    Fear = 1 << 2,
    Joy = 1 << 3,
    Sadness = 1 << 4,
    Surprise = 1 << 5,
}
