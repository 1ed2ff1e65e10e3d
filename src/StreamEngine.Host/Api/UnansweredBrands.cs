using Akka.Actor;
using StreamEngine.Engine.Brands;
using StreamEngine.Host.Hosting;

namespace StreamEngine.Host.Api;

/// <summary>
/// A brand that does not answer a query in time (its store unreachable, its shard moving between
/// nodes), or that could not recover its figures from the store, is a 503 with the usual error body
/// that says so, not an empty 500.
/// </summary>
internal static class UnansweredBrands
{
    public static IApplicationBuilder UseUnansweredBrandsAs503(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        try
        {
            await next(http);
        }
        catch (AskTimeoutException) when (!http.Response.HasStarted)
        {
            // What readiness last found: a query must not wait on a probe of its own.
            var store = http.RequestServices.GetService<StoreProbe>()?.LastProblem;
            await AnswerAsync(http, NodeProblem(http) is { } node
                ? $"a brand did not answer in time: {node}"
                : store is null
                    ? "a brand did not answer in time: its store may be unreachable or its shard moving between nodes; try again"
                    : $"a brand did not answer in time: {store}; try again");
        }
        catch (BrandUnavailableException ex) when (!http.Response.HasStarted)
        {
            // The brand's own cause (a failed recovery or journal write) stands, unless the node is stopping.
            await AnswerAsync(http, IsStopping(http) ? $"a brand could not answer: {Stopping}" : ex.Message);
        }
    });

    private static async Task AnswerAsync(HttpContext http, string message)
    {
        http.Response.Clear();
        http.Response.Headers.RetryAfter = "5";
        await ApiErrors.Unavailable(message).ExecuteAsync(http);
    }

    /// <summary>
    /// Why this node, rather than the brand, could not answer: it is stopping, or it is not an Up
    /// member of its cluster (its seed nodes never answered); null when it is running as one.
    /// </summary>
    private static string? NodeProblem(HttpContext http)
    {
        if (IsStopping(http))
        {
            return Stopping;
        }

        return http.RequestServices.GetService<ActorSystem>() is { } system ? ClusterMembership.Problem(system) : null;
    }

    private const string Stopping = "this node is stopping; ask another node, or again once it has restarted";

    private static bool IsStopping(HttpContext http) =>
        http.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping.IsCancellationRequested == true;
}
