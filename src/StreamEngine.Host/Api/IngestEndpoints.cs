using System.Globalization;
using Akka.Actor;
using StreamEngine.Domain.Ingest;
using StreamEngine.Engine.Ingest;
using StreamEngine.Host.Configuration;
using StreamEngine.Host.Hosting;

namespace StreamEngine.Host.Api;

/// <summary>POST /api/ingest: NDJSON in, per-line verdicts out, answered once the accepted posts are journaled.</summary>
internal static class IngestEndpoints
{
    private const int MaxErrorsListed = 1000;

    public sealed record IngestResponse(
        int Accepted,
        int Rejected,
        int Late,
        int Unmatched,
        int Duplicates,
        IReadOnlyList<LineError> Errors,
        int? ErrorsNotListed,
        int? UnreadFromLine,
        string? Error);

    private const string StoppingMessage = "this node is stopping; send the posts to another node, or again once it has restarted";

    private static string? ErrorOf(SubmissionResult result, bool stopping, bool tooLarge)
    {
        // The reason may be a decoder's own sentence, with its full stop.
        var reason = result.UnreadableInput?.TrimEnd('.');
        var notRead = result.UnreadFromLine is not { } line ? null
            : reason is { } tooMuch && tooLarge ? $"{tooMuch}: lines from {line} on were not read; send them in further requests"
            : reason is { } unreadable ? $"{unreadable}: lines from {line} on were not read; send them again once mended"
            : stopping ? $"{StoppingMessage}: lines from {line} on were not read"
            : $"the ingest graph is saturated: lines from {line} on were not read; send them again after Retry-After";
        return (result.Total.Failure, notRead) switch
        {
            ({ } failure, { } rest) => $"{failure}; and {rest}",
            (var failure, var rest) => failure ?? rest,
        };
    }

    public static void MapIngestEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/ingest", async (HttpContext http, IngestService ingest, StreamEngineOptions options, ActorSystem system) =>
        {
            if (ingest.Pipeline is not { } pipeline)
            {
                return ApiErrors.Unavailable("the ingest graph is still starting");
            }

            if (ingest.IsStopping)
            {
                http.Response.Headers.RetryAfter = "5";
                CloseAfterAnswer(http);
                return ApiErrors.Unavailable(StoppingMessage);
            }

            // Its brands' shards are out of its reach: the posts would wait out the round's whole timeout.
            if (ClusterMembership.Problem(system) is { } membership)
            {
                http.Response.Headers.RetryAfter = "5";
                return ApiErrors.Unavailable($"{membership}; send the posts to another node");
            }

            var body = new SizeLimitedBodyReader(http.Request.BodyReader);

            // A body still streaming in when the node starts stopping is read no further: the lines
            // not yet handed on are answered as unread, for another node.
            using var stopReading = ingest.Stopping.Register(body.CancelPendingRead);
            var result = await IngestSubmission.SubmitAsync(pipeline, body, TimeSpan.FromSeconds(options.IngestWaitSeconds), http.RequestAborted);
            if (ingest.IsStopping && result.UnreadFromLine is not null)
            {
                CloseAfterAnswer(http);
            }

            var listed = result.Total.Errors.Take(MaxErrorsListed).ToList();
            var response = new IngestResponse(
                result.Total.Accepted,
                result.Total.Rejected,
                result.Total.Late,
                result.Total.Unmatched,
                result.Total.Duplicates,
                listed,
                result.Total.Errors.Count > listed.Count ? result.Total.Errors.Count - listed.Count : null,
                result.UnreadFromLine,
                ErrorOf(result, ingest.IsStopping, body.Exceeded));

            // Taken lines the store failed are the node's to mend first, whatever else stopped the
            // reading: the whole body is to be sent again.
            if (!result.Total.Journaled)
            {
                http.Response.Headers.RetryAfter = "5";
                return Results.Json(response, statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            // The lines before were taken; those from UnreadFromLine on are for another request.
            if (body.Exceeded)
            {
                return Results.Json(response, statusCode: StatusCodes.Status413PayloadTooLarge);
            }

            // The lines before were taken; those from UnreadFromLine on are the client's to mend.
            if (result.UnreadableInput is not null)
            {
                return Results.Json(response, statusCode: StatusCodes.Status400BadRequest);
            }

            // Lines a stopping node did not read are for another node, not for a retry here.
            if (result.UnreadFromLine is not null && ingest.IsStopping)
            {
                http.Response.Headers.RetryAfter = "5";
                return Results.Json(response, statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            if (result.UnreadFromLine is not null)
            {
                http.Response.Headers.RetryAfter = "1";
                return Results.Json(response, statusCode: StatusCodes.Status429TooManyRequests);
            }

            return Results.Ok(response);
        })
            .Reading();
    }

    /// <summary>How long a client has to read a stopping node's answer before its connection is cut.</summary>
    private static readonly TimeSpan AnswerReadTime = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Closes the connection of a body not read to its end once a stopping node has answered it.
    /// The server reads the rest of a body still streaming in before it lets a connection go,
    /// whatever the answer says, and a stopping node waits for its connections: a client sending on
    /// held the node 33 s, up to the host's shutdown timeout. The client has the answer a moment
    /// before the connection is cut, since data the peer has not read is lost to a reset.
    /// </summary>
    private static void CloseAfterAnswer(HttpContext http)
    {
        http.Response.Headers.Connection = "close";
        http.Response.OnCompleted(async () =>
        {
            await Task.Delay(AnswerReadTime);
            http.Abort();
        });
    }
}
