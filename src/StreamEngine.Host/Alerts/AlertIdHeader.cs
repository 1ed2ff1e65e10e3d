using System.Buffers;
using System.Globalization;
using System.Text;

namespace StreamEngine.Host.Alerts;

/// <summary>
/// The <c>X-StreamEngine-Alert</c> header of a webhook delivery. Header values are ASCII, while an
/// alert's id may hold anything a handle holds (<c>@αcme</c>): the id is sent as it is when it is
/// printable ASCII without '%', and otherwise with '%' and the UTF-8 bytes of every other
/// character percent-encoded (RFC 3986), which <see cref="Uri.UnescapeDataString(string)"/> reverses.
/// Spaces at the id's end are encoded too: receivers trim a header's value, and the id unescaped
/// would not be the body's.
/// </summary>
internal static class AlertIdHeader
{
    public const string Name = "X-StreamEngine-Alert";

    private static readonly SearchValues<char> Printable = SearchValues.Create(
        " !\"#$&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    public static string Of(string alertId)
    {
        ArgumentNullException.ThrowIfNull(alertId);
        var kept = alertId.AsSpan().TrimEnd(' ').Length;
        if (kept == alertId.Length && !alertId.AsSpan().ContainsAnyExcept(Printable))
        {
            return alertId;
        }

        var sb = new StringBuilder(alertId.Length * 3);
        Span<byte> bytes = stackalloc byte[4];
        var at = 0;
        foreach (var rune in alertId.EnumerateRunes())
        {
            var trailing = at >= kept;
            at += rune.Utf16SequenceLength;
            if (rune.IsAscii && rune.Value is >= 0x20 and < 0x7F && rune.Value != '%' && !trailing)
            {
                sb.Append((char)rune.Value);
                continue;
            }

            var length = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..length])
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }
}
