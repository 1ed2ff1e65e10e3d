using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Threats;

namespace StreamEngine.Domain.Alerts;

/// <summary>
/// Turns a brand's threat findings into alerts of category "security": one alert per kind and
/// subject (the author, or the post when it has none) per <see cref="CoolDownMinutes"/>, so that an
/// impersonator posting a hundred times raises one alert, not a hundred. Its drivers are the
/// author, the post and the detector's evidence.
/// </summary>
public sealed class ThreatAlerts(string brandId)
{
    public const int CoolDownMinutes = 60;

    // Subjects whose cool-down has run out are forgotten once this many are remembered.
    private const int RememberedSubjects = 10_000;

    private readonly Dictionary<(AlertMetric, string), long> _last = [];
    private long _newest = long.MinValue;

    public IReadOnlyList<Alert> Raise(IReadOnlyList<ThreatSighting> sightings)
    {
        ArgumentNullException.ThrowIfNull(sightings);
        List<Alert>? alerts = null;
        foreach (var (at, finding) in sightings)
        {
            var metric = MetricOf(finding.Kind);
            var subject = finding.Author ?? "post-" + finding.PostId;
            var minute = EventTime.MinuteOf(at);
            _newest = Math.Max(_newest, minute);
            if (_last.TryGetValue((metric, subject), out var last) && Math.Abs(minute - last) < CoolDownMinutes)
            {
                continue;
            }

            _last[(metric, subject)] = Math.Max(last, minute);
            Forget();
            (alerts ??= []).Add(new Alert(
                Alert.IdOf(brandId, minute, metric, subject),
                brandId,
                EventTime.StartOfMinute(minute),
                metric,
                AlertDirection.Spike,
                finding.Severity == ThreatSeverity.High ? AlertSeverity.High : AlertSeverity.Medium,
                1,
                0,
                0,
                [
                    new AlertDriver("author", subject, 1, 0, 1),
                    new AlertDriver("post", finding.PostId, 1, 0, 1),
                    new AlertDriver("evidence", finding.Evidence, 1, 0, 1),
                ]));
        }

        return alerts ?? (IReadOnlyList<Alert>)[];
    }

    /// <summary>Remembers a security alert raised before a restart, so its cool-down still holds.</summary>
    public void Remember(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (alert.Category != "security" || alert.Drivers.FirstOrDefault(d => d.Dimension == "author") is not { } author)
        {
            return;
        }

        var key = (alert.Metric, author.Value);
        var minute = EventTime.MinuteOf(alert.Minute);
        _newest = Math.Max(_newest, minute);
        if (!_last.TryGetValue(key, out var last) || last < minute)
        {
            _last[key] = minute;
        }
    }

    private void Forget()
    {
        if (_last.Count <= RememberedSubjects)
        {
            return;
        }

        foreach (var (key, minute) in _last.ToList())
        {
            if (_newest - minute >= CoolDownMinutes)
            {
                _last.Remove(key);
            }
        }
    }

    private static AlertMetric MetricOf(ThreatKind kind) => kind switch
    {
        ThreatKind.Impersonation => AlertMetric.Impersonation,
        ThreatKind.Phishing => AlertMetric.Phishing,
        ThreatKind.Doxxing => AlertMetric.Doxxing,
        ThreatKind.Violence => AlertMetric.Violence,
        _ => AlertMetric.Coordination,
    };
}
