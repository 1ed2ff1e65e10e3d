using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Persistence;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Engine.Brands;
using StreamEngine.Engine.Ingest;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// Wakes every brand of the model at start-up, so each recovers its journal before dashboards ask,
/// and tells readiness when all have answered: a node is ready when its brands are, not merely
/// when it listens.
/// </summary>
internal sealed class BrandWarmup(BrandQueries brands, CurrentModel model, StoreSetup store, ActorSystem system, ILogger<BrandWarmup> log) : BackgroundService
{

    private volatile bool _done;

    public bool Done => _done;

    /// <summary>Whether the node is stopping: the host's signal, or the actor system's shutdown (on SIGTERM), which may come first.</summary>
    private bool Stopping(CancellationToken stoppingToken) =>
        stoppingToken.IsCancellationRequested || CoordinatedShutdown.Get(system).ShutdownReason is not null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var ids = model.Model.Brands.Select(b => b.Id).ToList();
        var unrecovered = new ConcurrentBag<string>();
        try
        {
            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = BrandQueries.WakingAtOnce, CancellationToken = stoppingToken },
                async (id, stopping) =>
                {
                    try
                    {
                        await brands.WakeAsync(id, stopping);
                    }
                    catch (BrandUnavailableException) when (Stopping(stoppingToken))
                    {
                        // The node stops, and its brands with it: not a failure to recover.
                    }
                    catch (BrandUnavailableException ex)
                    {
                        // The other brands serve on; this one answers 503 with the cause until its store is mended.
                        log.LogError("{Message}", ex.Message);
                        unrecovered.Add(id);
                    }
                });
            var seconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
            if (Stopping(stoppingToken))
            {
                return;
            }

            if (unrecovered.IsEmpty)
            {
                log.LogInformation("All {Brands} brands recovered in {Seconds:0.0} s", ids.Count, seconds);
            }
            else
            {
                log.LogError("{Recovered} of {Brands} brands recovered in {Seconds:0.0} s; these could not: {Unrecovered}",
                    ids.Count - unrecovered.Count, ids.Count, seconds, string.Join(", ", unrecovered.Order(StringComparer.Ordinal)));
            }
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
            // A node outside its cluster has no brand to wake, and readiness says why it is not ready.
            if (ClusterMembership.Problem(system) is { } membership)
            {
                log.LogWarning("The brands could not be woken within {Seconds} s: {Membership}", BrandQueries.WakeTimeout.TotalSeconds, membership);
            }
            else
            {
                log.LogWarning(ex, "A brand did not recover within {Seconds} s; reporting ready anyway", BrandQueries.WakeTimeout.TotalSeconds);
            }
        }

        if (store.ReadsJournalAtStart)
        {
            // Whatever rows are still held belong to no brand of the model: brands added later recover from the store.
            Persistence.Instance.Apply(system).JournalFor(null).Tell(ReleaseReadAtStart.Instance);
            Persistence.Instance.Apply(system).SnapshotStoreFor(null).Tell(ReleaseReadAtStart.Instance);
        }

        _done = true;
    }
}
