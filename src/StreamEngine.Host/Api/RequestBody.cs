namespace StreamEngine.Host.Api;

/// <summary>Reads a request body into memory, no further than a bound: a body too large is refused before it is all read.</summary>
internal static class RequestBody
{
    /// <summary>The body, or null when it is longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<MemoryStream?> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        var body = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int count;
        while ((count = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (body.Length + count > maxBytes)
            {
                await body.DisposeAsync();
                return null;
            }

            body.Write(chunk, 0, count);
        }

        return body;
    }
}
