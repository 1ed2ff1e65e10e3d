namespace StreamEngine.Host.Hosting;

/// <summary>
/// Runs pieces of work one at a time, each waiting for its turn at most a set time: one whose turn
/// has not come by then is not run at all, and its caller is told so.
/// </summary>
/// <remarks>Shared as source with the in-process benchmark, with <see cref="SqliteJournal"/>.</remarks>
internal sealed class TurnTaking(TimeSpan wait)
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Runs <paramref name="work"/> in its turn and answers true, or answers false without running it.</summary>
    public async Task<bool> RunAsync(Func<Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!await _turn.WaitAsync(wait, cancellationToken))
        {
            return false;
        }

        try
        {
            await work();
            return true;
        }
        finally
        {
            _turn.Release();
        }
    }
}
