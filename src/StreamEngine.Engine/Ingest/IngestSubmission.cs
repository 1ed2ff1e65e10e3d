using System.IO.Pipelines;
using StreamEngine.Domain.Ingest;

namespace StreamEngine.Engine.Ingest;

/// <summary>The outcome of a whole NDJSON input (a request body or a file): its chunks' outcomes summed.</summary>
/// <param name="UnreadFromLine">When the graph stayed saturated, or the input could not be read further: the first line that was not taken (resend from there); else null.</param>
/// <param name="UnreadableInput">Why the input could not be read from <paramref name="UnreadFromLine"/> on (a body that does not decompress); null when it could.</param>
public sealed record SubmissionResult(IngestOutcome Total, int? UnreadFromLine, string? UnreadableInput = null);

/// <summary>Feeds a whole NDJSON input through the graph chunk by chunk and waits until each chunk is journaled.</summary>
public static class IngestSubmission
{
    /// <param name="firstLine">The number of the input's first line in its source.</param>
    /// <param name="journaled">Told of the input's lines journaled from its start, as they grow (<see cref="JournaledLines"/>).</param>
    public static async Task<SubmissionResult> SubmitAsync(
        IngestPipeline pipeline, PipeReader input, TimeSpan maxWait, CancellationToken cancellationToken, int firstLine = 1, JournaledLines? journaled = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var outcomes = new List<Task<IngestOutcome>>();
        try
        {
            var unread = await NdjsonChunker.ReadAsync(input, async chunk =>
            {
                if (!await pipeline.TryEnqueueAsync(chunk, maxWait, cancellationToken))
                {
                    return false;
                }

                outcomes.Add(chunk.Outcome);
                journaled?.Add(chunk);
                return true;
            }, cancellationToken, firstLine);

            var total = IngestOutcome.Sum(await Task.WhenAll(outcomes));
            journaled?.Settle();
            return new SubmissionResult(total, unread == 0 ? null : unread);
        }
        catch (UnreadableInputException ex)
        {
            // The lines handed over before are journaled all the same: they are answered for, so that
            // only the rest is sent again.
            var total = IngestOutcome.Sum(await Task.WhenAll(outcomes));
            journaled?.Settle();
            return new SubmissionResult(total, ex.FromLine, ex.Message);
        }
    }
}
