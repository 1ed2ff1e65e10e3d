using System.Diagnostics;
using StreamEngine.Engine.Brands;
using StreamEngine.Engine.Ingest;
using StreamEngine.Engine.Telemetry;
using StreamEngine.Host.Hosting;
using StreamEngine.Host.Reports;

namespace StreamEngine.Host.Api;

/// <summary>GET /api/brands/{id}/report: everything the dashboard shows of a brand over a window, in one document.</summary>
internal static class ReportEndpoints
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    public static void MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapRead("/api/brands/{id}/report", async (string id, string? window, string? format, CurrentModel current, BrandQueries brands, TimeProvider clock, HttpContext http) =>
        {
            if (BrandEndpoints.Check(current, id, window, out var w) is { } error)
            {
                return error;
            }

            if (!ReportFormats.TryParse(format, out var form))
            {
                return ApiErrors.BadParameter("format", format, ReportFormats.Accepted);
            }

            // The model can be swapped live between the check and here.
            var model = current.Model;
            if (!model.TryGetBrand(id, out var brand))
            {
                return ApiErrors.UnknownBrand(id);
            }

            var started = Stopwatch.GetTimestamp();
            var report = await BrandReport.GatherAsync(brands, model, brand, w, clock.GetUtcNow(), AskTimeout);
            EngineMetrics.QuerySeconds.WithLabels("report").Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);

            return form switch
            {
                ReportFormat.Csv => Results.File(ReportCsv.Encode(report), "text/csv; charset=utf-8", $"{id}-{w.Name}-report.csv"),
                ReportFormat.Html => Html(http, report),
                _ => Results.Ok(report),
            };
        })
            .Reading("window", "format");
    }

    /// <summary>
    /// The page runs nothing and loads nothing, and says so to the browser: should any text ever
    /// slip through unencoded, it still could not run a script or reach another site.
    /// </summary>
    private static IResult Html(HttpContext http, BrandReport report)
    {
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
        return Results.Content(ReportHtml.Write(report), "text/html; charset=utf-8");
    }
}
