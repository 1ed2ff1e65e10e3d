using Akka.Hosting;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Engine.Brands;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// Asks brands, wherever in the cluster they live. A brand that cannot recover its figures from the
/// store fails the ask at once, saying why (<see cref="BrandNotRecoveredException"/>, or
/// <see cref="BrandStoppedException"/> when the brand's own node answers first).
/// </summary>
internal sealed class BrandQueries(IRequiredActor<BrandRegion> brands, UnrecoveredBrands unrecovered)
{
    /// <summary>How many brands the node wakes at once: each recovers its journal, and a few at a time keep the store busy without swamping it.</summary>
    public const int WakingAtOnce = 16;

    /// <summary>How long a brand may take to recover when woken.</summary>
    public static readonly TimeSpan WakeTimeout = TimeSpan.FromSeconds(60);

    public async Task<T> AskAsync<T>(IBrandMessage query, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        await unrecovered.Watch.AskAsync<T>(await brands.GetAsync(cancellationToken), query, timeout, cancellationToken);

    /// <summary>Asks the brands heard failing their recovery again (<see cref="BrandRecoveryWatch.RecheckAsync"/>), each for at most <paramref name="timeout"/>.</summary>
    public async Task RecheckUnrecoveredAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        await unrecovered.Watch.RecheckAsync(await brands.GetAsync(cancellationToken), timeout, cancellationToken);

    /// <summary>Starts the brand's actor wherever its shard lives, and waits until it has recovered and answered.</summary>
    public async Task WakeAsync(string brandId, CancellationToken cancellationToken = default) =>
        await AskAsync<BrandSummary>(new GetBrandSummary(brandId, TimeWindow.FifteenMinutes), WakeTimeout, cancellationToken);
}
