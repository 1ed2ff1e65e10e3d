using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Alerts;

namespace StreamEngine.Host.Api;

/// <summary>How alerts read in JSON, in the list and in the stream alike.</summary>
internal static class AlertResponses
{
    public sealed record DriverResponse(string Dimension, string Value, double Observed, double Expected, double Share);

    public sealed record AlertResponse(
        string Id,
        string Brand,
        DateTimeOffset Minute,
        string Category,
        string Metric,
        string Direction,
        string Severity,
        double Observed,
        double Expected,
        double ZScore,
        IReadOnlyList<DriverResponse> Drivers);

    public sealed record AlertPage(IReadOnlyList<AlertResponse> Alerts, string? Next);

    public static AlertResponse From(Alert a) => new(
        a.Id,
        a.BrandId,
        a.Minute,
        a.Category,
        a.Metric.ToName(),
        a.Direction.ToName(),
        a.Severity.ToName(),
        Rounded.To(a.Observed, 3),
        a.Expected,
        a.ZScore,
        a.Drivers.Select(d => new DriverResponse(d.Dimension, d.Value, d.Observed, d.Expected, d.Share)).ToList());
}
