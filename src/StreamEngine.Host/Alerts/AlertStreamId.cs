using System.Buffers;
using StreamEngine.Domain.Alerts;

namespace StreamEngine.Host.Alerts;

/// <summary>
/// An alert's id as the alert stream sends it in an event's <c>id:</c> line, and as a reconnecting
/// browser sends it back in Last-Event-ID. An id holds an author's handle, which may hold anything:
/// a line break would end the event early and a NUL makes a browser drop the id, so both are left
/// out; and HTTP trims spaces and tabs from the ends of a header's value, so those at the id's end
/// are left out too, or the id the browser sends back would name no alert.
/// </summary>
internal static class AlertStreamId
{
    private static readonly SearchValues<char> Unsendable = SearchValues.Create("\r\n\0");

    public static string Of(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var id = alert.Id;
        if (id.AsSpan().ContainsAny(Unsendable))
        {
            id = id.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Replace("\0", "", StringComparison.Ordinal);
        }

        return id.TrimEnd(' ', '\t');
    }
}
