using StreamEngine.Engine.Ingest;

namespace StreamEngine.Host.Api;

/// <summary>
/// The query parameters an endpoint reads. Any other is refused with a 400 naming it: a misspelt
/// parameter (<c>windows=1h</c>) would otherwise be answered for the default, as if it were right.
/// <c>_</c>, which some dashboards add to keep caches from answering for the node, is let through.
/// A brand the model does not have is answered first, as every brand endpoint answers it: 404.
/// </summary>
internal static class QueryParameters
{
    public const string CacheBuster = "_";

    public static RouteHandlerBuilder Reading(this RouteHandlerBuilder endpoint, params string[] names) =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (Unknown(http.Request.Query, names) is not { } name || !KnowsBrand(http))
            {
                return await next(context);
            }

            var reads = names.Length == 0 ? "it reads none" : $"it reads {string.Join(", ", names)}";
            return ApiErrors.BadRequest(name.Length == 0
                ? $"a parameter without a name ('=' with nothing before it) is not one this endpoint reads: {reads}"
                : $"parameter '{name}' is not one this endpoint reads: {reads}");
        });

    /// <summary>The first parameter of <paramref name="query"/> not among <paramref name="names"/>: matched without regard to case, as they are bound.</summary>
    private static string? Unknown(IQueryCollection query, string[] names)
    {
        foreach (var key in query.Keys)
        {
            if (key != CacheBuster && !names.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                return key;
            }
        }

        return null;
    }

    /// <summary>Whether the request names no brand, or one of the model's.</summary>
    private static bool KnowsBrand(HttpContext http) =>
        http.GetRouteValue("id") is not string id || http.RequestServices.GetRequiredService<CurrentModel>().Model.TryGetBrand(id, out _);
}
