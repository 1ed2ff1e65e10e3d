using StreamEngine.Domain.Aggregates;

namespace StreamEngine.Domain.Alerts;

/// <summary>
/// What drove an alert: per breakdown (concept, network, country, gender, age, language), the
/// values whose mentions in the alert's minute strayed most from their own average over the hour
/// before, in the alert's direction, each with its share of that breakdown's total excess (or
/// shortfall). For a sentiment alert the concepts are read from the negative clauses around them
/// (aspect sentiment); the other breakdowns count every mention, since buckets do not cross them
/// with sentiment.
/// </summary>
public static class AlertDrivers
{
    /// <summary>How many minutes before the alert make a segment's expected count.</summary>
    public const int BaselineMinutes = 60;

    public const int PerDimension = 3;

    private static readonly SegmentDimension[] Explained =
    [
        SegmentDimension.Concept, SegmentDimension.Network, SegmentDimension.Country,
        SegmentDimension.Gender, SegmentDimension.Age, SegmentDimension.Language,
    ];

    public static IReadOnlyList<AlertDriver> Explain(AlertMetric metric, AlertDirection direction, long minute, MentionBucket? bucket, Func<long, MentionBucket?> minuteAt)
    {
        ArgumentNullException.ThrowIfNull(minuteAt);
        var observed = Counts(bucket, metric);
        var expected = new Dictionary<SegmentKey, double>();
        for (var m = minute - BaselineMinutes; m < minute; m++)
        {
            foreach (var (key, count) in Counts(minuteAt(m), metric))
            {
                expected[key] = expected.GetValueOrDefault(key) + (count / (double)BaselineMinutes);
            }
        }

        var drivers = new List<AlertDriver>();
        foreach (var dimension in Explained)
        {
            var changes = observed.Keys.Concat(expected.Keys)
                .Where(k => k.Dimension == dimension)
                .Distinct()
                .Select(k => (Key: k, Observed: (double)observed.GetValueOrDefault(k), Expected: expected.GetValueOrDefault(k)))
                .Select(c => (c.Key, c.Observed, c.Expected, Change: direction == AlertDirection.Spike ? c.Observed - c.Expected : c.Expected - c.Observed))
                .Where(c => c.Change > 0)
                .ToList();
            var total = changes.Sum(c => c.Change);
            drivers.AddRange(changes
                .OrderByDescending(c => c.Change)
                .ThenBy(c => c.Key.Value, StringComparer.Ordinal)
                .Take(PerDimension)
                .Select(c => new AlertDriver(dimension.ToName(), c.Key.Value, c.Observed, Math.Round(c.Expected, 3), Math.Round(c.Change / total, 4))));
        }

        return drivers;
    }

    private static Dictionary<SegmentKey, long> Counts(MentionBucket? bucket, AlertMetric metric)
    {
        var counts = new Dictionary<SegmentKey, long>();
        if (bucket is null)
        {
            return counts;
        }

        var sentimentConcepts = metric != AlertMetric.Mentions;
        foreach (var (key, count) in bucket.Segments)
        {
            if (sentimentConcepts && key.Dimension == SegmentDimension.ConceptSentiment)
            {
                var cut = key.Value.LastIndexOf(SegmentDimensions.AspectSeparator);
                if (key.Value.AsSpan(cut + 1).SequenceEqual("negative"))
                {
                    counts[new SegmentKey(SegmentDimension.Concept, key.Value[..cut])] = count;
                }
            }
            else if (key.Dimension != SegmentDimension.ConceptSentiment && !(sentimentConcepts && key.Dimension == SegmentDimension.Concept))
            {
                counts[key] = count;
            }
        }

        return counts;
    }
}
