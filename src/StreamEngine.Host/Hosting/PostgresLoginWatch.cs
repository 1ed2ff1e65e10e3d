using StreamEngine.Host.Configuration;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// A node started while its PostgreSQL server did not answer asks again every 2 s until it does.
/// A server that then refuses the login for good (a wrong password, an unknown role or database)
/// stops the node with exit code 2, as one that refused it at start-up would: left running, the
/// node took its share of the cluster's brands and none of them could recover, on any node.
/// </summary>
internal sealed class PostgresLoginWatch(StreamEngineOptions options, IHostApplicationLifetime lifetime, ILogger<PostgresLoginWatch> log) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    /// <summary>Why the server refused the node, once it did; null until then.</summary>
    public string? Refusal { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var (answered, refusal) = await Task.Run(() => PostgresLogin.Check(options.Postgres!), stoppingToken);
            if (!answered)
            {
                continue;
            }

            if (refusal is not null)
            {
                Refusal = refusal;
                log.LogCritical("{Refusal}. The node stops (exit code 2)", refusal);
                lifetime.StopApplication();
            }

            return;
        }
    }
}
