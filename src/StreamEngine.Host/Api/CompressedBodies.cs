using StreamEngine.Engine.Ingest;

namespace StreamEngine.Host.Api;

/// <summary>
/// Request bodies may come compressed (<c>Content-Encoding: gzip</c>, <c>br</c> or <c>deflate</c>):
/// NDJSON posts shrink several times over, which is most of a firehose client's bandwidth. A body in
/// another encoding is refused with 415 rather than read as posts, and one that does not decompress
/// with 400, both naming what is wrong; ingest answers for the lines it read before that.
/// </summary>
internal static class CompressedBodies
{
    private static readonly string[] Decoded = ["gzip", "br", "deflate"];
    private static readonly object EncodingKey = new();

    public static IServiceCollection AddCompressedBodies(this IServiceCollection services) => services.AddRequestDecompression();

    public static IApplicationBuilder UseCompressedBodies(this IApplicationBuilder app)
    {
        app.Use(async (http, next) =>
        {
            var named = http.Request.Headers.ContentEncoding.ToString().Trim();
            if (named.Length == 0 || named.Equals("identity", StringComparison.OrdinalIgnoreCase))
            {
                await next(http);
                return;
            }

            if (!Decoded.Contains(named, StringComparer.OrdinalIgnoreCase))
            {
                await Results.Json(
                        new ApiErrors.ErrorResponse($"Content-Encoding '{named}' is not read here; send the body as it is, or in one of gzip, br or deflate"),
                        statusCode: StatusCodes.Status415UnsupportedMediaType)
                    .ExecuteAsync(http);
                return;
            }

            // The decompression takes the header away once it has read it, and builds its decoder on
            // the body as it is now.
            var received = new ReceivedBody(http.Request.Body);
            http.Request.Body = received;
            http.Items[EncodingKey] = (named.ToLowerInvariant(), received);
            try
            {
                await next(http);
            }
            catch (UnreadableInputException ex) when (!http.Response.HasStarted)
            {
                http.Response.Clear();
                await ApiErrors.BadRequest(ex.Message).ExecuteAsync(http);
            }
        });
        app.UseRequestDecompression();

        // Behind the decompression, so that what it cannot decode is told apart from a connection
        // that failed.
        return app.Use((http, next) =>
        {
            if (http.Items.TryGetValue(EncodingKey, out var item) && item is (string encoding, ReceivedBody received))
            {
                http.Request.Body = new DecodedBody(http.Request.Body, encoding, received);
            }

            return next(http);
        });
    }
}
