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
/// it in. Until a node has done so it reads posts with the model it had. A node that joins asks
/// every member for its model, so one that was down or cut off during a swap takes it up: between
/// models, the one swapped in later wins (<see cref="ModelFileLocation.SwappedAt"/>).
/// </summary>
internal sealed class ModelSharing(ActorSystem system, CurrentModel current, ModelFileLocation location, BrandQueries brands, ILogger<ModelSharing> log)
    : BackgroundService
{
    private readonly Channel<ModelPublished> _received = Channel.CreateUnbounded<ModelPublished>(new UnboundedChannelOptions { SingleReader = true });

    // One swap at a time: two swaps interleaving their save and their swap would leave in force a
    // model other than the one on file, which a restart would then quietly bring back.
    private readonly SemaphoreSlim _swapping = new(1, 1);

    private const string SubscriberName = "model-sharing";

    // When the model in force was swapped in live, in UTC ticks (those of DateTimeOffset.MinValue:
    // read from a file no swap wrote). Read by the subscriber's thread when a joining node asks.
    private long _swappedAtTicks;

    private DateTimeOffset SwappedAt
    {
        get => new(Volatile.Read(ref _swappedAtTicks), TimeSpan.Zero);
        set => Volatile.Write(ref _swappedAtTicks, value.UtcTicks);
    }

    private string Self => Cluster.Get(system).SelfAddress.ToString();

    /// <summary>Swaps a checked model in on this node (PUT /api/model), then sends it to every other node.</summary>
    public async Task SwapInAsync(ListeningModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);

        // Later than the model it replaces whatever this node's clock says, so every node that
        // has that model takes this one.
        var now = DateTimeOffset.UtcNow;
        var before = SwappedAt;
        var swappedAt = before >= now ? before.AddTicks(1) : now;
        await SaveAndReplaceAsync(model, swappedAt, "live", publish: true, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        SwappedAt = location.SwappedAt();
        var subscriber = system.ActorOf(Props.Create(() => new Subscriber(_received.Writer, Held)), SubscriberName);
        Cluster.Get(system).RegisterOnMemberUp(() => AskMembers(subscriber));
        try
        {
            await foreach (var published in _received.Reader.ReadAllAsync(stoppingToken))
            {
                // Only a model swapped in later than this node's: a member answering a joining node
                // with the model this node has, or an older one, changes nothing.
                if (published.Origin != Self && published.SwappedAt > SwappedAt)
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

        await SaveAndReplaceAsync(model, published.SwappedAt, "as published by " + published.Origin, publish: false, cancellationToken);
    }

    /// <summary>
    /// Asks every other member for its model, once this node is Up: straight to each member's
    /// subscriber, since a topic reaches a new subscriber only once the cluster has gossiped it.
    /// </summary>
    private void AskMembers(IActorRef subscriber)
    {
        var cluster = Cluster.Get(system);
        foreach (var member in cluster.State.Members.Where(m => m.Status == MemberStatus.Up && m.Address != cluster.SelfAddress))
        {
            system.ActorSelection(new RootActorPath(member.Address) / "user" / SubscriberName).Tell(new ModelAsked(Self), subscriber);
        }
    }

    /// <summary>What this node answers a joining one: its model, if a live swap gave it one.</summary>
    private ModelPublished? Held() =>
        SwappedAt is var at && at > DateTimeOffset.MinValue && current.Model.SourceText is { } text ? new ModelPublished(text, Self, at) : null;

    private async Task SaveAndReplaceAsync(ListeningModel model, DateTimeOffset swappedAt, string how, bool publish, CancellationToken cancellationToken)
    {
        // Written first, swapped second: a model in force is always one that a restart reloads.
        // Published in the same turn, so that the other nodes receive swaps in the order made here.
        await _swapping.WaitAsync(cancellationToken);
        var before = current.Model;
        try
        {
            await location.SaveAsync(model.SourceText!, swappedAt, cancellationToken);
            current.Replace(model);
            SwappedAt = swappedAt;
            if (publish)
            {
                DistributedPubSub.Get(system).Mediator.Tell(new Publish(ModelPublished.Topic, new ModelPublished(model.SourceText!, Self, swappedAt)));
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
        public Subscriber(ChannelWriter<ModelPublished> received, Func<ModelPublished?> held)
        {
            Receive<SubscribeAck>(_ => { });
            Receive<ModelPublished>(published => received.TryWrite(published));
            Receive<ModelAsked>(_ =>
            {
                if (held() is { } model)
                {
                    Sender.Tell(model);
                }
            });
        }

        protected override void PreStart() =>
            DistributedPubSub.Get(Context.System).Mediator.Tell(new Subscribe(ModelPublished.Topic, Self));
    }
}
