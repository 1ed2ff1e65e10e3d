using System.Buffers;
using System.IO.Pipelines;
using StreamEngine.Domain.Ingest;

namespace StreamEngine.Engine.Ingest;

/// <summary>
/// Cuts an NDJSON byte stream into chunks of whole lines, about <see cref="TargetChunkBytes"/> each,
/// so a large upload flows through the graph while it is still arriving instead of being buffered
/// whole. A line longer than <see cref="MaxLineBytes"/> is skipped as it streams past and reported
/// as refused, so one runaway line can neither exhaust memory nor drop the lines after it.
/// </summary>
public static class NdjsonChunker
{
    public const int TargetChunkBytes = 256 * 1024;
    public const int MaxLineBytes = ChunkReader.MaxLineBytes;

    /// <summary>Reads <paramref name="reader"/> to its end, handing each chunk to <paramref name="onChunk"/>; stops early when it returns false.</summary>
    /// <param name="firstLine">The number of the reader's first line in its source (a file read on from where a replay stopped).</param>
    /// <returns>The line number of the first line not taken, or 0 when everything was read. A pending read cancelled (<see cref="PipeReader.CancelPendingRead"/>) stops the reading there.</returns>
    /// <exception cref="UnreadableInputException">The input's bytes stopped being readable; its <c>FromLine</c> says from which line.</exception>
    public static async Task<int> ReadAsync(PipeReader reader, Func<IngestChunk, Task<bool>> onChunk, CancellationToken cancellationToken, int firstLine = 1)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(onChunk);
        ArgumentOutOfRangeException.ThrowIfLessThan(firstLine, 1);
        var state = new State { NextLine = firstLine };
        while (true)
        {
            ReadResult result;
            try
            {
                result = await reader.ReadAsync(cancellationToken);
            }
            catch (UnreadableInputException ex)
            {
                throw new UnreadableInputException(ex.Message, ex) { FromLine = state.NextLine };
            }

            var buffer = result.Buffer;
            if (result.IsCanceled)
            {
                // Told to stop reading (the node is stopping): what was not handed on is unread.
                reader.AdvanceTo(buffer.Start);
                return state.NextLine;
            }

            var taken = buffer.Start;
            while (state.TryTake(ref buffer, result.IsCompleted, out var chunk))
            {
                if (!await onChunk(chunk))
                {
                    // Not taken, so nothing else will read it.
                    chunk.ReleaseLines();
                    reader.AdvanceTo(taken);
                    return chunk.FirstLine;
                }

                taken = buffer.Start;
                state.NextLine += chunk.LineCount;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return 0;
            }
        }
    }

    private sealed class State
    {
        public int NextLine = 1;
        private bool _skipping;

        public bool TryTake(ref ReadOnlySequence<byte> buffer, bool completed, out IngestChunk chunk)
        {
            chunk = null!;
            if (_skipping)
            {
                return TrySkipLongLine(ref buffer, completed, out chunk);
            }

            if (buffer.IsEmpty || (buffer.Length < TargetChunkBytes && !completed))
            {
                return false;
            }

            var window = buffer.Slice(0, Math.Min(buffer.Length, TargetChunkBytes));
            if (LastNewline(window) is { } last)
            {
                var through = window.GetPosition(1, last);
                chunk = IngestChunk.CopyOf(buffer.Slice(0, through), NextLine);
                buffer = buffer.Slice(through);
                return true;
            }

            // A single line longer than a chunk: take it whole once its end has arrived, unless it is too long to keep.
            var newline = buffer.PositionOf((byte)'\n');
            var lineLength = newline is { } end ? LengthWithoutReturn(buffer.Slice(0, end)) : buffer.Length;
            if (lineLength > MaxLineBytes)
            {
                _skipping = true;
                return TrySkipLongLine(ref buffer, completed, out chunk);
            }

            if (newline is { } at)
            {
                var through = buffer.GetPosition(1, at);
                chunk = IngestChunk.CopyOf(buffer.Slice(0, through), NextLine);
                buffer = buffer.Slice(through);
                return true;
            }

            if (completed)
            {
                chunk = IngestChunk.CopyOf(buffer, NextLine);
                buffer = buffer.Slice(buffer.End);
                return true;
            }

            return false;
        }

        /// <summary>A line's length without the '\r' of a CRLF ending, which the line limit does not count, as the reader strips it.</summary>
        private static long LengthWithoutReturn(ReadOnlySequence<byte> line) =>
            line.Length > 0 && line.Slice(line.Length - 1).FirstSpan[0] == (byte)'\r' ? line.Length - 1 : line.Length;

        /// <summary>Where the last line break of <paramref name="window"/> is, if it has one.</summary>
        private static SequencePosition? LastNewline(ReadOnlySequence<byte> window)
        {
            SequencePosition? last = null;
            var next = window.Start;
            while (true)
            {
                var segmentStart = next;
                if (!window.TryGet(ref next, out var segment))
                {
                    return last;
                }

                var at = segment.Span.LastIndexOf((byte)'\n');
                if (at >= 0)
                {
                    last = window.GetPosition(at, segmentStart);
                }
            }
        }

        private bool TrySkipLongLine(ref ReadOnlySequence<byte> buffer, bool completed, out IngestChunk chunk)
        {
            chunk = null!;
            var newline = buffer.PositionOf((byte)'\n');
            if (newline is null && !completed)
            {
                buffer = buffer.Slice(buffer.End);
                return false;
            }

            buffer = newline is { } at ? buffer.Slice(buffer.GetPosition(1, at)) : buffer.Slice(buffer.End);
            _skipping = false;
            chunk = IngestChunk.RefusedLine(NextLine, ChunkReader.LineTooLong);
            return true;
        }
    }
}
