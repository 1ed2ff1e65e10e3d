using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using StreamEngine.Domain.Aggregates;

namespace StreamEngine.Engine.Brands;

/// <summary>
/// Hears the brands that could not recover their figures from the store (<see cref="BrandRecoveryFailed"/>)
/// and fails the asks waiting on them at once. Such a brand stops without answering what it was
/// sent, so an ask would otherwise wait out its whole timeout (the ingest graph's 125 s, holding one
/// of its rounds) and then know only that nothing came.
/// </summary>
public sealed class BrandRecoveryWatch : IDisposable
{
    private readonly ConcurrentDictionary<string, BrandRecoveryFailed> _failed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<BrandRecoveryFailed>> _waiting = new(StringComparer.Ordinal);
    private readonly ActorSystem _system;
    private IActorRef? _listener;

    private BrandRecoveryWatch(ActorSystem system) => _system = system;

    /// <summary>The latest failure of each brand that has not answered since, by brand id.</summary>
    public IReadOnlyList<BrandRecoveryFailed> Failed => [.. _failed.Values.OrderBy(f => f.BrandId, StringComparer.Ordinal)];

    /// <summary>
    /// Listens where brands publish their failures (<see cref="BrandActorSettings.PublishClusterWide"/>);
    /// returns once listening, so no failure of a brand asked afterwards goes unheard.
    /// </summary>
    public static async Task<BrandRecoveryWatch> StartAsync(ActorSystem system, bool clusterWide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        var watch = new BrandRecoveryWatch(system);
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        watch._listener = system.ActorOf(Props.Create(() => new Listener(watch, listening, clusterWide)));
        try
        {
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        }
        catch
        {
            watch.Dispose();
            throw;
        }

        return watch;
    }

    /// <summary>
    /// Asks a brand; <see cref="BrandNotRecoveredException"/> as soon as it fails to recover instead
    /// of answering. The ask itself runs on to its answer or its timeout (the exception holds it).
    /// </summary>
    public async Task<T> AskAsync<T>(IActorRef region, IBrandMessage message, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(message);

        // Taken before the ask: the brand's recovery may fail as soon as the ask wakes it.
        var failure = _waiting.GetOrAdd(message.BrandId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        var answer = region.Ask<T>(message, timeout, cancellationToken);
        if (await Task.WhenAny(answer, failure) == failure)
        {
            // Whoever leaves the ask running observes its end, so a timeout no one awaits is not reported as unobserved.
            _ = answer.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw new BrandNotRecoveredException(await failure, answer);
        }

        var answered = await answer;

        // It answered: whatever kept it from recovering has been mended.
        _failed.TryRemove(message.BrandId, out _);
        return answered;
    }

    /// <summary>
    /// Asks each brand listed in <see cref="Failed"/> again, for at most <paramref name="timeout"/>:
    /// those that answer leave the list. A failure heard from a brand on another node is mended
    /// where that brand next answers, which this node's own asks may never see.
    /// </summary>
    public async Task RecheckAsync(IActorRef region, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(region);
        await Task.WhenAll(_failed.Keys.Select(async brand =>
        {
            try
            {
                await AskAsync<BrandSummary>(region, new GetBrandSummary(brand, TimeWindow.FifteenMinutes), timeout, cancellationToken);
            }
#pragma warning disable CA1031 // a brand that still fails, or does not answer in time, stays listed: that is what the list says
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }));
    }

    public void Dispose()
    {
        if (_listener is not null)
        {
            _system.Stop(_listener);
        }
    }

    private void Heard(BrandRecoveryFailed failed)
    {
        _failed[failed.BrandId] = failed;
        if (_waiting.TryRemove(failed.BrandId, out var waiting))
        {
            waiting.TrySetResult(failed);
        }
    }

    private sealed class Listener : ReceiveActor
    {
        private readonly TaskCompletionSource _listening;
        private readonly bool _clusterWide;

        public Listener(BrandRecoveryWatch watch, TaskCompletionSource listening, bool clusterWide)
        {
            _listening = listening;
            _clusterWide = clusterWide;
            Receive<SubscribeAck>(_ => listening.TrySetResult());
            Receive<BrandRecoveryFailed>(watch.Heard);
        }

        protected override void PreStart()
        {
            if (_clusterWide)
            {
                DistributedPubSub.Get(Context.System).Mediator.Tell(new Subscribe(BrandRecoveryTopic.Name, Self));
            }
            else
            {
                Context.System.EventStream.Subscribe(Self, typeof(BrandRecoveryFailed));
                _listening.TrySetResult();
            }
        }
    }
}
