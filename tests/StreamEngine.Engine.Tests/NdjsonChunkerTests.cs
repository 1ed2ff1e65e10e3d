using System.IO.Pipelines;
using System.Text;
using StreamEngine.Engine.Ingest;

namespace StreamEngine.Engine.Tests;

public sealed class NdjsonChunkerTests
{
    private const int HugeLineAt = 2500;

    /// <summary>Thousands of lines of varied length (well over a chunk), one line longer than a chunk, and a last line without newline.</summary>
    private static List<string> ManyLines()
    {
        var lines = new List<string>();
        for (var i = 1; i <= 6000; i++)
        {
            lines.Add(i == HugeLineAt
                ? "huge:" + new string('h', NdjsonChunker.TargetChunkBytes + 50_000)
                : $"line {i}: " + new string((char)('a' + (i % 26)), i * 37 % 250));
        }

        return lines;
    }

    private static byte[] Bytes(IReadOnlyList<string> lines, string newline = "\n", bool finalNewline = false) =>
        Encoding.UTF8.GetBytes(string.Join(newline, lines) + (finalNewline ? newline : ""));

    private static async Task<(List<IngestChunk> Chunks, int Unread)> ReadAll(PipeReader reader, Func<IngestChunk, bool>? accept = null)
    {
        var chunks = new List<IngestChunk>();
        var unread = await NdjsonChunker.ReadAsync(reader, chunk =>
        {
            if (accept is not null && !accept(chunk))
            {
                return Task.FromResult(false);
            }

            chunks.Add(chunk);
            return Task.FromResult(true);
        }, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        return (chunks, unread);
    }

    /// <summary>The lines of each chunk, numbered from its FirstLine.</summary>
    private static List<(int Number, string Text)> NumberedLines(IEnumerable<IngestChunk> chunks)
    {
        var result = new List<(int, string)>();
        foreach (var chunk in chunks)
        {
            var text = Encoding.UTF8.GetString(chunk.Lines.Span);
            var parts = text.Split('\n');
            if (text.EndsWith('\n'))
            {
                parts = parts[..^1];
            }

            result.AddRange(parts.Select((line, i) => (chunk.FirstLine + i, line)));
        }

        return result;
    }

    public static TheoryData<int, int> ReaderBuffers => new()
    {
        { 4096, 1024 },
        { 997, 131 },
        { 1 << 20, 1 << 19 },
    };

    [Theory]
    [MemberData(nameof(ReaderBuffers))]
    public async Task Every_line_arrives_exactly_once_in_order_with_its_line_number(int bufferSize, int minimumReadSize)
    {
        var lines = ManyLines();
        var bytes = Bytes(lines);
        Assert.True(bytes.Length > 4 * NdjsonChunker.TargetChunkBytes);
        var reader = PipeReader.Create(new MemoryStream(bytes), new StreamPipeReaderOptions(bufferSize: bufferSize, minimumReadSize: minimumReadSize));

        var (chunks, unread) = await ReadAll(reader);

        Assert.Equal(0, unread);
        Assert.True(chunks.Count >= 5, $"expected several chunks, got {chunks.Count}");
        Assert.Equal(1, chunks[0].FirstLine);
        var numbered = NumberedLines(chunks);
        Assert.Equal(Enumerable.Range(1, lines.Count), numbered.Select(l => l.Number));
        Assert.Equal(lines, numbered.Select(l => l.Text));
        Assert.Equal(bytes.Length, chunks.Sum(c => c.Lines.Length));
    }

    [Fact]
    public async Task Chunks_hold_whole_lines_and_stay_within_the_target_size_unless_one_line_is_longer()
    {
        var lines = ManyLines();
        var (chunks, _) = await ReadAll(PipeReader.Create(new MemoryStream(Bytes(lines, finalNewline: true))));

        Assert.All(chunks, c => Assert.Equal((byte)'\n', c.Lines.Span[^1]));
        var oversized = Assert.Single(chunks, c => c.Lines.Length > NdjsonChunker.TargetChunkBytes);
        var huge = Assert.Single(NumberedLines([oversized]), l => l.Text.StartsWith("huge:", StringComparison.Ordinal));
        Assert.Equal(HugeLineAt, huge.Number);
        Assert.Equal(lines[HugeLineAt - 1], huge.Text);
    }

    [Fact]
    public async Task A_final_line_without_a_newline_is_included()
    {
        var (chunks, unread) = await ReadAll(PipeReader.Create(new MemoryStream("first\nsecond\nlast"u8.ToArray())));

        Assert.Equal(0, unread);
        Assert.Equal([(1, "first"), (2, "second"), (3, "last")], NumberedLines(chunks));
    }

    [Fact]
    public async Task Blank_and_CRLF_lines_keep_their_numbers()
    {
        var lines = Enumerable.Range(1, 9000).Select(i => i % 10 == 0 ? "" : $"row {i} " + new string('r', 60)).ToList();
        var (chunks, _) = await ReadAll(PipeReader.Create(new MemoryStream(Bytes(lines, "\r\n", finalNewline: true))));

        var numbered = NumberedLines(chunks);

        Assert.True(chunks.Count > 1);
        Assert.Equal(Enumerable.Range(1, 9000), numbered.Select(l => l.Number));
        Assert.Equal(lines.Select(l => l + "\r"), numbered.Select(l => l.Text));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public async Task A_line_at_the_limit_is_read_whatever_its_line_ending(string newline)
    {
        var atLimit = new string('x', NdjsonChunker.MaxLineBytes);
        var (chunks, _) = await ReadAll(PipeReader.Create(new MemoryStream(Bytes(["first", atLimit, "last"], newline, finalNewline: true))));

        Assert.Equal(["first", atLimit, "last"], NumberedLines(chunks).Select(l => l.Text.TrimEnd('\r')));
    }

    [Fact]
    public async Task An_empty_input_yields_no_chunks()
    {
        var (chunks, unread) = await ReadAll(PipeReader.Create(new MemoryStream([])));

        Assert.Empty(chunks);
        Assert.Equal(0, unread);
    }

    [Fact]
    public async Task A_refused_chunk_stops_the_reading_and_its_first_line_is_reported_as_unread()
    {
        var lines = ManyLines();
        var offered = new List<int>();
        IngestChunk? refused = null;

        var (taken, unread) = await ReadAll(PipeReader.Create(new MemoryStream(Bytes(lines))), chunk =>
        {
            offered.Add(chunk.FirstLine);
            refused = chunk;
            return offered.Count < 3;
        });

        // Nothing will read a chunk that was not taken: its pooled bytes went back.
        Assert.True(refused!.Lines.IsEmpty);

        Assert.Equal(3, offered.Count);
        Assert.Equal(2, taken.Count);
        Assert.All(taken, chunk => Assert.False(chunk.Lines.IsEmpty));
        Assert.Equal(offered[2], unread);
        var numbered = NumberedLines(taken);
        Assert.Equal(unread - 1, numbered.Count);
        Assert.Equal(lines.Take(unread - 1), numbered.Select(l => l.Text));
    }

    [Fact]
    public void A_pooled_chunk_holds_a_copy_of_its_lines_until_released_once()
    {
        var bytes = Encoding.UTF8.GetBytes("one\ntwo\nthree");
        var chunk = IngestChunk.CopyOf(new System.Buffers.ReadOnlySequence<byte>(bytes), 7);
        bytes[0] = (byte)'X';

        Assert.Equal("one\ntwo\nthree", Encoding.UTF8.GetString(chunk.Lines.Span));
        Assert.Equal(3, chunk.LineCount);
        Assert.Equal(7, chunk.FirstLine);

        chunk.ReleaseLines();
        chunk.ReleaseLines();

        Assert.True(chunk.Lines.IsEmpty);
        Assert.Equal(3, chunk.LineCount);
    }
}
