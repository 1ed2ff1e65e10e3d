namespace StreamEngine.Host.Reports;

/// <summary>The forms a brand report is written in.</summary>
internal enum ReportFormat
{
    Json,
    Csv,
    Html,
}

internal static class ReportFormats
{
    public static IReadOnlyList<string> Accepted { get; } = ["json", "csv", "html"];

    /// <summary>JSON when none is asked for, like every other endpoint.</summary>
    public static bool TryParse(string? name, out ReportFormat format)
    {
        format = ReportFormat.Json;
        if (name is null || Is(name, "json"))
        {
            return true;
        }

        if (Is(name, "csv"))
        {
            format = ReportFormat.Csv;
            return true;
        }

        format = ReportFormat.Html;
        return Is(name, "html");
    }

    private static bool Is(string name, string format) => string.Equals(name, format, StringComparison.OrdinalIgnoreCase);
}
