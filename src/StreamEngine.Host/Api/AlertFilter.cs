using StreamEngine.Domain.Alerts;
using StreamEngine.Engine.Ingest;

namespace StreamEngine.Host.Api;

/// <summary>Which alerts a request wants: one brand or all, and a minimum severity.</summary>
internal sealed record AlertFilter(IReadOnlyList<string> Brands, string? Brand, AlertSeverity MinimumSeverity)
{
    public bool Admits(Alert alert) =>
        alert.Severity >= MinimumSeverity && (Brand is null || alert.BrandId == Brand);

    public static AlertFilter? Parse(CurrentModel current, string? brand, string? severity)
    {
        var minimum = AlertSeverity.Medium;
        if (severity is not null && !AlertNames.TryParseSeverity(severity, out minimum))
        {
            return null;
        }

        if (brand is null)
        {
            return new AlertFilter(current.Model.Brands.Select(b => b.Id).ToList(), null, minimum);
        }

        return current.Model.TryGetBrand(brand, out _) ? new AlertFilter([brand], brand, minimum) : null;
    }

    public static IResult Error(CurrentModel current, string? brand, string? severity) =>
        severity is not null && !AlertNames.TryParseSeverity(severity, out _)
            ? ApiErrors.BadParameter("severity", severity, ["medium", "high"])
            : string.IsNullOrWhiteSpace(brand)
                ? ApiErrors.BadRequest("brand is empty: give a brand id, or leave brand out for the alerts of every brand")
                : brand.Contains(',', StringComparison.Ordinal)
                    // A repeated parameter arrives joined by commas, which no brand id holds.
                    ? ApiErrors.BadRequest($"brand '{brand}' names several brands: give one, or leave brand out for the alerts of every brand")
                    : ApiErrors.UnknownBrand(brand);
}
