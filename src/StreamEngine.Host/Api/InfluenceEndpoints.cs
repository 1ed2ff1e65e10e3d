using System.Globalization;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Influence;
using StreamEngine.Domain.Sketches;
using StreamEngine.Engine.Brands;
using StreamEngine.Engine.Ingest;
using StreamEngine.Host.Hosting;

namespace StreamEngine.Host.Api;

/// <summary>GET /api/brands/{id}/influencers and /trending: who drives a brand's conversation, and what is rising in it.</summary>
internal static class InfluenceEndpoints
{
    private const int DefaultLimit = 10;
    private const int MaxLimit = 100;
    private static readonly string[] Rankings = ["mentions", "reach", "engagement"];

    public sealed record InfluencerResponse(string Author, string Network, long Mentions, long Reach, long Engagement, double NetSentiment);

    public sealed record InfluencersResponse(string Brand, string Window, string By, IReadOnlyList<InfluencerResponse> Authors);

    public sealed record TrendingResponseItem(string Kind, string Value, long Observed, double Expected, double Lift);

    public sealed record TrendingResponse(string Brand, string Window, IReadOnlyList<TrendingResponseItem> Items);

    public static void MapInfluenceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapRead("/api/brands/{id}/influencers", async (string id, string? window, string? by, string? limit, CurrentModel model, BrandQueries brands) =>
        {
            if (BrandEndpoints.Check(model, id, window, out var w) is { } error)
            {
                return error;
            }

            var ranking = TallyWeight.Mentions;
            if (by is not null && !TryParseRanking(by, out ranking))
            {
                return ApiErrors.BadParameter("by", by, Rankings);
            }

            var count = DefaultLimit;
            if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxLimit))
            {
                return ApiErrors.BadRequest($"parameter 'limit' is '{limit}'; expected a whole number from 1 to {MaxLimit}");
            }

            var answer = await BrandEndpoints.Ask<BrandInfluencers>(brands, new GetBrandInfluencers(id, w, ranking, count), "influencers");
            return Results.Ok(new InfluencersResponse(id, w.Name, Rankings[(int)ranking - 1], answer.Authors.Select(InfluencerOf).ToList()));
        })
            .Reading("window", "by", "limit");

        app.MapRead("/api/brands/{id}/trending", async (string id, string? window, CurrentModel model, BrandQueries brands) =>
        {
            // The brand first, as every brand endpoint does; then the windows trending offers, so that an error lists only those.
            if (!model.Model.TryGetBrand(id, out _))
            {
                return ApiErrors.UnknownBrand(id);
            }

            if (!Trending.Windows.Contains(window ?? "1h", StringComparer.OrdinalIgnoreCase))
            {
                return ApiErrors.BadParameter("window", window, Trending.Windows);
            }

            if (BrandEndpoints.Check(model, id, window ?? "1h", out var w) is { } error)
            {
                return error;
            }

            var answer = await BrandEndpoints.Ask<BrandTrending>(brands, new GetBrandTrending(id, w), "trending");
            return Results.Ok(new TrendingResponse(id, w.Name, answer.Items.Select(TrendingItemOf).ToList()));
        })
            .Reading("window");
    }

    /// <summary>A hashtag with its '#', as alert drivers and the docs write it, so that a dashboard can join the two.</summary>
    internal static TrendingResponseItem TrendingItemOf(TrendingItem t) => t.Kind switch
    {
        TrendKind.Concept => new TrendingResponseItem("concept", t.Value, t.Observed, t.Expected, t.Lift),
        TrendKind.Intent => new TrendingResponseItem("intent", t.Value, t.Observed, t.Expected, t.Lift),
        _ => new TrendingResponseItem("hashtag", "#" + t.Value, t.Observed, t.Expected, t.Lift),
    };

    internal static InfluencerResponse InfluencerOf(AuthorContribution a)
    {
        var (network, author) = AuthorKeys.Split(a.Author);
        return new InfluencerResponse(author, network, a.Tally.Mentions, a.Tally.Reach, a.Tally.Engagement, Rounded.To(a.Tally.NetSentiment, 2));
    }

    private static bool TryParseRanking(string name, out TallyWeight ranking)
    {
        var index = Array.IndexOf(Rankings, name.ToLowerInvariant());
        ranking = (TallyWeight)(index + 1);
        return index >= 0;
    }
}
