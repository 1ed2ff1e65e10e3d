using System.IO.Pipelines;
using StreamEngine.Domain.Ingest;

namespace StreamEngine.Engine.Ingest;

/// <summary>The merged outcome of a whole NDJSON input (a request body or a file).</summary>
/// <param name="UnreadFromLine">When the graph stayed saturated: the first line that was not taken (resend from there); else null.</param>
public sealed record SubmissionResult(
    int Accepted,
    int Rejected,
    int Late,
    int Unmatched,
    int Duplicates,
    IReadOnlyList<LineError> Errors,
    bool Journaled,
    string? Failure,
    int? UnreadFromLine);

/// <summary>Feeds a whole NDJSON input through the graph chunk by chunk and waits until each chunk is journaled.</summary>
public static class IngestSubmission
{
    public static async Task<SubmissionResult> SubmitAsync(IngestPipeline pipeline, PipeReader input, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var outcomes = new List<Task<IngestOutcome>>();
        var unread = await NdjsonChunker.ReadAsync(input, async chunk =>
        {
            if (!await pipeline.TryEnqueueAsync(chunk, maxWait, cancellationToken))
            {
                return false;
            }

            outcomes.Add(chunk.Outcome);
            return true;
        }, cancellationToken);

        var done = await Task.WhenAll(outcomes);
        var failure = done.Select(o => o.Failure).FirstOrDefault(f => f is not null);
        return new SubmissionResult(
            done.Sum(o => o.Accepted),
            done.Sum(o => o.Rejected),
            done.Sum(o => o.Late),
            done.Sum(o => o.Unmatched),
            done.Sum(o => o.Duplicates),
            done.SelectMany(o => o.Errors).ToList(),
            done.All(o => o.Journaled),
            failure,
            unread == 0 ? null : unread);
    }
}
