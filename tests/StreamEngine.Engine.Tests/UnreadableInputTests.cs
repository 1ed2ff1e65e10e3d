using System.IO.Pipelines;
using System.Text;
using StreamEngine.Engine.Ingest;

namespace StreamEngine.Engine.Tests;

/// <summary>An input whose bytes stop being readable part way (a compressed body that breaks): the lines handed over stay answered for.</summary>
public sealed class UnreadableInputTests
{
    /// <summary>Gives <paramref name="bytes"/>, then fails as a decoder meeting bad data does.</summary>
    private sealed class BreakingStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            return read > 0 ? read : throw new UnreadableInputException("the body is not valid gzip (Content-Encoding): bad data");
        }
    }

    private static byte[] Lines(int count) =>
        Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(1, count).Select(i => $"line {i}: {new string('x', 90)}\n")));

    [Fact]
    public async Task The_first_line_not_handed_over_is_named_and_the_ones_before_were_handed_over_whole()
    {
        var handedOver = new List<IngestChunk>();

        var ex = await Assert.ThrowsAsync<UnreadableInputException>(() => NdjsonChunker.ReadAsync(
            PipeReader.Create(new BreakingStream(Lines(6_000))),
            chunk =>
            {
                handedOver.Add(chunk);
                return Task.FromResult(true);
            },
            CancellationToken.None));

        Assert.NotEmpty(handedOver);
        Assert.Equal(handedOver.Sum(c => c.LineCount) + 1, ex.FromLine);
        Assert.InRange(ex.FromLine, 2, 6_000);
        Assert.Equal(Enumerable.Range(0, handedOver.Count).Select(i => 1 + handedOver.Take(i).Sum(c => c.LineCount)), handedOver.Select(c => c.FirstLine));
        Assert.Equal("the body is not valid gzip (Content-Encoding): bad data", ex.Message);
    }

    [Fact]
    public async Task Input_unreadable_from_its_start_is_unread_from_line_1()
    {
        var ex = await Assert.ThrowsAsync<UnreadableInputException>(() => NdjsonChunker.ReadAsync(
            PipeReader.Create(new BreakingStream([])), _ => Task.FromResult(true), CancellationToken.None));

        Assert.Equal(1, ex.FromLine);
    }
}
