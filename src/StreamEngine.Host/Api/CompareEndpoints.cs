using System.Diagnostics;
using Akka.Actor;
using Akka.Hosting;
using StreamEngine.Domain.Competition;
using StreamEngine.Engine.Brands;
using StreamEngine.Engine.Ingest;
using StreamEngine.Engine.Telemetry;
using StreamEngine.Host.Hosting;

namespace StreamEngine.Host.Api;

/// <summary>GET /api/brands/{id}/compare: the brand against its competitor set, brands asked in parallel across shards.</summary>
internal static class CompareEndpoints
{
    private const int GapsPerCompetitor = 5;
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    public sealed record GapResponse(string Concept, double BrandShare, double CompetitorShare, double Difference);

    public sealed record StandingResponse(
        string Brand,
        string Name,
        long Mentions,
        double ShareOfVoice,
        long Reach,
        long Engagement,
        long UniqueAuthors,
        double NetSentiment,
        IReadOnlyList<GapResponse>? ConceptGaps);

    public sealed record CompareResponse(string Brand, string Window, IReadOnlyList<StandingResponse> Brands);

    public static void MapCompareEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/brands/{id}/compare", async (string id, string? window, CurrentModel current, IRequiredActor<BrandRegion> brands) =>
        {
            if (BrandEndpoints.Check(current, id, window, out var w) is { } error)
            {
                return error;
            }

            var model = current.Model;
            model.TryGetBrand(id, out var brand);
            var started = Stopwatch.GetTimestamp();
            var region = await brands.GetAsync();
            var standings = await Task.WhenAll(new[] { id }.Concat(brand.Competitors)
                .Select(b => region.Ask<BrandStandingReply>(new GetBrandStanding(b, w), AskTimeout)));
            var compared = CompetitorComparison.Compare(standings[0].Standing, standings.Skip(1).Select(s => s.Standing).ToList(), GapsPerCompetitor);
            EngineMetrics.QuerySeconds.WithLabels("compare").Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);

            return Results.Ok(new CompareResponse(id, w.Name, compared.Select((c, i) => new StandingResponse(
                c.Standing.BrandId,
                model.TryGetBrand(c.Standing.BrandId, out var b) ? b.Name : c.Standing.BrandId,
                c.Standing.Figures.Mentions,
                Math.Round(c.ShareOfVoice, 2),
                c.Standing.Figures.Reach,
                c.Standing.Figures.Engagement,
                c.Standing.Figures.UniqueAuthors,
                Math.Round(c.Standing.Figures.Sentiment.NetSentiment, 2),
                i == 0 ? null : c.ConceptGaps.Select(g => new GapResponse(g.ConceptId, Math.Round(g.BrandShare, 4), Math.Round(g.CompetitorShare, 4), Math.Round(g.Difference, 4))).ToList()))
                .ToList()));
        });
    }
}
