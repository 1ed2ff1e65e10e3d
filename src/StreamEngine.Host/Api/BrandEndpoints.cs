using System.Diagnostics;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Engine.Brands;
using StreamEngine.Engine.Ingest;
using StreamEngine.Engine.Telemetry;
using StreamEngine.Host.Hosting;

namespace StreamEngine.Host.Api;

/// <summary>The dashboard's read side: brand list, summary, timeseries and segments, each answered by the brand's actor.</summary>
internal static class BrandEndpoints
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    public sealed record BrandListing(string Id, string Name, IReadOnlyList<string> Competitors);

    public sealed record SummaryResponse(
        string Brand, string Window, DateTimeOffset AsOf, long Mentions, long Reach, long Engagement, long UniqueAuthors, SentimentResponse Sentiment, double Reputation);

    public sealed record PointResponse(DateTimeOffset T, long Mentions, long Reach, long Engagement, long UniqueAuthors, SentimentResponse Sentiment, double Reputation);

    public sealed record TimeseriesResponse(string Brand, string Window, string Step, IReadOnlyList<PointResponse> Points);

    public sealed record SegmentResponse(string Value, long Mentions, double Share, AspectResponse? Sentiment = null);

    /// <summary>The sentiment of the clauses around a concept: aspect sentiment.</summary>
    public sealed record AspectResponse(long Positive, long Neutral, long Negative, double NetSentiment);

    public sealed record SegmentsResponse(string Brand, string Window, string By, long Mentions, IReadOnlyList<SegmentResponse> Segments);

    public static void MapBrandEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapRead("/api/brands", (CurrentModel model) =>
            model.Model.Brands.Select(b => new BrandListing(b.Id, b.Name, b.Competitors)))
            .Reading();

        app.MapRead("/api/brands/{id}/summary", async (string id, string? window, CurrentModel model, BrandQueries brands) =>
        {
            if (Check(model, id, window, out var w) is { } error)
            {
                return error;
            }

            var summary = await Ask<BrandSummary>(brands, new GetBrandSummary(id, w), "summary");
            var f = summary.Figures;
            return Results.Ok(new SummaryResponse(id, w.Name, summary.AsOf, f.Mentions, f.Reach, f.Engagement, f.UniqueAuthors, SentimentResponse.Of(f.Sentiment), f.Reputation));
        })
            .Reading("window");

        app.MapRead("/api/brands/{id}/timeseries", async (string id, string? window, string? step, CurrentModel model, BrandQueries brands) =>
        {
            if (Check(model, id, window, out var w) is { } error)
            {
                return error;
            }

            var s = w.Steps[0];
            if (step is not null && (!TimeSteps.TryParse(step, out s) || !w.Steps.Contains(s)))
            {
                return ApiErrors.BadParameter("step", step, w.Steps.Select(x => x.ToName()));
            }

            var series = await Ask<BrandTimeseries>(brands, new GetBrandTimeseries(id, w, s), "timeseries");
            return Results.Ok(new TimeseriesResponse(id, w.Name, s.ToName(), series.Points.Select(PointOf).ToList()));
        })
            .Reading("window", "step");

        app.MapRead("/api/brands/{id}/segments", async (string id, string? by, string? window, CurrentModel model, BrandQueries brands) =>
        {
            if (Check(model, id, window, out var w) is { } error)
            {
                return error;
            }

            if (!SegmentDimensions.TryParse(by, out var dimension))
            {
                return ApiErrors.BadParameter("by", by, SegmentDimensions.Accepted);
            }

            var segments = await Ask<BrandSegments>(brands, new GetBrandSegments(id, dimension, w), "segments");
            return Results.Ok(new SegmentsResponse(id, w.Name, dimension.ToName(), segments.Mentions, SegmentsOf(segments)));
        })
            .Reading("by", "window");
    }

    internal static PointResponse PointOf(TimeseriesPoint p) =>
        new(p.Start, p.Figures.Mentions, p.Figures.Reach, p.Figures.Engagement, p.Figures.UniqueAuthors, SentimentResponse.Of(p.Figures.Sentiment), p.Figures.Reputation);

    /// <summary>Each value with its share of the brand's mentions and, for concepts, the aspect sentiment.</summary>
    internal static IReadOnlyList<SegmentResponse> SegmentsOf(BrandSegments segments) =>
        segments.Segments.Select(s => new SegmentResponse(s.Value, s.Mentions,
            segments.Mentions == 0 ? 0 : Rounded.To((double)s.Mentions / segments.Mentions, 4),
            segments.Aspects.TryGetValue(s.Value, out var a) ? new AspectResponse(a.Positive, a.Neutral, a.Negative, Rounded.To(a.NetSentiment, 2)) : null)).ToList();

    /// <summary>404 for a brand the model does not know, 400 for a window it does not offer; null when both are fine.</summary>
    internal static IResult? Check(CurrentModel model, string id, string? window, out TimeWindow parsed)
    {
        parsed = TimeWindow.OneDay;
        if (!model.Model.TryGetBrand(id, out _))
        {
            return ApiErrors.UnknownBrand(id);
        }

        return window is null || TimeWindow.TryParse(window, out parsed)
            ? null
            : ApiErrors.BadParameter("window", window, TimeWindow.Accepted);
    }

    internal static async Task<T> Ask<T>(BrandQueries brands, IBrandMessage query, string endpoint)
    {
        var started = Stopwatch.GetTimestamp();
        var answer = await brands.AskAsync<T>(query, AskTimeout);
        EngineMetrics.QuerySeconds.WithLabels(endpoint).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        return answer;
    }
}
