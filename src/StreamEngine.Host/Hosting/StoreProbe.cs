using Npgsql;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// Whether a node can reach its PostgreSQL store, for readiness: a node whose store is gone cannot
/// journal a post or recover a brand, so it should not take traffic. The embedded SQLite store is a
/// file of the node itself and is not probed. The answer is kept for a few seconds, so that
/// orchestrators polling readiness do not open a connection each time.
/// </summary>
internal sealed class StoreProbe(StoreSetup store, TimeProvider clock)
{
    private static readonly TimeSpan Kept = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _one = new(1, 1);
    private (DateTimeOffset At, string? Problem)? _last;

    /// <summary>What the last probe found, without probing: null when it found nothing wrong or none has run yet.</summary>
    public string? LastProblem => _last?.Problem;

    /// <summary>Why the store cannot be reached, or null when it can (or is embedded).</summary>
    public async Task<string?> ProblemAsync(CancellationToken cancellationToken)
    {
        if (store.ProviderName != LinqToDB.ProviderName.PostgreSQL15)
        {
            return null;
        }

        await _one.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            if (_last is { } last && now - last.At < Kept)
            {
                return last.Problem;
            }

            var problem = await ProbeAsync(cancellationToken);

            // Stamped when the answer came: a probe that waited out its timeout is not stale at once.
            _last = (clock.GetUtcNow(), problem);
            return problem;
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task<string?> ProbeAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        for (var attempt = 1; ; attempt++)
        {
            var opened = false;
            try
            {
                await using var connection = new NpgsqlConnection(store.ConnectionString);
                await connection.OpenAsync(timeout.Token);
                opened = true;
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(timeout.Token);
                return null;
            }
            catch (NpgsqlException) when (opened && attempt == 1 && !timeout.IsCancellationRequested)
            {
                // A pooled connection the server's restart broke: the pool lets it go, and a new one tells.
                using var pooled = new NpgsqlConnection(store.ConnectionString);
                NpgsqlConnection.ClearPool(pooled);
            }
            catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
            {
                return $"the PostgreSQL store cannot be reached: {(ex is OperationCanceledException ? $"no answer within {Timeout.TotalSeconds:0} s" : ex.Message)}";
            }
        }
    }
}
