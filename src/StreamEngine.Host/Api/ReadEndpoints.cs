namespace StreamEngine.Host.Api;

/// <summary>
/// Endpoints that answer GET answer HEAD too, as RFC 9110 asks of every server: uptime monitors and
/// load balancers probe with it. Kestrel sends a HEAD the headers of the GET and drops its body.
/// </summary>
internal static class ReadEndpoints
{
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    public static RouteHandlerBuilder MapRead(this IEndpointRouteBuilder app, string pattern, Delegate handler) =>
        app.MapMethods(pattern, GetAndHead, handler);

    /// <summary>Limits an endpoint mapped for every method (the metrics) to GET and HEAD.</summary>
    public static TBuilder OnlyRead<TBuilder>(this TBuilder endpoint)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new HttpMethodMetadata(GetAndHead));
}
