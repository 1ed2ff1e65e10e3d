using System.Diagnostics;
using StreamEngine.Engine.Brands;
using StreamEngine.Engine.Ingest;
using StreamEngine.Engine.Telemetry;
using StreamEngine.Host.Hosting;

namespace StreamEngine.Host.Api;

/// <summary>GET /api/brands/{id}/compare: the brand against its competitor set, brands asked in parallel across shards.</summary>
internal static class CompareEndpoints
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    public sealed record CompareResponse(string Brand, string Window, IReadOnlyList<CompetitorStandings.StandingResponse> Brands);

    public static void MapCompareEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapRead("/api/brands/{id}/compare", async (string id, string? window, CurrentModel current, BrandQueries brands) =>
        {
            if (BrandEndpoints.Check(current, id, window, out var w) is { } error)
            {
                return error;
            }

            // The model can be swapped live between the check and here.
            var model = current.Model;
            if (!model.TryGetBrand(id, out var brand))
            {
                return ApiErrors.UnknownBrand(id);
            }

            var started = Stopwatch.GetTimestamp();
            var standings = await CompetitorStandings.CompareAsync(brands, model, brand, w, AskTimeout);
            EngineMetrics.QuerySeconds.WithLabels("compare").Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
            return Results.Ok(new CompareResponse(id, w.Name, standings));
        })
            .Reading("window");
    }
}
