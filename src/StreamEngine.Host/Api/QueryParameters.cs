namespace StreamEngine.Host.Api;

/// <summary>
/// The query parameters an endpoint reads. Any other is refused with a 400 naming it: a misspelt
/// parameter (<c>windows=1h</c>) would otherwise be answered for the default, as if it were right.
/// <c>_</c>, which some dashboards add to keep caches from answering for the node, is let through.
/// </summary>
internal static class QueryParameters
{
    public const string CacheBuster = "_";

    public static RouteHandlerBuilder Reading(this RouteHandlerBuilder endpoint, params string[] names) =>
        endpoint.AddEndpointFilter(async (context, next) =>
            Unknown(context.HttpContext.Request.Query, names) is { } name
                ? ApiErrors.BadRequest(names.Length == 0
                    ? $"parameter '{name}' is not one this endpoint reads: it reads none"
                    : $"parameter '{name}' is not one this endpoint reads: it reads {string.Join(", ", names)}")
                : await next(context));

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
}
