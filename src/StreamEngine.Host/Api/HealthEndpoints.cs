using Akka.Actor;
using StreamEngine.Host.Hosting;

namespace StreamEngine.Host.Api;

/// <summary>
/// Liveness (the actor system runs) and readiness (this node is an Up cluster member, the ingest
/// graph runs, its PostgreSQL store answers, a --replay file has been replayed, and every brand of
/// the model has recovered or failed to, which the answer then names).
/// </summary>
internal static class HealthEndpoints
{
    public sealed record HealthResponse(string Status, string? Reason = null);

    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapRead("/health/live", (ActorSystem system) =>
            system.WhenTerminated.IsCompleted
                ? Results.Json(new HealthResponse("dead", "the actor system has terminated"), statusCode: StatusCodes.Status503ServiceUnavailable)
                : Results.Ok(new HealthResponse("live")))
            .Reading();

        app.MapRead("/health/ready", async (ActorSystem system, IngestService ingest, BrandWarmup warmup, StoreProbe store, FileReplay replay, UnrecoveredBrands unrecovered, BrandQueries brands, HttpContext http) =>
        {
            if (ClusterMembership.Problem(system) is { } membership)
            {
                return Results.Json(new HealthResponse("not ready", membership), statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            if (ingest.Pipeline is null)
            {
                return Results.Json(new HealthResponse("not ready", "the ingest graph is starting"), statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            if (await store.ProblemAsync(http.RequestAborted) is { } problem)
            {
                return Results.Json(new HealthResponse("not ready", problem), statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            if (replay.Replaying is { } file)
            {
                return Results.Json(new HealthResponse("not ready", $"replaying {file}"), statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            if (!warmup.Done)
            {
                return Results.Json(new HealthResponse("not ready", "brands are recovering"), statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            // One brand whose store rows do not read back must not take the node's other brands out of service.
            // Readiness is polled, so the brands listed are asked again here, briefly: a brand of
            // another node whose store came back leaves the list once it answers.
            if (unrecovered.Watch.Failed.Count > 0)
            {
                await brands.RecheckUnrecoveredAsync(TimeSpan.FromSeconds(2), http.RequestAborted);
            }

            return unrecovered.Watch.Failed is [_, ..] failed
                ? Results.Ok(new HealthResponse("ready", $"these brands could not recover their figures from the store and answer 503 until it is mended: {string.Join(", ", failed.Select(f => f.BrandId))}"))
                : Results.Ok(new HealthResponse("ready"));
        })
            .Reading();
    }
}
