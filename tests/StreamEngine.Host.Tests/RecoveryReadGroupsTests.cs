using StreamEngine.Host.Hosting;

namespace StreamEngine.Host.Tests;

/// <summary>
/// Brands' recovery reads made together (<see cref="RecoveryReadGroups{TRead}"/>): reads that wait
/// while a query runs go together in the next; a failed query fails its group's reads only; a read
/// left unanswered, or still waiting when the store stops, fails rather than hangs its brand.
/// </summary>
public sealed class RecoveryReadGroupsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Reads_that_wait_while_a_query_runs_go_together_in_the_next()
    {
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstTaken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var groups = new List<string[]>();
        var reads = new RecoveryReadGroups<Read>(1, async group =>
        {
            lock (groups)
            {
                groups.Add([.. group.Select(r => r.PersistenceId)]);
            }

            if (group[0].PersistenceId == "b-0")
            {
                firstTaken.SetResult();
                await first.Task;
            }

            foreach (var read in group)
            {
                read.Answered(read.PersistenceId.Length);
            }
        });

        var alone = Add(reads, "b-0");
        await firstTaken.Task.WaitAsync(Patience);
        var waiting = Enumerable.Range(1, 5).Select(i => Add(reads, $"b-{i}")).ToList();
        first.SetResult();

        Assert.Equal(3, await alone.Answer.WaitAsync(Patience));
        foreach (var read in waiting)
        {
            Assert.Equal(3, await read.Answer.WaitAsync(Patience));
        }

        Assert.Equal(new[] { new[] { "b-0" }, new[] { "b-1", "b-2", "b-3", "b-4", "b-5" } }, groups);
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
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var taken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reads = new RecoveryReadGroups<Read>(1, async group =>
        {
            taken.TrySetResult();
            await held.Task;
            foreach (var read in group)
            {
                read.Answered(1);
            }
        });

        var running = Add(reads, "running");
        await taken.Task.WaitAsync(Patience);
        using var cancellation = new CancellationTokenSource();
        var cancelled = Add(reads, "cancelled", cancellation.Token);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.Answer.WaitAsync(Patience));

        reads.Stop();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => Add(reads, "late").Answer.WaitAsync(Patience));

        // The query under way still answers its read.
        held.SetResult();
        Assert.Equal(1, await running.Answer.WaitAsync(Patience));
    }

    private static Read Add(RecoveryReadGroups<Read> reads, string id, CancellationToken cancellation = default)
    {
        var read = new Read(id, cancellation);
        reads.Add(read);
        return read;
    }

    private sealed class Read(string persistenceId, CancellationToken cancellation) : RecoveryRead<int>(persistenceId, cancellation);
}
