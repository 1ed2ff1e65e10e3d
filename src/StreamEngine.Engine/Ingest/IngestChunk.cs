using StreamEngine.Domain.Ingest;

namespace StreamEngine.Engine.Ingest;

/// <summary>A run of NDJSON lines from one source on its way through the graph, with the promise its sender waits on.</summary>
public sealed class IngestChunk(ReadOnlyMemory<byte> lines, int firstLine)
{
    private readonly TaskCompletionSource<IngestOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ReadOnlyMemory<byte> Lines { get; } = lines;

    /// <summary>The 1-based number of the first line within the sender's input.</summary>
    public int FirstLine { get; } = firstLine;

    public Task<IngestOutcome> Outcome => _outcome.Task;

    internal ChunkReading? Reading { get; set; }

    internal void Complete(IngestOutcome outcome) => _outcome.TrySetResult(outcome);
}
