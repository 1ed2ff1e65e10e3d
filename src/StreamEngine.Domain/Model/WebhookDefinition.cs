using StreamEngine.Domain.Alerts;

namespace StreamEngine.Domain.Model;

/// <summary>
/// Where alerts are posted (the model file's <c>webhooks:</c>): each alert of the listed brands (all
/// when none are listed) at or above <see cref="MinimumSeverity"/>, signed with HMAC-SHA256 of the
/// body under <see cref="Secret"/>.
/// </summary>
public sealed record WebhookDefinition(Uri Url, string Secret, IReadOnlyList<string> Brands, AlertSeverity MinimumSeverity)
{
    public bool Wants(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return alert.Severity >= MinimumSeverity && (Brands.Count == 0 || Brands.Contains(alert.BrandId, StringComparer.Ordinal));
    }
}
