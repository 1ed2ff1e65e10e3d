namespace StreamEngine.Host.Api;

/// <summary>Every error answer has the same shape: { "error": "what is wrong and where" }.</summary>
internal static class ApiErrors
{
    public sealed record ErrorResponse(string Error);

    public static IResult BadParameter(string name, string? value, IEnumerable<string> allowed) =>
        Results.BadRequest(new ErrorResponse(
            value is null
                ? $"parameter '{name}' is required; allowed values: {string.Join(", ", allowed)}"
                : $"parameter '{name}' is '{value}'; allowed values: {string.Join(", ", allowed)}"));

    public static IResult BadRequest(string message) => Results.BadRequest(new ErrorResponse(message));

    /// <summary>413, as ingest answers a body past its limit.</summary>
    public static IResult TooLarge(string message) => Results.Json(new ErrorResponse(message), statusCode: StatusCodes.Status413PayloadTooLarge);

    public static IResult UnknownBrand(string id) => Results.NotFound(new ErrorResponse($"brand '{id}' is not in the model"));

    public static IResult Unavailable(string message) => Results.Json(new ErrorResponse(message), statusCode: StatusCodes.Status503ServiceUnavailable);
}
