using System.IO.Pipelines;
using StreamEngine.Domain.Ingest;

namespace StreamEngine.Engine.Ingest;

/// <summary>The outcome of a whole NDJSON input (a request body or a file): its chunks' outcomes summed.</summary>
/// <param name="UnreadFromLine">When the graph stayed saturated: the first line that was not taken (resend from there); else null.</param>
public sealed record SubmissionResult(IngestOutcome Total, int? UnreadFromLine);

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

        return new SubmissionResult(IngestOutcome.Sum(await Task.WhenAll(outcomes)), unread == 0 ? null : unread);
    }
}
