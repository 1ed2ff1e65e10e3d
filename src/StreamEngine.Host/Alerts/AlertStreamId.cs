using StreamEngine.Domain.Alerts;

namespace StreamEngine.Host.Alerts;

/// <summary>
/// An alert's id as the alert stream sends it in an event's <c>id:</c> line, and as a reconnecting
/// browser sends it back in Last-Event-ID: the id as a webhook's header carries it
/// (<see cref="AlertIdHeader"/>). An id holds an author's handle, which may hold anything: a line
/// break would end the event early, a browser drops an id holding a NUL, and HTTP trims the spaces at
/// the ends of a header's value. In that form every such unit, and '%' itself, is percent-encoded, so
/// the id comes back as it was sent and two alerts never share one: a reconnect after one would take
/// the other for it and leave it out.
/// </summary>
internal static class AlertStreamId
{
    public static string Of(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return AlertIdHeader.Of(alert.Id);
    }
}
