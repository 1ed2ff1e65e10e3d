using System.Buffers;
using System.IO.Pipelines;

namespace StreamEngine.Engine.Ingest;

/// <summary>
/// Cuts an NDJSON byte stream into chunks of whole lines, about <see cref="TargetChunkBytes"/> each,
/// so a large upload flows through the graph while it is still arriving instead of being buffered whole.
/// </summary>
public static class NdjsonChunker
{
    public const int TargetChunkBytes = 256 * 1024;

    /// <summary>Reads <paramref name="reader"/> to its end, handing each chunk to <paramref name="onChunk"/>; stops early when it returns false.</summary>
    /// <returns>The line number the first unread line would have had, or 0 when everything was read.</returns>
    public static async Task<int> ReadAsync(PipeReader reader, Func<IngestChunk, Task<bool>> onChunk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(onChunk);
        var nextLine = 1;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            while (TryTakeChunk(ref buffer, result.IsCompleted, out var bytes))
            {
                var chunk = new IngestChunk(bytes, nextLine);
                if (!await onChunk(chunk))
                {
                    reader.AdvanceTo(buffer.Start);
                    return nextLine;
                }

                nextLine += bytes.Span.Count((byte)'\n');
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return 0;
            }
        }
    }

    private static bool TryTakeChunk(ref ReadOnlySequence<byte> buffer, bool completed, out ReadOnlyMemory<byte> chunk)
    {
        chunk = default;
        if (buffer.IsEmpty || (buffer.Length < TargetChunkBytes && !completed))
        {
            return false;
        }

        var window = buffer.Slice(0, Math.Min(buffer.Length, TargetChunkBytes)).ToArray();
        var cut = Array.LastIndexOf(window, (byte)'\n');
        if (cut >= 0)
        {
            chunk = new ReadOnlyMemory<byte>(window, 0, cut + 1);
            buffer = buffer.Slice(cut + 1);
            return true;
        }

        // A single line longer than a chunk: take it whole once its end has arrived.
        if (buffer.PositionOf((byte)'\n') is { } newline)
        {
            var through = buffer.GetPosition(1, newline);
            chunk = buffer.Slice(0, through).ToArray();
            buffer = buffer.Slice(through);
            return true;
        }

        if (completed)
        {
            chunk = buffer.ToArray();
            buffer = buffer.Slice(buffer.End);
            return true;
        }

        return false;
    }
}
