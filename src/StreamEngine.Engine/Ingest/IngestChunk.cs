using System.Buffers;
using StreamEngine.Domain.Ingest;

namespace StreamEngine.Engine.Ingest;

/// <summary>A run of NDJSON lines from one source on its way through the graph, with the promise its sender waits on.</summary>
public sealed class IngestChunk
{
    private readonly TaskCompletionSource<IngestOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // The array the lines were copied into when it came from the shared pool: returned there once
    // they are read. Chunks are a quarter of a megabyte, so fresh arrays would land on the large
    // object heap, and every few of them would set off a full collection.
    private byte[]? _rented;

    public IngestChunk(ReadOnlyMemory<byte> lines, int firstLine)
    {
        Lines = lines;
        FirstLine = firstLine;
        LineCount = lines.Span.Count((byte)'\n') + (lines.Span.EndsWith("\n"u8) || lines.IsEmpty ? 0 : 1);
    }

    private IngestChunk(byte[] rented, int length, int firstLine)
        : this(new ReadOnlyMemory<byte>(rented, 0, length), firstLine)
    {
        _rented = rented;
    }

    private IngestChunk(int line, string reason)
    {
        FirstLine = line;
        LineCount = 1;
        RefusedBeforeReading = new LineError(line, reason);
    }

    public ReadOnlyMemory<byte> Lines { get; private set; }

    /// <summary>The 1-based number of the first line within the sender's input.</summary>
    public int FirstLine { get; }

    /// <summary>How many input lines the chunk stands for.</summary>
    public int LineCount { get; }

    /// <summary>A line refused before it could be read at all (too long); such a chunk carries no bytes.</summary>
    public LineError? RefusedBeforeReading { get; }

    public Task<IngestOutcome> Outcome => _outcome.Task;

    internal ChunkReading? Reading { get; set; }

    public static IngestChunk RefusedLine(int line, string reason) => new(line, reason);

    /// <summary>
    /// A chunk of a copy of <paramref name="lines"/> in an array from the shared pool, which goes
    /// back there once the graph has read the chunk (<see cref="ReleaseLines"/>).
    /// </summary>
    public static IngestChunk CopyOf(ReadOnlySequence<byte> lines, int firstLine)
    {
        var length = checked((int)lines.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        lines.CopyTo(rented);
        return new IngestChunk(rented, length, firstLine);
    }

    /// <summary>
    /// Gives a pooled chunk's array back once nothing will read its lines again: the graph calls it
    /// after reading them, and a sender whose chunk the graph did not take. At most once takes effect;
    /// the lines read as empty after it.
    /// </summary>
    public void ReleaseLines()
    {
        var rented = Interlocked.Exchange(ref _rented, null);
        Lines = ReadOnlyMemory<byte>.Empty;
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    internal void Complete(IngestOutcome outcome) => _outcome.TrySetResult(outcome);
}
