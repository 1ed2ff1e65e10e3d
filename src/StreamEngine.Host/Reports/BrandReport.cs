using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Competition;
using StreamEngine.Domain.Model;
using StreamEngine.Domain.Sketches;
using StreamEngine.Engine.Brands;
using StreamEngine.Host.Api;
using StreamEngine.Host.Hosting;
using static StreamEngine.Host.Api.BrandEndpoints;

namespace StreamEngine.Host.Reports;

/// <summary>The brand's headline figures over the window, as the summary endpoint gives them.</summary>
internal sealed record ReportSummary(long Mentions, long Reach, long Engagement, long UniqueAuthors, SentimentResponse Sentiment, double Reputation);

internal sealed record ReportTimeseries(string Step, IReadOnlyList<PointResponse> Points);

/// <summary>One breakdown: the brand's mentions in the window and each value, as the segments endpoint gives them.</summary>
internal sealed record ReportSegments(string By, long Mentions, IReadOnlyList<SegmentResponse> Values);

/// <summary>
/// Everything a brand report shows, gathered once and then written as JSON, CSV or HTML, so the
/// three forms cannot disagree. Figures come from the same brand actor answers, mapped by the
/// same code, as the summary, timeseries, segments, compare and alerts endpoints.
/// </summary>
/// <param name="From">The start of the window's first bucket: alerts are those of minutes from then on.</param>
/// <param name="Competitors">The brand first, then each competitor of its set with its concept gaps.</param>
/// <param name="Influencers">The leading authors by reach (docs/influence.md).</param>
/// <param name="Concepts">
/// The model's name of each concept the report names by id (its concept and intent breakdowns,
/// concept gaps and alert drivers), so that a reader sees "Customer service", not "customer-service".
/// </param>
internal sealed record BrandReport(
    string Brand,
    string Name,
    string Window,
    DateTimeOffset From,
    DateTimeOffset GeneratedAt,
    ReportSummary Summary,
    ReportTimeseries Timeseries,
    IReadOnlyList<ReportSegments> Segments,
    IReadOnlyList<CompetitorStandings.StandingResponse> Competitors,
    IReadOnlyList<InfluenceEndpoints.InfluencerResponse> Influencers,
    IReadOnlyList<AlertResponses.AlertResponse> Alerts,
    IReadOnlyDictionary<string, string> Concepts)
{
    /// <summary>The breakdowns a report shows, the audience first, then what was said and how.</summary>
    public const int InfluencerCount = 10;

    public static IReadOnlyList<SegmentDimension> Dimensions { get; } =
    [
        SegmentDimension.Gender, SegmentDimension.Age, SegmentDimension.Country, SegmentDimension.Network,
        SegmentDimension.Purchase, SegmentDimension.Language, SegmentDimension.Concept,
        SegmentDimension.Sentiment, SegmentDimension.Emotion, SegmentDimension.Intent,
    ];

    /// <summary>
    /// Asks the brand for every part of the report in one question, so that they agree with each
    /// other, and its competitors for their standings at the same time; the slowest answer sets the pace.
    /// </summary>
    public static async Task<BrandReport> GatherAsync(
        BrandQueries brands, ListeningModel model, BrandDefinition brand, TimeWindow window, DateTimeOffset now, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(brands);
        ArgumentNullException.ThrowIfNull(brand);
        ArgumentNullException.ThrowIfNull(window);
        var id = brand.Id;
        var step = StepFor(window);
        var from = window.StartAt(now);

        var parts = brands.AskAsync<BrandReportParts>(new GetBrandReport(id, window, step, Dimensions, InfluencerCount, from), timeout);
        var competitors = CompetitorStandings.CompareAsync(brands, model, brand, StandingOf(parts), window, timeout);
        await Task.WhenAll(parts, competitors);

        var answer = await parts;
        var f = answer.Summary.Figures;
        var breakdowns = answer.Segments.Select(s => new ReportSegments(s.Dimension.ToName(), s.Mentions, SegmentsOf(s))).ToList();
        var standings = await competitors;
        var alerted = answer.Alerts.Alerts.OrderBy(a => a.Minute).ThenBy(a => a.Id, StringComparer.Ordinal).Select(AlertResponses.From).ToList();
        return new BrandReport(
            id,
            brand.Name,
            window.Name,
            from,
            now,
            new ReportSummary(f.Mentions, f.Reach, f.Engagement, f.UniqueAuthors, SentimentResponse.Of(f.Sentiment), f.Reputation),
            new ReportTimeseries(step.ToName(), answer.Timeseries.Points.Select(PointOf).ToList()),
            breakdowns,
            standings,
            answer.Influencers.Authors.Select(InfluenceEndpoints.InfluencerOf).ToList(),
            alerted,
            ConceptNames(model, breakdowns, standings, alerted));
    }

    private static async Task<BrandStanding> StandingOf(Task<BrandReportParts> parts) => (await parts).Standing.Standing;

    /// <summary>Whether a breakdown's values, or an alert driver's, are concept ids.</summary>
    private static bool NamesConcepts(string dimension) =>
        dimension == SegmentDimension.Concept.ToName() || dimension == SegmentDimension.Intent.ToName();

    private static SortedDictionary<string, string> ConceptNames(
        ListeningModel model,
        IEnumerable<ReportSegments> breakdowns,
        IEnumerable<CompetitorStandings.StandingResponse> standings,
        IEnumerable<AlertResponses.AlertResponse> alerts)
    {
        var named = breakdowns.Where(b => NamesConcepts(b.By)).SelectMany(b => b.Values.Select(v => v.Value))
            .Concat(standings.SelectMany(c => (c.ConceptGaps ?? []).Select(g => g.Concept)))
            .Concat(alerts.SelectMany(a => a.Drivers.Where(d => NamesConcepts(d.Dimension)).Select(d => d.Value)))
            .ToHashSet(StringComparer.Ordinal);

        // A concept taken out of the model since its posts were counted has no name left: its id stands.
        var names = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var concept in model.Concepts)
        {
            if (named.Contains(concept.Id))
            {
                names[concept.Id] = concept.Name;
            }
        }

        return names;
    }

    private HashSet<string>? _sharedNames;

    /// <summary>
    /// The name of a concept the report names, or its id when the model no longer has it. A name
    /// that two of the report's concepts share (a brand's own "Delivery" beside the library's) is
    /// followed by the id, so the page does not show two rows the reader cannot tell apart.
    /// </summary>
    public string ConceptName(string id)
    {
        if (!Concepts.TryGetValue(id, out var name))
        {
            return id;
        }

        _sharedNames ??= Concepts.Values.GroupBy(n => n, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return _sharedNames.Contains(name) ? $"{name} ({id})" : name;
    }

    /// <summary>A value of a breakdown (or of an alert driver) as a reader should see it: a concept or intent by its name, anything else as it is.</summary>
    public string ValueName(string dimension, string value) => NamesConcepts(dimension) ? ConceptName(value) : value;

    /// <summary>A chart reads well with tens to hundreds of points: minutes up to an hour, hours beyond.</summary>
    public static TimeStep StepFor(TimeWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        return window.Length > TimeSpan.FromHours(1) ? TimeStep.Hour : TimeStep.Minute;
    }
}
