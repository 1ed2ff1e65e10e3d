using System.Buffers;
using System.Globalization;
using System.Text;
using StreamEngine.Domain.Alerts;

namespace StreamEngine.Host.Alerts;

/// <summary>
/// An alert's id as the alert stream sends it in an event's <c>id:</c> line, and as a reconnecting
/// browser sends it back in Last-Event-ID. An id holds an author's handle, which may hold anything:
/// a line break would end the event early, a browser drops an id holding a NUL, and HTTP trims the
/// spaces and tabs at the ends of a header's value. Those units are written percent-encoded (<c>%0A</c>,
/// <c>%00</c>, <c>%20</c>), and so is '%' itself, so that two alerts never share a stream id: a
/// reconnect after one would take the other for it and leave it out.
/// </summary>
internal static class AlertStreamId
{
    private static readonly SearchValues<char> Escaped = SearchValues.Create("\r\n\0%");

    public static string Of(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var id = alert.Id;
        var trimmedEnd = id.AsSpan().TrimEnd(" \t").Length;
        if (trimmedEnd == id.Length && !id.AsSpan().ContainsAny(Escaped))
        {
            return id;
        }

        var sent = new StringBuilder(id.Length + 8);
        for (var i = 0; i < id.Length; i++)
        {
            var c = id[i];
            if (Escaped.Contains(c) || i >= trimmedEnd)
            {
                sent.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                sent.Append(c);
            }
        }

        return sent.ToString();
    }
}
