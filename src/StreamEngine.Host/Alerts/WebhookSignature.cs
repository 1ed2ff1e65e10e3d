using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace StreamEngine.Host.Alerts;

/// <summary>
/// How a webhook body is signed: <c>X-StreamEngine-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>,
/// where hex is HMAC-SHA256 under the webhook's secret of "&lt;t&gt;.&lt;body&gt;". Signing the time
/// with the body lets a receiver refuse replays of an old delivery.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-StreamEngine-Signature";

    public static string Sign(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var t = unixSeconds.ToString(CultureInfo.InvariantCulture);
        var signed = new byte[Encoding.UTF8.GetByteCount(t) + 1 + body.Length];
        var at = Encoding.UTF8.GetBytes(t, signed);
        signed[at++] = (byte)'.';
        body.CopyTo(signed.AsSpan(at));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }
}
