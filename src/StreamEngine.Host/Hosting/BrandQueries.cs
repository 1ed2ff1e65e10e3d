using Akka.Hosting;
using StreamEngine.Engine.Brands;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// Asks brands, wherever in the cluster they live. A brand that cannot recover its figures from the
/// store fails the ask at once, saying why (<see cref="BrandNotRecoveredException"/>, or
/// <see cref="BrandStoppedException"/> when the brand's own node answers first).
/// </summary>
internal sealed class BrandQueries(IRequiredActor<BrandRegion> brands, UnrecoveredBrands unrecovered)
{
    public async Task<T> AskAsync<T>(IBrandMessage query, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        await unrecovered.Watch.AskAsync<T>(await brands.GetAsync(cancellationToken), query, timeout, cancellationToken);
}
