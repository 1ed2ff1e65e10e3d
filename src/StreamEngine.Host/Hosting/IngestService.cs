using Akka;
using Akka.Actor;
using Akka.Hosting;
using StreamEngine.Engine.Ingest;
using StreamEngine.Host.Configuration;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// Runs the ingest graph for the host's lifetime and drains it on shutdown, so acknowledged chunks
/// are never cut short. SIGTERM reaches Akka's coordinated shutdown before the web host stops its
/// services, so the drain runs as a task of its service-requests-done phase, while brand actors
/// and the journal are still up.
/// </summary>
internal sealed class IngestService(
    ActorSystem system,
    IRequiredActor<BrandRegion> brands,
    UnrecoveredBrands unrecovered,
    CurrentModel model,
    TimeProvider clock,
    StreamEngineOptions options,
    StoreSetup store,
    IHostApplicationLifetime lifetime,
    ILogger<IngestService> log) : IHostedService
{
    private IngestPipeline? _pipeline;

    // The drain runs twice (the actor system's shutdown, then the host's stop): the seen posts are written once.
    private int _seenSaved;

    // Cancelled when the node starts stopping: the host's signal, or the graph's drain, which may come first.
    private readonly CancellationTokenSource _stopping = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);

    /// <summary>The graph, once started; null before that.</summary>
    public IngestPipeline? Pipeline => _pipeline;

    /// <summary>
    /// The node is stopping: the host has signalled its stop, or the actor system's shutdown (on
    /// SIGTERM), which drains the graph before the host's signal, has begun.
    /// </summary>
    public bool IsStopping => _stopping.IsCancellationRequested;

    /// <summary>Cancelled once the node starts stopping (<see cref="IsStopping"/>).</summary>
    public CancellationToken Stopping => _stopping.Token;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var region = await brands.GetAsync(cancellationToken);
        var settings = new IngestSettings(
            ReadParallelism: Environment.ProcessorCount,
            ChunksPerRound: options.ChunksPerRound,
            BatchWindow: TimeSpan.FromMilliseconds(options.BatchWindowMs));
        _pipeline = new IngestPipeline(system, region, model, clock, settings, unrecovered.Watch);
        SeenPostsTable.Restore(_pipeline, store, log);
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseServiceRequestsDone, "drain-ingest-graph", async () =>
        {
            await DrainAsync(CancellationToken.None);
            return Done.Instance;
        });
        log.LogInformation("Ingest graph running with {Brands} brands and {Concepts} concepts; on shutdown it drains for up to {DrainSeconds} s",
            model.Model.Brands.Count, model.Model.Concepts.Count,
            system.Settings.Config.GetTimeSpan("akka.coordinated-shutdown.phases.service-requests-done.timeout").TotalSeconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => DrainAsync(cancellationToken);

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        if (_pipeline is null)
        {
            return;
        }

        await _stopping.CancelAsync();
        _pipeline.Complete();
        try
        {
            // A terminated actor system can no longer run the graph: waiting longer would only delay the exit.
            await Task.WhenAny(_pipeline.Completion, system.WhenTerminated).WaitAsync(cancellationToken);
            if (_pipeline.Completion.IsCompletedSuccessfully && Interlocked.Exchange(ref _seenSaved, 1) == 0)
            {
                // Every round has settled: what the filter remembers was journaled.
                SeenPostsTable.Save(_pipeline, store, log);
            }

            // A graph holding no chunk has nothing to lose, however its stop was timed.
            if (!_pipeline.Completion.IsCompleted && _pipeline.UnansweredChunks is > 0 and var unanswered)
            {
                log.LogWarning("The actor system stopped before the ingest graph drained; {Chunks} unacknowledged chunks were dropped", unanswered);
            }
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout ran out first: what was acknowledged is journaled already,
            // and senders still waiting get no answer, so they resend.
            log.LogWarning("Shutdown timed out before the ingest graph drained; unacknowledged chunks were dropped");
        }
    }
}
