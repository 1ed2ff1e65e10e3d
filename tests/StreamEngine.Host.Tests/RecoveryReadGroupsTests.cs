using StreamEngine.Host.Hosting;

namespace StreamEngine.Host.Tests;

/// <summary>
/// Brands' recovery reads made together (<see cref="RecoveryReadGroups{TRead}"/>): reads that wait
/// while a query runs go together in the next, as many as a group holds in reads and rows; a
/// cancelled read is left out; a failed query fails its group's reads only; a read left unanswered,
/// or still waiting when the store stops, fails rather than hangs its brand.
/// </summary>
public sealed class RecoveryReadGroupsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Reads_that_wait_while_a_query_runs_go_together_in_the_next()
    {
        var queries = new HeldQueries();
        var reads = queries.Reads;
        var alone = Add(reads, "b-0");
        await queries.FirstTaken.WaitAsync(Patience);
        using var cancellation = new CancellationTokenSource();
        var cancelled = Add(reads, "gave-up", cancellation: cancellation.Token);
        var waiting = Enumerable.Range(1, 5).Select(i => Add(reads, $"b-{i}")).ToList();
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.Answer.WaitAsync(Patience));
        queries.Release();

        Assert.Equal(1, await alone.Answer.WaitAsync(Patience));
        foreach (var read in waiting)
        {
            Assert.Equal(1, await read.Answer.WaitAsync(Patience));
        }

        Assert.Equal(new[] { new[] { "b-0" }, new[] { "b-1", "b-2", "b-3", "b-4", "b-5" } }, queries.Groups);
        reads.Stop();
    }

    [Fact]
    public async Task A_group_holds_at_most_its_size_in_reads_and_its_rows_in_rows()
    {
        var queries = new HeldQueries();
        var reads = queries.Reads;
        var first = Add(reads, "first");
        await queries.FirstTaken.WaitAsync(Patience);
        var many = Enumerable.Range(0, RecoveryReadGroups<Read>.GroupSize + 2).Select(i => Add(reads, $"m-{i}")).ToList();
        var longer = Add(reads, "long", rows: RecoveryReadGroups<Read>.GroupRows - 10);
        var longest = Add(reads, "longest", rows: RecoveryReadGroups<Read>.GroupRows * 4);
        var last = Add(reads, "last");
        queries.Release();

        foreach (var read in many.Append(first).Append(longer).Append(longest).Append(last))
        {
            Assert.Equal(1, await read.Answer.WaitAsync(Patience));
        }

        // 128 reads; then the two left and the long one, its rows reaching the cap with them;
        // the longest alone, past the cap; then the last.
        var groups = queries.Groups;
        Assert.Equal(5, groups.Length);
        Assert.Equal(RecoveryReadGroups<Read>.GroupSize, groups[1].Length);
        Assert.Equal(new[] { $"m-{RecoveryReadGroups<Read>.GroupSize}", $"m-{RecoveryReadGroups<Read>.GroupSize + 1}", "long" }, groups[2]);
        Assert.Equal(new[] { "longest" }, groups[3]);
        Assert.Equal(new[] { "last" }, groups[4]);
        reads.Stop();
    }

    [Fact]
    public async Task A_failed_query_fails_its_reads_and_an_unanswered_read_fails_too()
    {
        var reads = new RecoveryReadGroups<Read>(1, group =>
        {
            if (group.Any(r => r.PersistenceId == "broken"))
            {
                throw new InvalidOperationException("the store said no");
            }

            // "lost" is left unanswered.
            foreach (var read in group.Where(r => r.PersistenceId != "lost"))
            {
                read.Answered(1);
            }

            return Task.CompletedTask;
        });

        var broken = Add(reads, "broken");
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => broken.Answer.WaitAsync(Patience));
        Assert.Equal("the store said no", failure.Message);

        var lost = Add(reads, "lost");
        var unanswered = await Assert.ThrowsAsync<InvalidOperationException>(() => lost.Answer.WaitAsync(Patience));
        Assert.Contains("lost", unanswered.Message, StringComparison.Ordinal);

        // The reader goes on after both.
        Assert.Equal(1, await Add(reads, "fine").Answer.WaitAsync(Patience));
        reads.Stop();
    }

    [Fact]
    public async Task Reads_after_a_stop_fail_and_a_cancelled_read_ends_at_once()
    {
        var queries = new HeldQueries();
        var reads = queries.Reads;
        var running = Add(reads, "running");
        await queries.FirstTaken.WaitAsync(Patience);
        using var cancellation = new CancellationTokenSource();
        var cancelled = Add(reads, "cancelled", cancellation: cancellation.Token);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.Answer.WaitAsync(Patience));

        var waiting = Add(reads, "waiting");
        reads.Stop();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting.Answer.WaitAsync(Patience));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => Add(reads, "late").Answer.WaitAsync(Patience));

        // The query under way still answers its read.
        queries.Release();
        Assert.Equal(1, await running.Answer.WaitAsync(Patience));
    }

    private static Read Add(RecoveryReadGroups<Read> reads, string id, long rows = 1, CancellationToken cancellation = default)
    {
        var read = new Read(id, rows, cancellation);
        reads.Add(read);
        return read;
    }

    private sealed class Read(string persistenceId, long rows, CancellationToken cancellation) : RecoveryRead<int>(persistenceId, cancellation)
    {
        public override long Rows => rows;
    }

    /// <summary>Queries that record each group and hold every one until released, then answer each read with 1.</summary>
    private sealed class HeldQueries
    {
        private readonly TaskCompletionSource _firstTaken = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<string[]> _groups = [];

        public HeldQueries() => Reads = new RecoveryReadGroups<Read>(1, ReadAsync);

        public RecoveryReadGroups<Read> Reads { get; }

        /// <summary>Ends once the first group's query is under way.</summary>
        public Task FirstTaken => _firstTaken.Task;

        public string[][] Groups
        {
            get
            {
                lock (_groups)
                {
                    return [.. _groups];
                }
            }
        }

        public void Release() => _released.TrySetResult();

        private async Task ReadAsync(IReadOnlyList<Read> group)
        {
            lock (_groups)
            {
                _groups.Add([.. group.Select(r => r.PersistenceId)]);
            }

            _firstTaken.TrySetResult();
            await _released.Task;
            foreach (var read in group)
            {
                read.Answered(1);
            }
        }
    }
}
