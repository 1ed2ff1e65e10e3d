using System.Net;

namespace StreamEngine.LoadGenerator.Drive;

/// <summary>
/// A freshness probe's posts ride at the end of a firehose request, and the node counts them with
/// the request's; the firehose's accepted posts are the request's less the probe's it took.
/// </summary>
public static class ProbeLines
{
    /// <summary>How many of the probe's lines the node took: all of them on a 200, those before its unreadFromLine on a 429, none otherwise.</summary>
    public static int Taken(HttpStatusCode? status, long? unreadFromLine, int batchLines, int probeLines) =>
        status is not (HttpStatusCode.OK or HttpStatusCode.TooManyRequests) ? 0
        : unreadFromLine is { } unread ? (int)Math.Clamp(unread - 1L - batchLines, 0, probeLines)
        : probeLines;
}
