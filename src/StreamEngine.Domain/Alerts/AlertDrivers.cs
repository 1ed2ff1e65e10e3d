using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Influence;

namespace StreamEngine.Domain.Alerts;

/// <summary>
/// What drove an alert: per breakdown (concept, network, country, gender, age, language, author),
/// the values whose mentions in the alert's minute strayed most from their own average over the
/// hour before, in the alert's direction, each with its share of that breakdown's total excess (or
/// shortfall). For a sentiment alert the concepts are read from the negative clauses around them
/// (aspect sentiment), and authors from their negative mentions; the other breakdowns count every
/// mention, since buckets do not cross them with sentiment. Net sentiment falls as negative
/// mentions rise, so a net-sentiment dip is explained by what rose, a spike by what fell. Authors and
/// hashtags come from the minute panes' Space-Saving summaries, so only those leading some minute can
/// show; hashtags explain volume and share-of-voice alerts only, as the panes do not count them by
/// sentiment.
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

    private const string AuthorDimension = "author";

    private const string HashtagDimension = "hashtag";

    public static IReadOnlyList<AlertDriver> Explain(
        AlertMetric metric, AlertDirection direction, long minute, MentionBucket? bucket, BrandAggregate aggregate)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        var observed = Counts(bucket, metric);
        AddAuthors(observed, aggregate.Influence.MinutePane(minute), metric);
        AddHashtags(observed, aggregate.Influence.MinutePane(minute), metric);
        var expected = new Dictionary<(string Dimension, string Value), double>();
        var expectedMentions = 0.0;
        for (var m = minute - BaselineMinutes; m < minute; m++)
        {
            var before = aggregate.Minute(m);
            expectedMentions += Counted(before, metric) / (double)BaselineMinutes;
            var counts = Counts(before, metric);
            AddAuthors(counts, aggregate.Influence.MinutePane(m), metric);
            AddHashtags(counts, aggregate.Influence.MinutePane(m), metric);
            foreach (var (key, count) in counts)
            {
                expected[key] = expected.GetValueOrDefault(key) + (count / (double)BaselineMinutes);
            }
        }

        var rising = (direction == AlertDirection.Spike) != (metric == AlertMetric.NetSentiment);

        // Every mention has one author, but the panes keep only a minute's leaders: the change of
        // the kept authors alone would make each of them a large part of a crowd's spike.
        var wholeChange = rising ? Counted(bucket, metric) - expectedMentions : expectedMentions - Counted(bucket, metric);
        var drivers = new List<AlertDriver>();
        foreach (var dimension in Explained.Select(d => d.ToName()).Append(AuthorDimension).Append(HashtagDimension))
        {
            // Authors and hashtags are known only where they led a minute: one missing from the
            // alert's minute may have posted there or not, so only the minute's leaders are named
            // (a silent minute named tied authors of the hour, none of whom it had heard from).
            var fromPanes = dimension is AuthorDimension or HashtagDimension;
            var changes = observed.Keys.Concat(fromPanes ? [] : expected.Keys)
                .Where(k => k.Dimension == dimension)
                .Distinct()
                .Select(k => (Key: k, Observed: (double)observed.GetValueOrDefault(k), Expected: expected.GetValueOrDefault(k)))
                .Select(c => (c.Key, c.Observed, c.Expected, Change: rising ? c.Observed - c.Expected : c.Expected - c.Observed))
                .Where(c => c.Change > 0)
                .ToList();
            var total = changes.Sum(c => c.Change);
            if (dimension == AuthorDimension)
            {
                // Of the minute's whole excess of mentions: authors come and go, each new one an
                // excess of its own, and the leaders' sum would make an author who made the whole
                // spike part of it. A share-of-voice or net-sentiment alert may come with little or
                // no excess of the brand's mentions (its rivals fell quiet): each author would read
                // as all of it, so there the leaders' sum, when larger, is the whole.
                total = metric is AlertMetric.Mentions or AlertMetric.NegativeMentions && wholeChange > 0
                    ? wholeChange
                    : Math.Max(total, wholeChange);
            }

            drivers.AddRange(changes
                .OrderByDescending(c => c.Change)
                .ThenBy(c => c.Key.Value, StringComparer.Ordinal)
                .Take(PerDimension)
                .Select(c => new AlertDriver(dimension, c.Key.Value, c.Observed, Rounded.To(c.Expected, 3), Rounded.To(Math.Min(1, c.Change / total), 4))));
        }

        return drivers;
    }

    /// <summary>The mentions a minute's authors are counted by: negative ones for a sentiment alert.</summary>
    private static long Counted(MentionBucket? bucket, AlertMetric metric) => bucket is null ? 0
        : metric is AlertMetric.NegativeMentions or AlertMetric.NetSentiment ? bucket.Sentiment.Negative
        : bucket.Mentions;

    private static void AddAuthors(Dictionary<(string Dimension, string Value), long> counts, InfluencePane? pane, AlertMetric metric)
    {
        if (pane is null)
        {
            return;
        }

        foreach (var kept in pane.ByMentions.Entries)
        {
            var count = metric is AlertMetric.NegativeMentions or AlertMetric.NetSentiment ? kept.Tally.Negative : kept.Tally.Mentions;
            if (count > 0)
            {
                counts[(AuthorDimension, kept.Key)] = count;
            }
        }
    }

    /// <summary>The minute's leading hashtags, "#acmefail", by their mentions: for the alerts that count every mention.</summary>
    private static void AddHashtags(Dictionary<(string Dimension, string Value), long> counts, InfluencePane? pane, AlertMetric metric)
    {
        if (pane is null || metric is AlertMetric.NegativeMentions or AlertMetric.NetSentiment)
        {
            return;
        }

        foreach (var kept in pane.Hashtags.Entries)
        {
            if (kept.Tally.Count > 0)
            {
                counts[(HashtagDimension, "#" + kept.Key)] = kept.Tally.Count;
            }
        }
    }

    /// <summary>The minute's mentions per breakdown value, keyed by the breakdown's name and the value.</summary>
    private static Dictionary<(string Dimension, string Value), long> Counts(MentionBucket? bucket, AlertMetric metric)
    {
        var counts = new Dictionary<(string Dimension, string Value), long>();
        if (bucket is null)
        {
            return counts;
        }

        var sentimentConcepts = metric is AlertMetric.NegativeMentions or AlertMetric.NetSentiment;
        foreach (var (key, count) in bucket.Segments)
        {
            if (sentimentConcepts && key.Dimension == SegmentDimension.ConceptSentiment)
            {
                var cut = key.Value.LastIndexOf(SegmentDimensions.AspectSeparator);
                if (key.Value.AsSpan(cut + 1).SequenceEqual("negative"))
                {
                    counts[(SegmentDimension.Concept.ToName(), key.Value[..cut])] = count;
                }
            }
            else if (key.Dimension != SegmentDimension.ConceptSentiment && !(sentimentConcepts && key.Dimension == SegmentDimension.Concept))
            {
                counts[(key.Dimension.ToName(), key.Value)] = count;
            }
        }

        return counts;
    }
}
