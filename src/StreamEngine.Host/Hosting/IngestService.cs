using Akka.Actor;
using Akka.Hosting;
using StreamEngine.Engine.Ingest;
using StreamEngine.Host.Configuration;

namespace StreamEngine.Host.Hosting;

/// <summary>Runs the ingest graph for the host's lifetime and drains it on shutdown, so acknowledged chunks are never cut short.</summary>
internal sealed class IngestService(
    ActorSystem system,
    IRequiredActor<BrandRegion> brands,
    CurrentModel model,
    TimeProvider clock,
    StreamEngineOptions options,
    ILogger<IngestService> log) : IHostedService
{
    private IngestPipeline? _pipeline;

    /// <summary>The graph, once started; null before that.</summary>
    public IngestPipeline? Pipeline => _pipeline;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var region = await brands.GetAsync(cancellationToken);
        var settings = new IngestSettings(ReadParallelism: Environment.ProcessorCount, BatchWindow: TimeSpan.FromMilliseconds(options.BatchWindowMs));
        _pipeline = new IngestPipeline(system, region, model, clock, settings);
        log.LogInformation("Ingest graph running with {Brands} brands and {Concepts} concepts",
            model.Model.Brands.Count, model.Model.Concepts.Count);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_pipeline is null)
        {
            return;
        }

        _pipeline.Complete();
        try
        {
            await _pipeline.Completion.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout ran out first: what was acknowledged is journaled already,
            // and senders still waiting get no answer, so they resend.
            log.LogWarning("Shutdown timed out before the ingest graph drained; unacknowledged chunks were dropped");
        }
    }
}
