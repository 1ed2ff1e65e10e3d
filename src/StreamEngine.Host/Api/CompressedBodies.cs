using System.IO.Compression;
using Microsoft.AspNetCore.RequestDecompression;
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
    private static readonly string[] Decoded = ["gzip", "x-gzip", "br", "deflate"];

    public static IServiceCollection AddCompressedBodies(this IServiceCollection services) =>
        services.AddRequestDecompression(options =>
        {
            // The decoders ASP.NET Core reads these with, each between the connection and the reader,
            // so that what a decoder cannot decode is told apart from a connection that failed.
            options.DecompressionProviders["gzip"] = new Decoding("gzip", s => new GZipStream(s, CompressionMode.Decompress, leaveOpen: true));

            // RFC 9110: a recipient should read x-gzip as gzip.
            options.DecompressionProviders["x-gzip"] = new Decoding("x-gzip", s => new GZipStream(s, CompressionMode.Decompress, leaveOpen: true));
            options.DecompressionProviders["br"] = new Decoding("br", s => new BrotliStream(s, CompressionMode.Decompress, leaveOpen: true));
            options.DecompressionProviders["deflate"] = new Decoding("deflate", s => new ZLibStream(s, CompressionMode.Decompress, leaveOpen: true));
        });

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
        return app.UseRequestDecompression();
    }

    private sealed class Decoding(string encoding, Func<Stream, Stream> decoder) : IDecompressionProvider
    {
        public Stream GetDecompressionStream(Stream stream)
        {
            var received = new ReceivedBody(stream);
            return new DecodedBody(decoder(received), encoding, received);
        }
    }
}
