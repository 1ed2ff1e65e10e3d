namespace StreamEngine.Domain.Aggregates;

/// <summary>The headline figures of a brand over a span of time.</summary>
public sealed record BrandFigures(long Mentions, long Reach, long Engagement, long UniqueAuthors, SentimentTally Sentiment = default);

/// <summary>The figures of one step of a timeseries, starting at <see cref="Start"/>.</summary>
public sealed record TimeseriesPoint(DateTimeOffset Start, BrandFigures Figures);

/// <summary>One value of a breakdown and its mentions in the window.</summary>
public sealed record SegmentFigure(string Value, long Mentions);
