using Akka.Actor;
using StreamEngine.Engine.Brands;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// The node's <see cref="BrandRecoveryWatch"/>, listening on the cluster's topic before the
/// warm-up wakes the brands and the ingest graph writes to them.
/// </summary>
internal sealed class UnrecoveredBrands(ActorSystem system) : IHostedService, IDisposable
{
    private BrandRecoveryWatch? _watch;

    public BrandRecoveryWatch Watch => _watch ?? throw new InvalidOperationException("the brand recovery watch has not started");

    public async Task StartAsync(CancellationToken cancellationToken) =>
        _watch = await BrandRecoveryWatch.StartAsync(system, clusterWide: true, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _watch?.Dispose();
}
