using Akka.Actor;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Engine.Brands;

namespace StreamEngine.Engine.Tests;

/// <summary>
/// Everything a dashboard can read about one brand: the summary of every window, every breakdown
/// of every window and every timeseries. Two views are equal when every figure is.
/// </summary>
internal sealed class BrandView
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(15);

    public Dictionary<string, BrandFigures> Summaries { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, IReadOnlyList<SegmentFigure>> Segments { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> SegmentMentions { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, IReadOnlyList<TimeseriesPoint>> Timeseries { get; } = new(StringComparer.Ordinal);

    /// <summary>What the aggregate itself says at <paramref name="now"/>: the expected answers of a brand actor holding it.</summary>
    public static BrandView Of(BrandAggregate aggregate, DateTimeOffset now)
    {
        var view = new BrandView();
        foreach (var window in TimeWindow.All)
        {
            var summary = aggregate.Summary(window, now);
            view.Summaries[window.Name] = summary;
            foreach (var dimension in Enum.GetValues<SegmentDimension>())
            {
                view.Segments[Key(window, dimension)] = aggregate.Segments(dimension, window, now);
                view.SegmentMentions[Key(window, dimension)] = summary.Mentions;
            }

            foreach (var step in window.Steps)
            {
                view.Timeseries[Key(window, step)] = aggregate.Timeseries(window, step, now);
            }
        }

        return view;
    }

    /// <summary>Asks a brand actor every query there is.</summary>
    public static async Task<BrandView> Of(IActorRef brand, string brandId)
    {
        var view = new BrandView();
        foreach (var window in TimeWindow.All)
        {
            var summary = await brand.Ask<BrandSummary>(new GetBrandSummary(brandId, window), AskTimeout);
            Assert.Equal(brandId, summary.BrandId);
            view.Summaries[window.Name] = summary.Figures;
            foreach (var dimension in Enum.GetValues<SegmentDimension>())
            {
                var segments = await brand.Ask<BrandSegments>(new GetBrandSegments(brandId, dimension, window), AskTimeout);
                Assert.Equal(dimension, segments.Dimension);
                view.Segments[Key(window, dimension)] = segments.Segments;
                view.SegmentMentions[Key(window, dimension)] = segments.Mentions;
            }

            foreach (var step in window.Steps)
            {
                var series = await brand.Ask<BrandTimeseries>(new GetBrandTimeseries(brandId, window, step), AskTimeout);
                Assert.Equal(step, series.Step);
                view.Timeseries[Key(window, step)] = series.Points;
            }
        }

        return view;
    }

    public static void AssertEqual(BrandView expected, BrandView actual)
    {
        Assert.Equal(expected.Summaries.Keys.Order(StringComparer.Ordinal), actual.Summaries.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, figures) in expected.Summaries)
        {
            Assert.True(figures == actual.Summaries[key], $"summary {key}: expected {figures}, got {actual.Summaries[key]}");
        }

        Assert.Equal(expected.Segments.Keys.Order(StringComparer.Ordinal), actual.Segments.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, segments) in expected.Segments)
        {
            Assert.Equal(segments, actual.Segments[key]);
            Assert.Equal(expected.SegmentMentions[key], actual.SegmentMentions[key]);
        }

        Assert.Equal(expected.Timeseries.Keys.Order(StringComparer.Ordinal), actual.Timeseries.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, points) in expected.Timeseries)
        {
            Assert.Equal(points, actual.Timeseries[key]);
        }
    }

    private static string Key(TimeWindow window, SegmentDimension dimension) => $"{window.Name}/{dimension}";

    private static string Key(TimeWindow window, TimeStep step) => $"{window.Name}/{step}";
}
