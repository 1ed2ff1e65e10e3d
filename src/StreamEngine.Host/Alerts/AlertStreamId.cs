using StreamEngine.Domain.Alerts;

namespace StreamEngine.Host.Alerts;

/// <summary>
/// An alert's id as the alert stream sends it in an event's <c>id:</c> line, and as a reconnecting
/// browser sends it back in Last-Event-ID: an id holds an author's handle, and a line break in it
/// would end the event early, so line breaks are left out.
/// </summary>
internal static class AlertStreamId
{
    public static string Of(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return alert.Id.Contains('\n', StringComparison.Ordinal) || alert.Id.Contains('\r', StringComparison.Ordinal)
            ? alert.Id.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal)
            : alert.Id;
    }
}
