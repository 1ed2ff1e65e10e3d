using StreamEngine.Host.Hosting;

namespace StreamEngine.Host.Tests.Sqlite;

/// <summary>The one-at-a-time turns the SQLite journal gives brands' deletes.</summary>
public sealed class TurnTakingTests
{
    [Fact]
    public async Task Work_waits_for_the_work_before_it_to_finish()
    {
        var turns = new TurnTaking(Timeout.InfiniteTimeSpan);
        var firstGoesOn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var order = new List<string>();

        var first = turns.RunAsync(async () =>
        {
            order.Add("first began");
            await firstGoesOn.Task;
            order.Add("first ended");
        }, CancellationToken.None);
        var second = turns.RunAsync(() =>
        {
            order.Add("second");
            return Task.CompletedTask;
        }, CancellationToken.None);

        Assert.False(second.IsCompleted);
        Assert.Equal(["first began"], order);
        firstGoesOn.SetResult();

        Assert.True(await first);
        Assert.True(await second);
        Assert.Equal(["first began", "first ended", "second"], order);
    }

    [Fact]
    public async Task Work_whose_turn_does_not_come_within_the_wait_is_not_run()
    {
        var turns = new TurnTaking(TimeSpan.Zero);
        var firstGoesOn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondRan = false;

        var first = turns.RunAsync(() => firstGoesOn.Task, CancellationToken.None);
        var second = await turns.RunAsync(() =>
        {
            secondRan = true;
            return Task.CompletedTask;
        }, CancellationToken.None);

        Assert.False(second);
        Assert.False(secondRan);
        firstGoesOn.SetResult();
        Assert.True(await first);
        Assert.True(await turns.RunAsync(() => Task.CompletedTask, CancellationToken.None));
    }

    [Fact]
    public async Task Work_that_fails_passes_the_turn_on()
    {
        var turns = new TurnTaking(TimeSpan.Zero);

        await Assert.ThrowsAsync<InvalidOperationException>(() => turns.RunAsync(() => throw new InvalidOperationException("the store refused"), CancellationToken.None));

        Assert.True(await turns.RunAsync(() => Task.CompletedTask, CancellationToken.None));
    }
}
