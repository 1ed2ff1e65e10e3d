using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Threats;

namespace StreamEngine.Domain.Alerts;

/// <summary>
/// Turns a brand's threat findings into alerts of category "security": one alert per kind and
/// subject (the author, or the post when it has none) per <see cref="CoolDownMinutes"/>, so that an
/// impersonator posting a hundred times raises one alert, not a hundred; but a high finding after a
/// medium alert of the same kind and subject raises one more, since a threat that escalates ("let's
/// raid acme" then "I will kill Jane Doe") is news. Its drivers are the author, the post and the
/// detector's evidence.
/// </summary>
public sealed class ThreatAlerts(string brandId)
{
    public const int CoolDownMinutes = 60;

    // Subjects whose cool-down has run out are forgotten once this many are remembered.
    private const int RememberedSubjects = 10_000;

    private readonly Dictionary<(AlertMetric, string), (long Minute, AlertSeverity Severity)> _last = [];
    private long _newest = long.MinValue;

    // The count past which the next sweep runs: twice what the last one kept. A sweep on every alert
    // past a fixed count read every subject each time while all were in their cool-down (a campaign
    // of 40,000 look-alike handles in a minute held its brand 23 s).
    private int _sweepPast = RememberedSubjects;

    /// <summary>How many times the remembered subjects were swept for those whose cool-down ran out.</summary>
    internal int Sweeps { get; private set; }

    public IReadOnlyList<Alert> Raise(IReadOnlyList<ThreatSighting> sightings)
    {
        ArgumentNullException.ThrowIfNull(sightings);
        List<Alert>? alerts = null;

        // In the order the posts were written: a batch lists the findings of posts that name no
        // brand before those of posts that do, and "let's raid acme" read after "I will kill Jane
        // Doe" was a repeat of it rather than the alert the escalation follows.
        foreach (var (at, finding) in sightings.Count > 1 ? sightings.OrderBy(s => s.At) : (IEnumerable<ThreatSighting>)sightings)
        {
            var metric = MetricOf(finding.Kind);
            var subject = finding.Author ?? "post-" + finding.PostId;
            var minute = EventTime.MinuteOf(at);
            var severity = finding.Severity == ThreatSeverity.High ? AlertSeverity.High : AlertSeverity.Medium;
            _newest = Math.Max(_newest, minute);
            var escalates = false;
            if (_last.TryGetValue((metric, subject), out var last) && Math.Abs(minute - last.Minute) < CoolDownMinutes)
            {
                if (severity <= last.Severity)
                {
                    continue;
                }

                escalates = true;
            }

            _last[(metric, subject)] = (Math.Max(last.Minute, minute), escalates || minute >= last.Minute ? severity : last.Severity);
            Forget();
            (alerts ??= []).Add(new Alert(
                // The escalation may fall in the same minute as the alert it follows: its id says high.
                Alert.IdOf(brandId, minute, metric, escalates ? subject + ":high" : subject),
                brandId,
                EventTime.StartOfMinute(minute),
                metric,
                AlertDirection.Spike,
                severity,
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
        if (!_last.TryGetValue(key, out var last) || last.Minute < minute)
        {
            _last[key] = (minute, minute - last.Minute < CoolDownMinutes ? (AlertSeverity)Math.Max((byte)last.Severity, (byte)alert.Severity) : alert.Severity);
        }
        else if (last.Minute - minute < CoolDownMinutes && alert.Severity > last.Severity)
        {
            _last[key] = (last.Minute, alert.Severity);
        }
    }

    private void Forget()
    {
        if (_last.Count <= _sweepPast)
        {
            return;
        }

        // A dictionary may lose entries while it is enumerated.
        foreach (var (key, (minute, _)) in _last)
        {
            if (_newest - minute >= CoolDownMinutes)
            {
                _last.Remove(key);
            }
        }

        Sweeps++;
        _sweepPast = Math.Max(RememberedSubjects, _last.Count * 2);
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
