namespace StreamEngine.Domain.Aggregates;

/// <summary>The headline figures of a brand over a span of time.</summary>
/// <param name="Reputation">The reputation index (docs/influence.md) over the week that ends with the span: reach-weighted net sentiment in [−100, 100].</param>
public sealed record BrandFigures(long Mentions, long Reach, long Engagement, long UniqueAuthors, SentimentTally Sentiment = default, double Reputation = 0);

/// <summary>The figures of one step of a timeseries, starting at <see cref="Start"/>.</summary>
public sealed record TimeseriesPoint(DateTimeOffset Start, BrandFigures Figures);

/// <summary>One value of a breakdown and its mentions in the window.</summary>
public sealed record SegmentFigure(string Value, long Mentions);
