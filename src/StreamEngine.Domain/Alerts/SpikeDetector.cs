using System.Buffers;
using StreamEngine.Domain.Aggregates;

namespace StreamEngine.Domain.Alerts;

/// <summary>
/// Watches one brand's minute series (mentions, negative mentions, net sentiment, share of voice) on event time:
/// as the brand's newest event minute moves on, every minute that has closed is judged once
/// against the baseline of the minutes before it, then folded into that baseline. Nothing here
/// reads a clock, so the same minutes always raise the same alerts.
/// </summary>
public sealed class SpikeDetector
{
    private const int LookBackMinutes = RetentionPolicy.MinuteBuckets;

    private readonly string _brandId;
    private readonly AlertSettings _settings;
    private readonly Dictionary<(AlertMetric, AlertDirection), long> _lastAlert = [];
    private EwmaBaseline _mentions;
    private EwmaBaseline _negative;
    private EwmaBaseline _net;
    private EwmaBaseline _shareOfVoice;

    public SpikeDetector(string brandId, AlertSettings settings)
    {
        ArgumentException.ThrowIfNullOrEmpty(brandId);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(settings));
        }

        _brandId = brandId;
        _settings = settings;
    }

    /// <summary>The last minute judged; null before the first.</summary>
    public long? JudgedThrough { get; private set; }

    /// <summary>
    /// Judges every minute that closed now that event time has reached <paramref name="newestMinute"/>,
    /// reading the minutes of <paramref name="aggregate"/>.
    /// The first call starts at the oldest bucket of the last 24 hours.
    /// </summary>
    public IReadOnlyList<Alert> Advance(long newestMinute, BrandAggregate aggregate)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        var until = newestMinute - _settings.GraceMinutes - 1;
        var first = JudgedThrough is null;
        var read = first ? until - LookBackMinutes + 1 : Math.Max(JudgedThrough!.Value + 1, until - LookBackMinutes + 1);
        if (read > until)
        {
            return [];
        }

        // The minutes' totals in one pass of the ring (a sealed minute looked up alone is decoded
        // and copied), in a pooled array: a brand's first pass reads a day of them.
        var totals = ArrayPool<BucketTotals?>.Shared.Rent((int)(until - read + 1));
        try
        {
            aggregate.ReadMinuteTotals(read, until, totals);
            var from = read;
            // A brand's series starts at its first mention: minutes that hold only its rivals'
            // (share of voice) are no minutes of its own, and judged as zero they warmed the
            // baseline up at nothing, so its first real minute was a spike.
            while (first && from <= until && totals[from - read] is not { Mentions: > 0 })
            {
                from++;
            }

            List<Alert>? alerts = null;
            for (var minute = from; minute <= until; minute++)
            {
                Judge(minute, totals[minute - read], aggregate, ref alerts);
                JudgedThrough = minute;
            }

            return alerts ?? (IReadOnlyList<Alert>)[];
        }
        finally
        {
            ArrayPool<BucketTotals?>.Shared.Return(totals);
        }
    }

    /// <summary>Remembers an alert raised before a restart, so its cool-down still holds.</summary>
    public void Remember(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var minute = EventTime.MinuteOf(alert.Minute);
        var key = (alert.Metric, alert.Direction);
        if (!_lastAlert.TryGetValue(key, out var last) || last < minute)
        {
            _lastAlert[key] = minute;
        }
    }

    /// <summary>
    /// Judges one minute, adding what it raises to <paramref name="found"/> (made on the first): a
    /// restart judges a day of minutes for every brand, nearly all of them raising nothing.
    /// </summary>
    private void Judge(long minute, BucketTotals? totals, BrandAggregate aggregate, ref List<Alert>? found)
    {
        var mentions = totals?.Mentions ?? 0;
        var negative = totals?.Sentiment.Negative ?? 0;
        var scored = totals?.Sentiment.Scored ?? 0;
        if (Check(AlertMetric.Mentions, mentions, _mentions, minute, aggregate, mentions) is { } volume)
        {
            (found ??= []).Add(volume);
        }

        if (Check(AlertMetric.NegativeMentions, negative, _negative, minute, aggregate, mentions) is { } negatives)
        {
            (found ??= []).Add(negatives);
        }

        _mentions.Observe(mentions, _settings.Smoothing);
        _negative.Observe(negative, _settings.Smoothing);

        // A net sentiment of a handful of posts says nothing: too-quiet minutes neither alert nor teach the baseline.
        if (scored >= _settings.MinimumMentions)
        {
            var net = totals!.Value.Sentiment.NetSentiment;
            if (Check(AlertMetric.NetSentiment, net, _net, minute, aggregate, mentions) is { } sentiment)
            {
                (found ??= []).Add(sentiment);
            }

            _net.Observe(net, _settings.Smoothing);
        }

        // Likewise a share of voice of a quiet competitor set.
        if (totals is { ShareOfVoice: { } share } t && t.Mentions + t.CompetitorMentions >= _settings.MinimumMentions)
        {
            if (Check(AlertMetric.ShareOfVoice, share, _shareOfVoice, minute, aggregate, mentions) is { } voice)
            {
                (found ??= []).Add(voice);
            }

            _shareOfVoice.Observe(share, _settings.Smoothing);
        }
    }

    /// <param name="mentions">The minute's mentions: a count's spike needs that many, whatever it counts.</param>
    private Alert? Check(AlertMetric metric, double value, EwmaBaseline baseline, long minute, BrandAggregate aggregate, long mentions)
    {
        if (baseline.Count < _settings.WarmUpMinutes)
        {
            return null;
        }

        var z = baseline.ZScore(value);
        var direction = z >= _settings.Threshold ? AlertDirection.Spike : z <= -_settings.Threshold ? AlertDirection.Dip : (AlertDirection?)null;
        if (direction is not { } d)
        {
            return null;
        }

        // Counts must be big enough to matter: the minute's mentions for a spike (a surge of 15
        // negatives in 40 mentions is one, though 15 is under the default 20), the expected count for a dip.
        var isCount = metric is AlertMetric.Mentions or AlertMetric.NegativeMentions;
        if (isCount && (d == AlertDirection.Spike ? mentions : baseline.Mean) < _settings.MinimumMentions)
        {
            return null;
        }

        if (_lastAlert.TryGetValue((metric, d), out var last) && minute - last <= _settings.CoolDownMinutes)
        {
            return null;
        }

        _lastAlert[(metric, d)] = minute;
        var severity = Math.Abs(z) >= 2 * _settings.Threshold ? AlertSeverity.High : AlertSeverity.Medium;
        var drivers = AlertDrivers.Explain(metric, d, minute, aggregate.Minute(minute), aggregate);
        return new Alert(
            Alert.IdOf(_brandId, minute, metric, d), _brandId, EventTime.StartOfMinute(minute), metric, d, severity,
            value, Rounded.To(baseline.Mean, 3), Rounded.To(z, 2), drivers);
    }
}
