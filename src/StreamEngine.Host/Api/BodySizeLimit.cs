namespace StreamEngine.Host.Api;

/// <summary>
/// The most a request body may carry, decompressed, and the answer past it: a 413 in the API's
/// error shape naming the limit, where Kestrel's own is empty. Ingest answers for the lines it read
/// before the limit as well (<see cref="SizeLimitedBodyReader"/>).
/// </summary>
internal static class BodySizeLimit
{
    public const long MaxBytes = 1L << 30;

    public const string TooLarge = "the body is larger than 1 GiB (counted after decompression), the most one request may carry";

    /// <summary>Whether the exception is the server's refusal of a body past <see cref="MaxBytes"/>.</summary>
    public static bool IsExceeded(Exception ex) => ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge };

    public static IApplicationBuilder UseBodySizeLimitAnswers(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            try
            {
                await next(http);
            }
            catch (BadHttpRequestException ex) when (IsExceeded(ex) && !http.Response.HasStarted)
            {
                http.Response.Clear();
                await Results.Json(new ApiErrors.ErrorResponse(TooLarge), statusCode: StatusCodes.Status413PayloadTooLarge).ExecuteAsync(http);
            }
        });
}
