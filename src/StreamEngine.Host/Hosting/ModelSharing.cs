using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.PublishSubscribe;
using StreamEngine.Domain.Model;
using StreamEngine.Engine.Brands;
using StreamEngine.Engine.Ingest;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// Keeps every node of a cluster on the same model: a model swapped in live on one node is
/// published to the others, and each of them checks it, saves it over its own model file and swaps
/// it in. Until a node has done so it reads posts with the model it had.
/// </summary>
internal sealed class ModelSharing(ActorSystem system, CurrentModel current, ModelFileLocation location, BrandQueries brands, ILogger<ModelSharing> log)
    : BackgroundService
{
    private readonly Channel<ModelPublished> _received = Channel.CreateUnbounded<ModelPublished>(new UnboundedChannelOptions { SingleReader = true });

    // One swap at a time: two swaps interleaving their save and their swap would leave in force a
    // model other than the one on file, which a restart would then quietly bring back.
    private readonly SemaphoreSlim _swapping = new(1, 1);

    private string Self => Cluster.Get(system).SelfAddress.ToString();

    /// <summary>Swaps a checked model in on this node (PUT /api/model), then sends it to every other node.</summary>
    public async Task SwapInAsync(ListeningModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        await SaveAndReplaceAsync(model, "live", publish: true, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var subscriber = system.ActorOf(Props.Create(() => new Subscriber(_received.Writer)), "model-sharing");
        try
        {
            await foreach (var published in _received.Reader.ReadAllAsync(stoppingToken))
            {
                if (published.Origin != Self)
                {
                    await ApplyAsync(published, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The node is stopping.
        }
        finally
        {
            system.Stop(subscriber);
        }
    }

    private async Task ApplyAsync(ModelPublished published, CancellationToken cancellationToken)
    {
        ListeningModel model;
        try
        {
            model = ModelLoader.Parse(published.SourceText, $"the model published by {published.Origin}");
        }
        catch (ModelException ex)
        {
            // The sending node checked it: a refusal here means the two nodes run different versions.
            log.LogError("The model published by {Origin} is refused here, so this node keeps its own: {Errors}", published.Origin, ex.Message);
            return;
        }

        await SaveAndReplaceAsync(model, "as published by " + published.Origin, publish: false, cancellationToken);
    }

    private async Task SaveAndReplaceAsync(ListeningModel model, string how, bool publish, CancellationToken cancellationToken)
    {
        // Written first, swapped second: a model in force is always one that a restart reloads.
        // Published in the same turn, so that the other nodes receive swaps in the order made here.
        await _swapping.WaitAsync(cancellationToken);
        var before = current.Model;
        try
        {
            await location.SaveAsync(model.SourceText!, cancellationToken);
            current.Replace(model);
            if (publish)
            {
                DistributedPubSub.Get(system).Mediator.Tell(new Publish(ModelPublished.Topic, new ModelPublished(model.SourceText!, Self)));
            }
        }
        finally
        {
            _swapping.Release();
        }

        log.LogInformation("Model replaced {How}: {Brands} brands, {Concepts} concepts, saved to {Path}",
            how, model.Brands.Count, model.Concepts.Count, location.Path);
        if (publish)
        {
            // Once for the cluster, from the node that took the swap: the brand's shard wakes it wherever it lives.
            _ = WakeAddedBrandsAsync(model.Brands.Select(b => b.Id).Where(id => !before.TryGetBrand(id, out _)).ToList());
        }
    }

    /// <summary>
    /// Starts the brands a swap added, as the node's start wakes every brand: a brand no post or
    /// query has named yet would otherwise have no actor, and so no one watching its minutes.
    /// </summary>
    private async Task WakeAddedBrandsAsync(IReadOnlyList<string> added)
    {
        await Parallel.ForEachAsync(added, new ParallelOptions { MaxDegreeOfParallelism = BrandQueries.WakingAtOnce }, async (id, _) =>
        {
            try
            {
                await brands.WakeAsync(id);
            }
            catch (Exception ex) when (ex is BrandUnavailableException or AskTimeoutException)
            {
                // It starts on its first post or query instead; readiness and its answers say why meanwhile.
                log.LogWarning("Brand {Brand}, added by the model swap, did not start: {Reason}", id, ex.Message);
            }
        });
    }

    private sealed class Subscriber : ReceiveActor
    {
        public Subscriber(ChannelWriter<ModelPublished> received)
        {
            Receive<SubscribeAck>(_ => { });
            Receive<ModelPublished>(published => received.TryWrite(published));
        }

        protected override void PreStart() =>
            DistributedPubSub.Get(Context.System).Mediator.Tell(new Subscribe(ModelPublished.Topic, Self));
    }
}
