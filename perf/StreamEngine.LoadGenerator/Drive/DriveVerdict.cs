using System.Globalization;

namespace StreamEngine.LoadGenerator.Drive;

/// <summary>
/// Whether a drive measured a node taking its load, for the exit code. A node that went away or
/// refused the load mid-run leaves a report that reads as a slow node, and a script carrying on to
/// its next run (or to summarize.py's medians) would take it for a measurement. A 429 is the node's
/// back-pressure under the load offered, part of what is measured, and fails nothing.
/// </summary>
public static class DriveVerdict
{
    /// <summary>Why the run measured nothing sound, or null when it did.</summary>
    public static string? Failure(DriveReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        var error = report.FirstError is { } first ? $" (first error: {first})" : "";
        if (report.Interrupted)
        {
            return string.Create(c, $"the run was interrupted after {report.MeasuredSeconds:0.#} s measured");
        }

        if (report.RequestsUnanswered > 0)
        {
            return string.Create(c, $"{report.RequestsUnanswered} requests were still unanswered 60 s after the deadline: the node stopped answering");
        }

        if (report.SendersStopped > 0)
        {
            return string.Create(c, $"{report.SendersStopped} of the {report.Connections} connections stopped sending on an error{error}");
        }

        var window = report.RequestsInWindow;
        if (window.Failed + window.Unavailable > 0)
        {
            return string.Create(c, $"of the {window.Total} requests sent in the measured window, {window.Failed} failed and {window.Unavailable} were answered 503{error}: the node went away or refused the load");
        }

        if (report.Accepted == 0)
        {
            return window.Total == 0
                ? "no request was sent in the measured window: the load ended within the warm-up"
                : string.Create(c, $"none of the posts of the {window.Total} requests sent in the measured window was accepted{error}");
        }

        return null;
    }
}
