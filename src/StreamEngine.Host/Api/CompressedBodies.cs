namespace StreamEngine.Host.Api;

/// <summary>
/// Request bodies may come compressed (<c>Content-Encoding: gzip</c>, <c>br</c> or <c>deflate</c>):
/// NDJSON posts shrink several times over, which is most of a firehose client's bandwidth. A body in
/// another encoding is refused with 415 rather than read as posts, and one that does not decompress
/// with 400, both naming what is wrong.
/// </summary>
internal static class CompressedBodies
{
    private static readonly string[] Supported = ["gzip", "br", "deflate", "identity"];

    public static IServiceCollection AddCompressedBodies(this IServiceCollection services) => services.AddRequestDecompression();

    public static IApplicationBuilder UseCompressedBodies(this IApplicationBuilder app)
    {
        app.Use(async (http, next) =>
        {
            var encodings = http.Request.Headers.ContentEncoding;
            if (encodings.Count == 0)
            {
                await next(http);
                return;
            }

            var named = encodings.ToString();
            if (encodings.Count > 1 || named.Contains(',', StringComparison.Ordinal)
                || !Supported.Contains(named.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                await Results.Json(
                        new ApiErrors.ErrorResponse($"Content-Encoding '{named}' is not read here; send the body as it is, or in one of gzip, br or deflate"),
                        statusCode: StatusCodes.Status415UnsupportedMediaType)
                    .ExecuteAsync(http);
                return;
            }

            try
            {
                await next(http);
            }
            catch (InvalidDataException ex) when (!http.Response.HasStarted)
            {
                http.Response.Clear();
                await ApiErrors.BadRequest($"the body is not valid {named.Trim()} (Content-Encoding): {ex.Message}").ExecuteAsync(http);
            }
        });
        return app.UseRequestDecompression();
    }
}
