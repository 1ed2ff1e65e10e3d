using Akka.Actor;
using Akka.Hosting;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Engine.Brands;
using StreamEngine.Engine.Ingest;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// Wakes every brand of the model at start-up, so each recovers its journal before dashboards ask,
/// and tells readiness when all have answered: a node is ready when its brands are, not merely
/// when it listens.
/// </summary>
internal sealed class BrandWarmup(IRequiredActor<BrandRegion> brands, CurrentModel model, ILogger<BrandWarmup> log) : BackgroundService
{
    // Brands recover one journal each; a few at a time keeps the store busy without swamping it.
    private const int InFlight = 16;
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(60);

    private volatile bool _done;

    public bool Done => _done;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var region = await brands.GetAsync(stoppingToken);
        var ids = model.Model.Brands.Select(b => b.Id).ToList();
        try
        {
            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = stoppingToken },
                async (id, stopping) => await region.Ask<BrandSummary>(new GetBrandSummary(id, TimeWindow.FifteenMinutes), AskTimeout, stopping));
            log.LogInformation("All {Brands} brands recovered in {Seconds:0.0} s", ids.Count, TimeProvider.System.GetElapsedTime(started).TotalSeconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The node is stopping before its brands recovered (an unreachable store, say): waiting
            // out the brands' asks would hold the exit for the host's whole shutdown timeout.
            return;
        }
        catch (AskTimeoutException ex)
        {
            // Readiness must not hang on one slow brand forever: it will recover on its first message.
            log.LogWarning(ex, "A brand did not recover within {Seconds} s; reporting ready anyway", AskTimeout.TotalSeconds);
        }

        _done = true;
    }
}
