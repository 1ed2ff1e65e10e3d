using StreamEngine.Domain.Ingest;

namespace StreamEngine.Engine.Ingest;

/// <summary>A run of NDJSON lines from one source on its way through the graph, with the promise its sender waits on.</summary>
public sealed class IngestChunk
{
    private readonly TaskCompletionSource<IngestOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IngestChunk(ReadOnlyMemory<byte> lines, int firstLine)
    {
        Lines = lines;
        FirstLine = firstLine;
        LineCount = lines.Span.Count((byte)'\n') + (lines.Span.EndsWith("\n"u8) || lines.IsEmpty ? 0 : 1);
    }

    private IngestChunk(int line, string reason)
    {
        FirstLine = line;
        LineCount = 1;
        RefusedBeforeReading = new LineError(line, reason);
    }

    public ReadOnlyMemory<byte> Lines { get; }

    /// <summary>The 1-based number of the first line within the sender's input.</summary>
    public int FirstLine { get; }

    /// <summary>How many input lines the chunk stands for.</summary>
    public int LineCount { get; }

    /// <summary>A line refused before it could be read at all (too long); such a chunk carries no bytes.</summary>
    public LineError? RefusedBeforeReading { get; }

    public Task<IngestOutcome> Outcome => _outcome.Task;

    internal ChunkReading? Reading { get; set; }

    public static IngestChunk RefusedLine(int line, string reason) => new(line, reason);

    internal void Complete(IngestOutcome outcome) => _outcome.TrySetResult(outcome);
}
