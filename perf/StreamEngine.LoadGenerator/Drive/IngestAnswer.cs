using System.Net;

namespace StreamEngine.LoadGenerator.Drive;

/// <summary>What a node answered to one ingest request; <see cref="Status"/> is null when no answer came.</summary>
internal sealed record IngestAnswer(long Accepted, long Rejected, long Late, long Unmatched, long Duplicates, long? UnreadFromLine, HttpStatusCode? Status, string? Error)
{
    public static IngestAnswer Failed(string error) => new(0, 0, 0, 0, 0, null, null, error);

    /// <summary>Whether the node took lines: all of them on a 200, those before unreadFromLine on a 429.</summary>
    public bool Took => Status is HttpStatusCode.OK or HttpStatusCode.TooManyRequests;
}
