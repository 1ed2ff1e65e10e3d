using System.Buffers.Text;
using System.Globalization;
using System.Text;
using StreamEngine.Domain.Alerts;

namespace StreamEngine.Host.Api;

/// <summary>
/// Where a page of alerts ended: the last alert's minute and id, which order alerts (oldest
/// first, ties by id). Opaque to clients (base64url), so its form may change.
/// </summary>
internal readonly record struct AlertCursor(DateTimeOffset Minute, string Id)
{
    public static AlertCursor After(Alert alert) => new(alert.Minute, alert.Id);

    public bool IsBefore(Alert alert) =>
        alert.Minute > Minute || (alert.Minute == Minute && string.CompareOrdinal(alert.Id, Id) > 0);

    public override string ToString() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(FormattableString.Invariant($"{Minute.ToUnixTimeSeconds()}|{Id}")));

    public static bool TryParse(string text, out AlertCursor cursor)
    {
        cursor = default;
        try
        {
            var plain = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
            var bar = plain.IndexOf('|', StringComparison.Ordinal);
            if (bar <= 0 || !long.TryParse(plain.AsSpan(0, bar), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
            {
                return false;
            }

            cursor = new AlertCursor(DateTimeOffset.FromUnixTimeSeconds(seconds), plain[(bar + 1)..]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }
}
