using System.Buffers;
using System.Runtime.InteropServices;
using StreamEngine.Domain.Influence;
using StreamEngine.Domain.Sketches;

namespace StreamEngine.Domain.Aggregates;

/// <summary>
/// A brand's rolling figures: minute buckets for the last 24 hours and hour buckets for the last
/// 30 days, fed by <see cref="BrandDelta"/>s and read through trailing windows ending at "now".
/// A few spare minute slots hold posts dated slightly ahead of the clock without evicting the
/// oldest minutes of a full 24 h window.
/// </summary>
public sealed class BrandAggregate
{
    private static readonly int FutureMinutes = (int)Math.Ceiling(RetentionPolicy.MaxFutureSkew.TotalMinutes) + 1;

    // Minutes and hours this far behind the newest stay open to late posts; older ones are sealed
    // (buckets here, influence panes in BrandInfluence).
    internal const int OpenMinutes = 10;
    internal const int OpenHours = 2;

    private readonly BucketRing _minutes;
    private readonly BucketRing _hours;

    /// <summary>
    /// An empty brand. With a <paramref name="history"/> store its sealed minute and hour buckets and
    /// hour and day panes are kept there rather than in memory (<see cref="HistoryStore"/>); give
    /// them back with <see cref="Release"/> once the brand is done with.
    /// </summary>
    public BrandAggregate(HistoryStore? history = null)
    {
        _minutes = new BucketRing(RetentionPolicy.MinuteBuckets + FutureMinutes, chunkSize: 16, history, HistoryLifetime.Day);
        _hours = new BucketRing(RetentionPolicy.HourBuckets + 1, chunkSize: 8, history, HistoryLifetime.Month);
        Influence = new BrandInfluence(history);
    }

    /// <summary>Hours of the trailing week the reputation index reads.</summary>
    public const int ReputationHours = 7 * 24;

    /// <summary>The brand's top authors and hashtags, fed by the same deltas.</summary>
    public BrandInfluence Influence { get; private set; }

    public IEnumerable<MentionBucket> MinuteBuckets => _minutes.All;

    /// <summary>How much of the brand is held sealed: minute and hour chunks, and influence panes.</summary>
    internal (int MinuteChunks, int HourChunks, int Panes) Sealed => (_minutes.ChunksSealed, _hours.ChunksSealed, Influence.SealedPanes);

    /// <summary>How many sealed chunks of hours lie in the history store.</summary>
    internal int HourChunksStored => _hours.ChunksStored;

    public IEnumerable<MentionBucket> HourBuckets => _hours.All;

    /// <summary>The latest minute of event time any mention was dated in; null before the first.</summary>
    public long? NewestMinute { get; private set; }

    /// <summary>The bucket of one minute of the last 24 hours; null when nothing was counted in it (or it is out of reach).</summary>
    public MentionBucket? Minute(long minute) => _minutes.At(minute);

    /// <summary>Writes the totals of each minute of [from, to] to <paramref name="into"/>, indexed from <paramref name="from"/>; null where a minute has no bucket.</summary>
    internal void ReadMinuteTotals(long from, long to, Span<BucketTotals?> into)
    {
        into[..(int)(to - from + 1)].Clear();
        foreach (var bucket in _minutes.Read(from, to, BucketParts.Totals))
        {
            into[(int)(bucket.Period - from)] = bucket.Totals;
        }
    }

    public void Apply(BrandDelta delta)
    {
        Replay(delta);
        Seal();
    }

    /// <summary>
    /// Applies a journaled delta without sealing what it leaves behind: a recovery replays a brand's
    /// deltas one after another, and sealing after each would encode buckets that the next one
    /// reopens. <see cref="Seal"/> once the last is in.
    /// </summary>
    public void Replay(BrandDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        // Indexed: a foreach over the interface boxes an enumerator per delta, and recovery replays hundreds of thousands.
        var minutes = delta.Minutes;
        for (var i = 0; i < minutes.Count; i++)
        {
            Apply(minutes[i]);
        }
    }

    /// <summary>Seals the buckets no longer expected to change (see <see cref="BucketRing"/>).</summary>
    public void Seal()
    {
        if (NewestMinute is { } newest)
        {
            _minutes.Seal(newest - OpenMinutes);
            _hours.Seal(EventTime.HourOf(newest) - OpenHours);
            Influence.Seal(newest);
        }
    }

    private void Apply(MinuteDelta minute)
    {
        // Coded once for both the minute and the hour bucket, and before anything changes: a count
        // too large to hold is refused with the minute left as it was.
        var count = minute.Segments.Count;
        var coded = count <= 128 ? stackalloc ulong[count] : new ulong[count];
        SegmentCounts.Encode(minute.Segments, coded);

        // Competitors' counts alone do not move the brand's own event time.
        if (minute.Mentions > 0)
        {
            NewestMinute = Math.Max(NewestMinute ?? long.MinValue, minute.Minute);
        }

        _minutes.Add(minute.Minute, minute, coded);
        _hours.Add(EventTime.HourOf(minute.Minute), minute, coded);
        Influence.Apply(minute);
    }

    // The minute Forget last ran for.
    private long _forgotten = long.MinValue;

    /// <summary>
    /// Forgets the sealed buckets and panes that lie wholly before every window ending at
    /// <paramref name="now"/> (past the 24 h of minutes, 30 days of hours, and the panes' reach),
    /// giving back what the history store held for them; minutes from
    /// <paramref name="keepMinutesFrom"/> on are kept whatever the clock says (a spike detector
    /// judging a backfill on its own event time still reads them). Once a minute at most.
    /// Answers for windows ending at <paramref name="now"/> or later do not change, but for a brand
    /// quiet since before yesterday, whose last day's top authors are settled as its next post
    /// would have settled them (<see cref="BrandInfluence"/>).
    /// </summary>
    public void Forget(DateTimeOffset now, long keepMinutesFrom = long.MaxValue)
    {
        var nowMinute = EventTime.MinuteOf(now);
        if (nowMinute <= _forgotten)
        {
            return;
        }

        _forgotten = nowMinute;
        _minutes.Forget(Math.Min(nowMinute - _minutes.Capacity + 1, keepMinutesFrom));
        _hours.Forget(EventTime.HourOf(nowMinute) - _hours.Capacity + 1);
        Influence.Forget(nowMinute, keepMinutesFrom);
    }

    /// <summary>Gives what the brand keeps in its history store back to it; the brand holds no history after.</summary>
    public void Release()
    {
        _minutes.Release();
        _hours.Release();
        Influence.Release();
    }

    public static BrandAggregate Restore(IEnumerable<MentionBucket> minutes, IEnumerable<MentionBucket> hours, BrandInfluence? influence = null, HistoryStore? history = null)
    {
        ArgumentNullException.ThrowIfNull(minutes);
        ArgumentNullException.ThrowIfNull(hours);
        var aggregate = new BrandAggregate(history);
        if (influence is not null)
        {
            aggregate.Influence = influence;
        }

        foreach (var m in minutes)
        {
            aggregate._minutes.Restore(m);
        }

        aggregate.NewestMinute = NewestMinuteOf(minutes);

        foreach (var h in hours)
        {
            aggregate._hours.Restore(h);
        }

        aggregate.Seal();
        return aggregate;
    }

    /// <summary>
    /// The newest of restored minute buckets that counted a mention: what a restored brand takes
    /// for its event time, and so what decides which of its history it seals at once.
    /// </summary>
    public static long? NewestMinuteOf(IEnumerable<MentionBucket> minutes)
    {
        ArgumentNullException.ThrowIfNull(minutes);
        long? newest = null;
        foreach (var m in minutes)
        {
            if (m.Mentions > 0)
            {
                newest = Math.Max(newest ?? long.MinValue, m.Period);
            }
        }

        return newest;
    }

    public BrandFigures Summary(TimeWindow window, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(window);
        var (_, lastHour) = Range(TimeStep.Hour, 1, now);
        var (from, to) = Range(window.Resolution, window.Periods, now);
        var totals = default(BucketTotals);
        using var authors = new AuthorUnion();
        foreach (var bucket in Ring(window.Resolution).Read(from, to, BucketParts.Authors))
        {
            totals += bucket.Totals;
            authors.Add(bucket.SparseAuthors, bucket.DenseAuthors);
        }

        return Figures(totals, authors.Estimate(), ReputationThrough(lastHour));
    }

    /// <summary>The reputation index of the week that ends with <paramref name="hour"/> (docs/influence.md).</summary>
    public double ReputationThrough(long hour)
    {
        var reach = default(SentimentReach);
        foreach (var bucket in _hours.Read(hour - ReputationHours + 1, hour, BucketParts.Totals))
        {
            reach += bucket.Totals.SentimentReach;
        }

        return Rounded.To(reach.ReputationIndex, 2);
    }

    /// <summary>The reputation index through each hour of [from, to], one sliding pass over the hour buckets.</summary>
    private double[] ReputationSeries(long from, long to)
    {
        var series = new double[to - from + 1];
        var first = from - ReputationHours + 1;
        var hourly = new SentimentReach[to - first + 1];

        // A month's series reaches a week further back than the ring keeps: an hour of an older lap
        // still in its slot (a quiet hour since) is past retention, and counts as nothing.
        var kept = to - _hours.Capacity + 1;
        foreach (var bucket in _hours.Read(Math.Max(first, kept), to, BucketParts.Totals))
        {
            hourly[bucket.Period - first] = bucket.Totals.SentimentReach;
        }

        var reach = default(SentimentReach);
        for (var h = first; h <= to; h++)
        {
            reach += hourly[h - first];
            if (h - ReputationHours >= first)
            {
                var leaving = hourly[h - ReputationHours - first];
                reach = new SentimentReach(reach.Positive - leaving.Positive, reach.Neutral - leaving.Neutral, reach.Negative - leaving.Negative);
            }

            if (h >= from)
            {
                series[h - from] = Rounded.To(reach.ReputationIndex, 2);
            }
        }

        return series;
    }

    /// <summary>
    /// The window's figures step by step, read from the same buckets as its summary so that the
    /// points add up to it: an hourly series of a minute window starts with the part of an hour
    /// the window holds (its first point starts at the window's first minute), and a post dated
    /// ahead of the clock counts in the current point, so every brand's series ends now.
    /// </summary>
    public IReadOnlyList<TimeseriesPoint> Timeseries(TimeWindow window, TimeStep step, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (!window.Steps.Contains(step))
        {
            throw new ArgumentException($"step {step.ToName()} does not fit window {window.Name}", nameof(step));
        }

        var byMinute = window.Resolution == TimeStep.Minute;
        var byHour = step != window.Resolution;
        var (from, to) = Range(window.Resolution, window.Periods, now);
        var nowMinute = EventTime.MinuteOf(now);
        var current = byMinute ? nowMinute : EventTime.HourOf(nowMinute);
        var firstHour = byMinute ? EventTime.HourOf(from) : from;

        // Points are periods of the step; a post dated ahead of the clock counts in the current one.
        var (origin, lastPoint, lastPeriod) = byHour
            ? (firstHour, EventTime.HourOf(current), EventTime.HourOf(to))
            : (from, current, to);
        var count = (int)(lastPoint - origin) + 1;

        // A day of minutes' totals would land on the large object heap on every query: pooled.
        var totals = ArrayPool<BucketTotals>.Shared.Rent(count);
        var authors = ArrayPool<long>.Shared.Rent(count);
        totals.AsSpan(0, count).Clear();
        authors.AsSpan(0, count).Clear();

        // A point of one bucket takes that bucket's estimate; one of several unions their authors.
        var unions = new AuthorUnion?[count];
        try
        {
            // An hourly series of a minute window reads its whole hours from the hour buckets (a day
            // is 24 reads, not 1,440) and only the part of an hour it starts with from the minutes.
            var partialFirstHour = byHour && EventTime.HourOf(from - 1) == firstHour;
            if (partialFirstHour)
            {
                unions[0] = new AuthorUnion();
                var firstHourEnd = EventTime.MinuteOf(EventTime.StartOfHour(firstHour + 1)) - 1;
                foreach (var bucket in _minutes.Read(from, firstHourEnd, BucketParts.Authors))
                {
                    Add(bucket, 0);
                }
            }

            if (lastPeriod > lastPoint)
            {
                unions[count - 1] ??= new AuthorUnion();
            }

            var ring = byHour ? _hours : Ring(window.Resolution);
            foreach (var bucket in ring.Read(partialFirstHour ? firstHour + 1 : origin, lastPeriod, BucketParts.Authors))
            {
                Add(bucket, (int)(Math.Min(bucket.Period, lastPoint) - origin));
            }

            var reputations = ReputationSeries(firstHour, byMinute ? EventTime.HourOf(current) : current);
            var points = new List<TimeseriesPoint>(count);
            for (var point = 0; point < count; point++)
            {
                var (start, hour) = (byHour, byMinute) switch
                {
                    (true, _) => (point == 0 ? EventTime.StartOfMinute(from) : EventTime.StartOfHour(firstHour + point), firstHour + point),
                    (false, true) => (EventTime.StartOfMinute(from + point), EventTime.HourOf(from + point)),
                    _ => (EventTime.StartOfHour(from + point), from + point),
                };
                var figures = Figures(totals[point], unions[point]?.Estimate() ?? authors[point], reputations[hour - firstHour]);
                points.Add(new TimeseriesPoint(start, figures));
            }

            return points;
        }
        finally
        {
            foreach (var union in unions)
            {
                union?.Dispose();
            }

            ArrayPool<BucketTotals>.Shared.Return(totals);
            ArrayPool<long>.Shared.Return(authors);
        }

        void Add(BucketView bucket, int point)
        {
            totals[point] += bucket.Totals;
            if (unions[point] is { } union)
            {
                union.Add(bucket.SparseAuthors, bucket.DenseAuthors);
            }
            else
            {
                authors[point] = UniqueAuthorSketch.Estimate(bucket.SparseAuthors, bucket.DenseAuthors);
            }
        }
    }

    /// <summary>Mentions per value of one breakdown in the window, most mentioned first.</summary>
    public IReadOnlyList<SegmentFigure> Segments(SegmentDimension dimension, TimeWindow window, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(window);
        var counts = new Dictionary<int, long>();
        var (from, to) = Range(window.Resolution, window.Periods, now);
        foreach (var bucket in Ring(window.Resolution).Read(from, to, BucketParts.Segments))
        {
            SegmentCounts.SumInto(bucket.Segments, dimension, counts);
        }

        return counts
            .Select(c => new SegmentFigure(SegmentCodes.KeyOf(c.Key).Value, c.Value))
            .OrderByDescending(c => c.Mentions)
            .ThenBy(c => c.Value, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Per concept, the sentiment of the clauses that mentioned it in the window.</summary>
    public IReadOnlyDictionary<string, SentimentTally> AspectSentiment(TimeWindow window, DateTimeOffset now)
    {
        var aspects = new Dictionary<string, SentimentTally>(StringComparer.Ordinal);
        foreach (var (value, mentions) in Segments(SegmentDimension.ConceptSentiment, window, now))
        {
            var cut = value.LastIndexOf(SegmentDimensions.AspectSeparator);
            var concept = value[..cut];
            var one = value[(cut + 1)..] switch
            {
                "positive" => new SentimentTally(mentions, 0, 0, 0, 0),
                "negative" => new SentimentTally(0, 0, mentions, 0, 0),
                _ => new SentimentTally(0, mentions, 0, 0, 0),
            };
            ref var tally = ref CollectionsMarshal.GetValueRefOrAddDefault(aspects, concept, out _);
            tally += one;
        }

        return aspects;
    }

    private BucketRing Ring(TimeStep step) => step == TimeStep.Minute ? _minutes : _hours;

    /// <summary>The last <paramref name="periods"/> periods up to now, plus those a post may be dated ahead.</summary>
    private (long From, long To) Range(TimeStep step, int periods, DateTimeOffset now)
    {
        var nowMinute = EventTime.MinuteOf(now);
        var lastMinute = EventTime.MinuteOf(now + RetentionPolicy.MaxFutureSkew);
        if (step == TimeStep.Minute)
        {
            return (nowMinute - periods + 1, NewestUpTo(_minutes, nowMinute, lastMinute));
        }

        var nowHour = EventTime.HourOf(nowMinute);
        return (nowHour - periods + 1, NewestUpTo(_hours, nowHour, EventTime.HourOf(lastMinute)));
    }

    private static long NewestUpTo(BucketRing ring, long now, long limit)
    {
        var newest = now;
        foreach (var bucket in ring.Read(now + 1, limit, BucketParts.Totals))
        {
            newest = Math.Max(newest, bucket.Period);
        }

        return newest;
    }

    private static BrandFigures Figures(BucketTotals totals, long authors, double reputation) =>
        new(totals.Mentions, totals.Reach, totals.Engagement, authors, totals.Sentiment, reputation);
}
