using System.Text;
using StreamEngine.Engine.Ingest;

namespace StreamEngine.Engine.Tests;

public sealed class JournaledLinesTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);
    private static readonly IngestOutcome Journaled = new(1, 0, 0, 0, 0, [], true, null);

    [Fact]
    public async Task Reports_the_lines_journaled_without_a_gap_in_input_order()
    {
        var (reports, a, b, c) = ThreeChunksFollowed();

        // The second chunk's round ends first: nothing is safe to skip until the first one's does.
        b.Complete(Journaled);
        a.Complete(Journaled);
        await reports.Reaching(5).WaitAsync(Generous);
        c.Complete(Journaled);
        await reports.Reaching(6).WaitAsync(Generous);

        Assert.Equal([5, 6], reports.All);
    }

    [Fact]
    public async Task A_chunk_the_journal_failed_ends_the_run_for_good()
    {
        var (reports, a, b, c) = ThreeChunksFollowed();

        c.Complete(Journaled);
        b.Complete(IngestOutcome.Failed("the journal could not be written"));
        a.Complete(Journaled);
        await reports.Reaching(2).WaitAsync(Generous);

        Assert.Equal([2], reports.All);
    }

    [Fact]
    public void Settling_reports_every_chunk_completed_at_once()
    {
        // The outcomes' continuations run on the thread pool: a replay that read the record as soon
        // as every chunk was done could find it a chunk short, and lost its last line's warning.
        var (reports, a, b, c) = ThreeChunksFollowed();
        a.Complete(Journaled);
        b.Complete(Journaled);
        c.Complete(Journaled);

        new[] { a, b, c }.Select(chunk => chunk.Outcome).ToList().ForEach(outcome => Assert.True(outcome.IsCompleted));
        var lines = reports.Lines;
        lines.Settle();

        Assert.Equal(6, reports.All[^1]);
    }

    /// <summary>Chunks of lines 1–2, 3–5 and 6, handed over in that order and followed.</summary>
    private static (Reports Reports, IngestChunk A, IngestChunk B, IngestChunk C) ThreeChunksFollowed()
    {
        var reports = new Reports();
        var lines = new JournaledLines(reports.Add);
        reports.Lines = lines;
        var (a, b, c) = (Chunk(1, 2), Chunk(3, 3), Chunk(6, 1));
        lines.Add(a);
        lines.Add(b);
        lines.Add(c);
        return (reports, a, b, c);
    }

    private static IngestChunk Chunk(int firstLine, int lines) =>
        new(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{}\n", lines))), firstLine);

    private sealed class Reports
    {
        private readonly Lock _lock = new();
        private readonly List<int> _all = [];
        private readonly List<(int Line, TaskCompletionSource Reached)> _waiting = [];

        /// <summary>The follower reporting here.</summary>
        public JournaledLines Lines { get; set; } = null!;

        public List<int> All
        {
            get
            {
                lock (_lock)
                {
                    return [.. _all];
                }
            }
        }

        public void Add(int line)
        {
            lock (_lock)
            {
                _all.Add(line);
                foreach (var waiting in _waiting.Where(w => line >= w.Line))
                {
                    waiting.Reached.TrySetResult();
                }
            }
        }

        public Task Reaching(int line)
        {
            lock (_lock)
            {
                var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (_all.Any(l => l >= line))
                {
                    reached.SetResult();
                }

                _waiting.Add((line, reached));
                return reached.Task;
            }
        }
    }
}
