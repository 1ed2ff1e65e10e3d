using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace StreamEngine.Host.Api;

/// <summary>
/// The errors the framework answers without a body (no endpoint at a path, a method an endpoint
/// does not take) get the <c>{ "error": … }</c> body every other error has, so that a client can
/// read every error one way.
/// </summary>
internal static class ErrorBodies
{
    public static Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var message = status switch
        {
            StatusCodes.Status404NotFound => $"no endpoint at {http.Request.Path}",
            StatusCodes.Status405MethodNotAllowed => $"{http.Request.Method} is not an allowed method of {http.Request.Path}: it takes {http.Response.Headers.Allow}",
            _ => ReasonPhrases.GetReasonPhrase(status),
        };
        return Results.Json(new ApiErrors.ErrorResponse(message), statusCode: status).ExecuteAsync(http);
    }
}
