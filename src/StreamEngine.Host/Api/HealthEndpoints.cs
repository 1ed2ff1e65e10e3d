using Akka.Actor;
using Akka.Cluster;
using StreamEngine.Host.Hosting;

namespace StreamEngine.Host.Api;

/// <summary>Liveness (the actor system runs) and readiness (this node is an Up cluster member and the ingest graph runs).</summary>
internal static class HealthEndpoints
{
    public sealed record HealthResponse(string Status, string? Reason = null);

    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", (ActorSystem system) =>
            system.WhenTerminated.IsCompleted
                ? Results.Json(new HealthResponse("dead", "the actor system has terminated"), statusCode: StatusCodes.Status503ServiceUnavailable)
                : Results.Ok(new HealthResponse("live")));

        app.MapGet("/health/ready", (ActorSystem system, IngestService ingest) =>
        {
            var status = Cluster.Get(system).SelfMember.Status;
            if (status != MemberStatus.Up)
            {
                return Results.Json(new HealthResponse("not ready", $"cluster membership is {status}"), statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            return ingest.Pipeline is null
                ? Results.Json(new HealthResponse("not ready", "the ingest graph is starting"), statusCode: StatusCodes.Status503ServiceUnavailable)
                : Results.Ok(new HealthResponse("ready"));
        });
    }
}
