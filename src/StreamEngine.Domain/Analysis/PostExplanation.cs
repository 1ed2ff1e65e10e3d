using StreamEngine.Domain.Sentiment;

namespace StreamEngine.Domain.Analysis;

/// <summary>A span of the post's text, as UTF-16 offsets [Start, End).</summary>
public readonly record struct TextSpan(int Start, int End);

/// <summary>A brand or concept a post matched and the spans of text that made it match.</summary>
public sealed record MatchExplanation(string Id, IReadOnlyList<TextSpan> Spans);

/// <summary>Everything the single pass finds in one post, with the evidence, for analysts checking a model.</summary>
public sealed record PostExplanation(
    IReadOnlyList<MatchExplanation> Brands,
    IReadOnlyList<MatchExplanation> Concepts,
    IReadOnlyList<MatchExplanation> Intents,
    SentimentScore? Sentiment,
    Emotions Emotions);
