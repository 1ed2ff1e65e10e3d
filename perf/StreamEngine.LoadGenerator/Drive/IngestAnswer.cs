using System.Net;
using System.Text.Json;

namespace StreamEngine.LoadGenerator.Drive;

/// <summary>What a node answered to one ingest request; <see cref="Status"/> is null when no answer came.</summary>
internal sealed record IngestAnswer(long Accepted, long Rejected, long Late, long Unmatched, long Duplicates, long? UnreadFromLine, HttpStatusCode? Status, string? Error)
{
    public static IngestAnswer Failed(string error) => new(0, 0, 0, 0, 0, null, null, error);

    /// <summary>Whether the node took lines: all of them on a 200, those before unreadFromLine on a 429.</summary>
    public bool Took => Status is HttpStatusCode.OK or HttpStatusCode.TooManyRequests;

    /// <summary>
    /// The answer to a request of <paramref name="lines"/> lines. A 200 or 429 that does not read as the
    /// node's ingest answer (no JSON, or more posts counted than were sent) is a failed request, not
    /// posts taken: what a drive reports is what the node said it took, and a proxy's page or a stub's
    /// made-up counts would pass for a node taking the load.
    /// </summary>
    public static IngestAnswer Read(HttpStatusCode status, ReadOnlySpan<byte> body, long lines)
    {
        var code = (int)status;
        IngestAnswer answer;
        try
        {
            using var doc = JsonDocument.Parse(body.ToArray());
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || (status is HttpStatusCode.OK or HttpStatusCode.TooManyRequests && !(root.TryGetProperty("accepted", out var counted) && counted.ValueKind == JsonValueKind.Number)))
            {
                throw new JsonException("not an ingest answer");
            }

            answer = new IngestAnswer(
                Get(root, "accepted"), Get(root, "rejected"), Get(root, "late"), Get(root, "unmatched"), Get(root, "duplicates"),
                root.TryGetProperty("unreadFromLine", out var u) && u.ValueKind == JsonValueKind.Number ? u.GetInt64() : null,
                status,
                root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null);
        }
        catch (JsonException)
        {
            return status is HttpStatusCode.OK or HttpStatusCode.TooManyRequests
                ? Failed($"HTTP {code} without the JSON of an ingest answer")
                : new IngestAnswer(0, 0, 0, 0, 0, null, status, $"HTTP {code} without a JSON body");
        }

        if (answer.Took && (answer.Accepted < 0 || answer.Rejected < 0 || answer.Accepted + answer.Rejected > lines))
        {
            return Failed($"HTTP {code} counting {answer.Accepted} posts accepted and {answer.Rejected} rejected of a request of {lines} lines");
        }

        return answer;

        static long Get(JsonElement root, string name) =>
            root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : 0;
    }
}
