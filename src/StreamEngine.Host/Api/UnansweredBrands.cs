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
            http.Response.Clear();
            http.Response.Headers.RetryAfter = "5";
            // What readiness last found: a query must not wait on a probe of its own.
            var store = http.RequestServices.GetService<StoreProbe>()?.LastProblem;
            await ApiErrors.Unavailable(store is null
                    ? "a brand did not answer in time: its store may be unreachable or its shard moving between nodes; try again"
                    : $"a brand did not answer in time: {store}; try again")
                .ExecuteAsync(http);
        }
        catch (BrandUnavailableException ex) when (!http.Response.HasStarted)
        {
            http.Response.Clear();
            http.Response.Headers.RetryAfter = "5";
            await ApiErrors.Unavailable(ex.Message).ExecuteAsync(http);
        }
    });
}
