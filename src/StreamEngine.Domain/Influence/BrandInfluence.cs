using System.Buffers;
using System.Runtime.InteropServices;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Sketches;

namespace StreamEngine.Domain.Influence;

/// <summary>
/// A brand's top authors and hashtags per trailing window, in bounded memory: panes of one minute
/// (the last hour, for the 15m and 1h windows), one hour (the last day, for 24h) and one day (the
/// last 30, for 7d and 30d), each pane a set of Space-Saving summaries. Windows are therefore
/// aligned to their panes: "24h" means the current hour and the 23 before it, "7d" the current UTC
/// day and the 6 before it. Given a <see cref="HistoryStore"/>, sealed hour and day panes are kept there.
/// </summary>
public sealed class BrandInfluence
{
    private static readonly int FutureMinutes = (int)Math.Ceiling(RetentionPolicy.MaxFutureSkew.TotalMinutes) + 1;

    private readonly PaneRing _minutes;
    private readonly PaneRing _hours;
    private readonly PaneRing _days;

    public BrandInfluence(HistoryStore? history = null)
    {
        // Minute panes stay in memory: an hour's top authors read sixty of them, and they are small.
        _minutes = new PaneRing(60 + FutureMinutes, CapacityOf(PaneKind.Minute), minutesPerPane: 1, history: null, HistoryLifetime.Day);
        _hours = new PaneRing(24 + 1, CapacityOf(PaneKind.Hour), minutesPerPane: 60, history, HistoryLifetime.Day);
        _days = new PaneRing(30 + 1, CapacityOf(PaneKind.Day), minutesPerPane: 24 * 60, history, HistoryLifetime.Month);
    }

    public IEnumerable<InfluencePane> MinutePanes => _minutes.All;

    /// <summary>The pane of one minute of the last hour; null when it had no author (or is out of reach).</summary>
    public InfluencePane? MinutePane(long minute) => _minutes.At(minute);

    public IEnumerable<InfluencePane> HourPanes => _hours.All;

    public IEnumerable<InfluencePane> DayPanes => _days.All;

    // The newest hour a post has been applied to; long.MinValue before the first.
    private long _hour = long.MinValue;

    public void Apply(MinuteDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        if (delta.Authors.Count == 0 && delta.Hashtags.Count == 0)
        {
            return;
        }

        var hour = EventTime.HourOf(delta.Minute);
        if (hour > _hour)
        {
            // Before this minute's pane can take the slot of one of the hour's minutes.
            Settle(_hour, hour);
            _hour = hour;
        }

        _minutes.Pane(delta.Minute)?.Add(delta.Authors, delta.Hashtags);
        _hours.Pane(hour)?.Add(delta.Authors, delta.Hashtags);
        _days.Pane(DayOf(delta.Minute))?.Add(delta.Authors, delta.Hashtags);
    }

    /// <summary>
    /// When the brand's first post of a later hour arrives, the pane of the hour before is rebuilt
    /// from its minute panes, and at a day's end the day pane from its hour panes. A pane fed a
    /// minute at a time by a Space-Saving summary loses what an author had each time others push it
    /// out: an author who posts every few minutes among hundreds of others could keep a fraction of
    /// its mentions. The finer panes hold each author's figures for their own period; summed, they
    /// count such an author in full. Each author keeps the larger of the two counts (both count
    /// only posts it made), and the pane keeps the leaders of those.
    /// </summary>
    private void Settle(long closed, long next)
    {
        if (closed == long.MinValue)
        {
            return;
        }

        _hours.Replace(Merged(_hours.At(closed), _minutes, closed * 60, (closed * 60) + 59, closed, PaneKind.Hour));
        if (DayOf(closed * 60) < DayOf(next * 60))
        {
            var day = DayOf(closed * 60);
            _days.Replace(Merged(_days.At(day), _hours, day * 24, (day * 24) + 23, day, PaneKind.Day));
        }
    }

    private static InfluencePane Merged(InfluencePane? fed, PaneRing finer, long from, long to, long period, PaneKind kind)
    {
        var (authors, hashtags) = CapacityOf(kind);
        var merged = new InfluencePane(period, authors, hashtags);
        foreach (var by in (ReadOnlySpan<TallyWeight>)[TallyWeight.Mentions, TallyWeight.Reach, TallyWeight.Engagement])
        {
            var ranking = merged.Ranking(by);
            foreach (var (author, tally) in MergedAuthors(fed, finer, null, from, to, by, authors))
            {
                ranking.Restore(new SpaceSaving<AuthorTally>.Kept(author, tally, 0));
            }
        }

        foreach (var (term, count) in MergedHashtags(fed, finer, null, from, to, hashtags))
        {
            merged.Hashtags.Restore(new SpaceSaving<TermTally>.Kept(term, new TermTally(count), 0));
        }

        return merged;
    }

    /// <summary>
    /// The leaders of one ranking of a period rebuilt from its finer panes (<paramref name="instead"/>,
    /// when given, read in place of the finer pane of its period), best first.
    /// </summary>
    private static IEnumerable<KeyValuePair<string, AuthorTally>> MergedAuthors(
        InfluencePane? fed, PaneRing finer, InfluencePane? instead, long from, long to, TallyWeight by, int capacity)
    {
        var sums = new Dictionary<string, AuthorTally>(StringComparer.Ordinal);
        finer.SumAuthors(from, to, by, sums, instead);
        foreach (var kept in fed is null ? [] : fed.Ranking(by).Entries)
        {
            ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(sums, kept.Key, out var summed);
            sum = summed ? Larger(kept.Tally, sum, by) : kept.Tally;
        }

        return sums
            .OrderByDescending(s => s.Value.Weight(by))
            .ThenByDescending(s => s.Value.Mentions)
            .ThenBy(s => TieOrder(s.Key, from))
            .ThenBy(s => s.Key, StringComparer.Ordinal)
            .Take(capacity);
    }

    /// <summary>
    /// Where more leaders tie than a pane keeps, the order they are kept in: drawn anew for each
    /// period from the name and the period, the same on every node and after every restart. By the
    /// name alone, the same authors lost every tie: among 40 one-off authors an hour, one posting
    /// every hour as @zzzsteady was dropped from all 20 hours and missing from the day, while
    /// @aaasteady, posting alike, led it.
    /// </summary>
    private static ulong TieOrder(string key, long period)
    {
        var h = StableHash.Of(key, default) ^ ((ulong)period * 0x9E3779B97F4A7C15UL);
        h = (h ^ (h >> 31)) * 0xBF58476D1CE4E5B9UL;
        return h ^ (h >> 27);
    }

    /// <summary>The leading hashtags of a period rebuilt from its finer panes, as <see cref="MergedAuthors"/> rebuilds authors.</summary>
    private static IEnumerable<KeyValuePair<string, long>> MergedHashtags(
        InfluencePane? fed, PaneRing finer, InfluencePane? instead, long from, long to, int capacity)
    {
        var uses = new Dictionary<string, long>(StringComparer.Ordinal);
        finer.SumHashtags(from, to, uses, instead);
        foreach (var kept in fed is null ? [] : fed.Hashtags.Entries)
        {
            ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(uses, kept.Key, out _);
            count = Math.Max(count, kept.Tally.Count);
        }

        return uses.OrderByDescending(u => u.Value).ThenBy(u => TieOrder(u.Key, from)).ThenBy(u => u.Key, StringComparer.Ordinal).Take(capacity);
    }

    /// <summary>
    /// Of two counts of one author's posts in one period (each a lower bound), the fuller: the one
    /// larger on the ranking's figure, and on a tie (an author of no reach, or no engagement,
    /// ranked by it) the one that counted more of its posts.
    /// </summary>
    private static AuthorTally Larger(AuthorTally a, AuthorTally b, TallyWeight by) =>
        a.Weight(by) != b.Weight(by) ? (a.Weight(by) > b.Weight(by) ? a : b)
        : a.Mentions >= b.Mentions ? a : b;

    /// <summary>
    /// Seals the panes no longer expected to change now that the brand's newest mention is dated
    /// <paramref name="newestMinute"/>: minutes more than ten behind, hours more than two, and days
    /// before yesterday. An open minute pane of a quiet brand costs ~600 bytes, a sealed one ~100.
    /// </summary>
    internal void Seal(long newestMinute)
    {
        _minutes.Seal(SealedBelow(PaneKind.Minute, newestMinute));
        _hours.Seal(SealedBelow(PaneKind.Hour, newestMinute));
        _days.Seal(SealedBelow(PaneKind.Day, newestMinute));
    }

    /// <summary>
    /// The period below which a ring's panes are sealed once the brand's newest minute is
    /// <paramref name="newestMinute"/>: a snapshot's restore builds those sealed (<see cref="SealedPaneBuilder"/>).
    /// </summary>
    public static long SealedBelow(PaneKind kind, long newestMinute) => kind switch
    {
        PaneKind.Minute => newestMinute - BrandAggregate.OpenMinutes,
        PaneKind.Hour => EventTime.HourOf(newestMinute) - BrandAggregate.OpenHours,
        _ => DayOf(newestMinute) - 1,
    };

    /// <summary>How many panes are held sealed (for tests).</summary>
    internal int SealedPanes => _minutes.Sealed + _hours.Sealed + _days.Sealed;

    /// <summary>Forgets the sealed panes no window ending at <paramref name="nowMinute"/> reads (see <see cref="BrandAggregate.Forget"/>).</summary>
    /// <remarks>
    /// Kept whatever the clock says: minute panes from <paramref name="keepMinutesFrom"/> on (an
    /// alert's drivers read the hour before it, on event time), the minute panes of the hour and
    /// the hour panes of the day not yet settled into their coarser pane. A brand quiet, on event
    /// time, since before yesterday has its last day settled as its next post would have settled
    /// it, so that its panes can go too; a backfill running days behind the clock is not quiet.
    /// </remarks>
    internal void Forget(long nowMinute, long keepMinutesFrom = long.MaxValue)
    {
        var keepMinutes = Math.Min(nowMinute - 60 - FutureMinutes + 1, keepMinutesFrom);
        var keepHours = EventTime.HourOf(nowMinute) - 24;
        if (_hour != long.MinValue)
        {
            // Event time as the brand is judged on: its own while its posts come, the firehose's once it is silent.
            var quietAt = Math.Min(nowMinute, keepMinutesFrom);
            var lastDay = DayOf(_hour * 60);
            if (quietAt != long.MinValue && lastDay < DayOf(quietAt) - 1)
            {
                if (_quietSettled != _hour)
                {
                    Settle(_hour, EventTime.HourOf(quietAt));
                    _quietSettled = _hour;
                }

                // The panes settling rebuilt, or a late post reopened, are sealed (and stored) like any as old.
                Seal(quietAt);
            }
            else
            {
                keepMinutes = Math.Min(keepMinutes, _hour * 60);
                keepHours = Math.Min(keepHours, lastDay * 24);
            }
        }

        _minutes.Forget(keepMinutes);
        _hours.Forget(keepHours);
        _days.Forget(DayOf(nowMinute) - 30);
    }

    // The newest hour of a brand gone quiet when Forget last settled it; long.MinValue when never.
    private long _quietSettled = long.MinValue;

    /// <summary>Gives the panes kept in the history store back to it; they are forgotten.</summary>
    public void Release()
    {
        _minutes.Release();
        _hours.Release();
        _days.Release();
    }

    /// <summary>
    /// Restores each ring's panes, those a snapshot gave in their sealed form as they are: with a
    /// history store, those go there in one write per ring, as sealing them would have sent them.
    /// </summary>
    public static BrandInfluence Restore(RestoredPanes minutes, RestoredPanes hours, RestoredPanes days, HistoryStore? history = null)
    {
        ArgumentNullException.ThrowIfNull(minutes);
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(days);
        var influence = new BrandInfluence(history);
        influence._minutes.Restore(minutes);
        influence._hours.Restore(hours);
        influence._days.Restore(days);
        influence._hour = influence._hours.NewestPeriod;
        return influence;
    }

    /// <summary>Capacities of new panes of each ring, so a snapshot restores panes of the same size.</summary>
    public static (int Authors, int Hashtags) CapacityOf(PaneKind kind) => kind switch
    {
        PaneKind.Minute => (BrandDeltaBuilder.AuthorsPerMinute, BrandDeltaBuilder.HashtagsPerMinute),
        PaneKind.Hour => (16, 32),
        _ => (32, 64),
    };

    /// <summary>The window's top authors by <paramref name="by"/>: each kept author's figures summed over the window's panes.</summary>
    public IReadOnlyList<(string Author, AuthorTally Tally)> TopAuthors(TimeWindow window, TallyWeight by, int limit, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(window);
        var sums = new Dictionary<string, AuthorTally>(StringComparer.Ordinal);
        var (ring, from, to) = PanesOf(window, now);
        ring.SumAuthors(from, to, by, sums, LiveAuthors(ring, by));

        return sums
            .OrderByDescending(s => s.Value.Weight(by))
            .ThenByDescending(s => s.Value.Mentions)
            .ThenBy(s => s.Key, StringComparer.Ordinal)
            .Take(limit)
            .Select(s => (s.Key, s.Value))
            .ToList();
    }

    /// <summary>Hashtag uses summed over the window's panes.</summary>
    public IReadOnlyDictionary<string, long> Hashtags(TimeWindow window, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(window);
        var sums = new Dictionary<string, long>(StringComparer.Ordinal);
        var (ring, from, to) = PanesOf(window, now);
        ring.SumHashtags(from, to, sums, LiveHashtags(ring));

        return sums;
    }

    /// <summary>
    /// The hour or day pane a window of <paramref name="ring"/> reads in place of the one still fed
    /// (the hour and day of the brand's newest post), as <see cref="Settle"/> will rebuild it once
    /// a later hour comes: read as fed, authors who come back a post at a time among many would be
    /// ranked by what the last pushes left of them (one mention each), until the hour closed.
    /// </summary>
    private InfluencePane? LiveAuthors(PaneRing ring, TallyWeight by)
    {
        if (_hour == long.MinValue || ring == _minutes)
        {
            return null;
        }

        var hour = LivePane(_hours.At(_hour), MergedAuthors(_hours.At(_hour), _minutes, null, _hour * 60, (_hour * 60) + 59, by, CapacityOf(PaneKind.Hour).Authors), by);
        if (ring == _hours)
        {
            return hour;
        }

        var day = DayOf(_hour * 60);
        return LivePane(_days.At(day), MergedAuthors(_days.At(day), _hours, hour, day * 24, (day * 24) + 23, by, CapacityOf(PaneKind.Day).Authors), by);
    }

    /// <summary>The hashtags of the pane still fed, as <see cref="LiveAuthors"/> reads its authors.</summary>
    private InfluencePane? LiveHashtags(PaneRing ring)
    {
        if (_hour == long.MinValue || ring == _minutes)
        {
            return null;
        }

        var hour = LivePane(_hours.At(_hour), MergedHashtags(_hours.At(_hour), _minutes, null, _hour * 60, (_hour * 60) + 59, CapacityOf(PaneKind.Hour).Hashtags));
        if (ring == _hours)
        {
            return hour;
        }

        var day = DayOf(_hour * 60);
        return LivePane(_days.At(day), MergedHashtags(_days.At(day), _hours, hour, day * 24, (day * 24) + 23, CapacityOf(PaneKind.Day).Hashtags));
    }

    private static InfluencePane? LivePane(InfluencePane? fed, IEnumerable<KeyValuePair<string, AuthorTally>> leaders, TallyWeight by)
    {
        if (fed is null)
        {
            return null;
        }

        var (authors, hashtags) = (fed.ByMentions.Capacity, fed.Hashtags.Capacity);
        var pane = new InfluencePane(fed.Period, authors, hashtags);
        foreach (var (author, tally) in leaders)
        {
            pane.Ranking(by).Restore(new SpaceSaving<AuthorTally>.Kept(author, tally, 0));
        }

        return pane;
    }

    private static InfluencePane? LivePane(InfluencePane? fed, IEnumerable<KeyValuePair<string, long>> leaders)
    {
        if (fed is null)
        {
            return null;
        }

        var pane = new InfluencePane(fed.Period, fed.ByMentions.Capacity, fed.Hashtags.Capacity);
        foreach (var (term, count) in leaders)
        {
            pane.Hashtags.Restore(new SpaceSaving<TermTally>.Kept(term, new TermTally(count), 0));
        }

        return pane;
    }

    /// <summary>
    /// Where the panes a window reads begin: a window is read in whole panes, so a day's hashtags
    /// reach back to the start of the hour 23 hours ago and a week's to the start of the UTC day six days ago.
    /// </summary>
    public DateTimeOffset PanesStart(TimeWindow window, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(window);
        var (ring, from, _) = PanesOf(window, now);
        return EventTime.StartOfMinute(from * ring.MinutesPerPane);
    }

    /// <summary>The ring of panes a window reads and the periods of it that the window covers.</summary>
    private (PaneRing Ring, long From, long To) PanesOf(TimeWindow window, DateTimeOffset now)
    {
        var nowMinute = EventTime.MinuteOf(now);
        var lastMinute = EventTime.MinuteOf(now + RetentionPolicy.MaxFutureSkew);
        if (window.Resolution == TimeStep.Minute && window.Periods <= 60)
        {
            return (_minutes, nowMinute - window.Periods + 1, lastMinute);
        }

        if (window.Length <= TimeSpan.FromDays(1))
        {
            return (_hours, EventTime.HourOf(nowMinute) - 23, EventTime.HourOf(lastMinute));
        }

        var days = (int)window.Length.TotalDays;
        return (_days, DayOf(nowMinute) - days + 1, DayOf(lastMinute));
    }

    private static long DayOf(long minute) => Math.DivRem(minute, 24 * 60, out var rem) - (rem < 0 ? 1 : 0);

    /// <summary>
    /// Panes indexed by period modulo capacity; a newer period takes over its slot, an older one is
    /// out of reach. A pane older than what the brand still expects to change is sealed
    /// (<see cref="SealedPane"/>); a late post opens it again, and a read of it gets an open copy.
    /// </summary>
    private sealed class PaneRing(int capacity, (int Authors, int Hashtags) paneCapacity, int minutesPerPane, HistoryStore? history, HistoryLifetime lifetime)
    {
        public int MinutesPerPane { get; } = minutesPerPane;

        // Each slot is null, an InfluencePane while open, or once sealed a SealedPane or, with a
        // history store, the StoredPane it was written as.
        private readonly object?[] _slots = new object?[capacity];

        // No open pane is of a period before this minus one: sealing is a comparison until one may close.
        private long _sealableFrom = long.MaxValue;

        public int Sealed => _slots.Count(p => p is SealedPane or StoredPane);

        public IEnumerable<InfluencePane> All => _slots.OfType<object>().Select(Read);

        public InfluencePane? Pane(long period)
        {
            // Decided on the slot's period first: a new period replaces a sealed pane without
            // opening it, and a post older than the slot's pane opens nothing.
            var slot = SlotOf(period);
            var held = _slots[slot];
            var heldPeriod = PeriodOf(held);
            if (heldPeriod > period)
            {
                return null;
            }

            if (heldPeriod == period)
            {
                return held as InfluencePane ?? Reopen(slot, held!);
            }

            var pane = new InfluencePane(period, paneCapacity.Authors, paneCapacity.Hashtags);
            Keep(slot, pane);
            return pane;
        }

        public InfluencePane? At(long period)
        {
            var held = _slots[SlotOf(period)];
            return held is not null && PeriodOf(held) == period ? Read(held) : null;
        }

        /// <summary>
        /// Sums the kept authors of one ranking over the panes of [from, to], <paramref name="instead"/>
        /// read in place of the pane of its period; sealed panes are read in place.
        /// </summary>
        public void SumAuthors(long from, long to, TallyWeight by, Dictionary<string, AuthorTally> sums, InfluencePane? instead = null)
        {
            foreach (var held in Covering(from, to, instead))
            {

                if (held is not InfluencePane)
                {
                    using var sealedPane = SealedPaneLease.Of(held);
                    sealedPane.Pane.SumAuthors(by, sums);
                    continue;
                }

                foreach (var kept in ((InfluencePane)held).Ranking(by).Entries)
                {
                    ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(sums, kept.Key, out _);
                    sum = sum.Plus(kept.Tally);
                }
            }
        }

        /// <summary>Sums the kept hashtags' uses over the panes of [from, to], as <see cref="SumAuthors"/> sums authors.</summary>
        public void SumHashtags(long from, long to, Dictionary<string, long> sums, InfluencePane? instead = null)
        {
            foreach (var held in Covering(from, to, instead))
            {

                if (held is not InfluencePane)
                {
                    using var sealedPane = SealedPaneLease.Of(held);
                    sealedPane.Pane.SumHashtags(sums);
                    continue;
                }

                foreach (var kept in ((InfluencePane)held).Hashtags.Entries)
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(sums, kept.Key, out _) += kept.Tally.Count;
                }
            }
        }

        /// <summary>The panes of [from, to], <paramref name="instead"/> in place of the one of its period.</summary>
        private IEnumerable<object> Covering(long from, long to, InfluencePane? instead)
        {
            foreach (var held in _slots)
            {
                if (held is not null && PeriodOf(held) >= from && PeriodOf(held) <= to && PeriodOf(held) != instead?.Period)
                {
                    yield return held;
                }
            }

            if (instead is not null && instead.Period >= from && instead.Period <= to)
            {
                yield return instead;
            }
        }

        /// <summary>Fills a new ring with a snapshot's panes, a newer period winning its slot; the sealed ones go to the history store in one write.</summary>
        public void Restore(RestoredPanes panes)
        {
            foreach (var pane in panes.Open)
            {
                var slot = SlotOf(pane.Period);
                if (IsNewerThanHeld(slot, pane.Period))
                {
                    Keep(slot, pane);
                }
            }

            // The ring is new, so nothing is stored yet and a sealed pane in a slot is one of these, already listed.
            List<int>? sealedNow = null;
            foreach (var pane in panes.Sealed)
            {
                var slot = SlotOf(pane.Period);
                if (IsNewerThanHeld(slot, pane.Period))
                {
                    if (_slots[slot] is not SealedPane)
                    {
                        (sealedNow ??= []).Add(slot);
                    }

                    _slots[slot] = pane.Pane;
                }
            }

            Store(sealedNow);
        }

        private bool IsNewerThanHeld(int slot, long period) => _slots[slot] is null || PeriodOf(_slots[slot]) < period;

        /// <summary>The newest period a pane is held for; long.MinValue when none is.</summary>
        public long NewestPeriod => _slots.Max(PeriodOf);

        /// <summary>Puts a rebuilt pane in its period's slot, unless a newer period holds it.</summary>
        public void Replace(InfluencePane pane)
        {
            var slot = SlotOf(pane.Period);
            if (PeriodOf(_slots[slot]) <= pane.Period)
            {
                Keep(slot, pane);
            }
        }

        /// <summary>Seals every open pane of a period before <paramref name="period"/>.</summary>
        public void Seal(long period)
        {
            if (period < _sealableFrom)
            {
                return;
            }

            _sealableFrom = long.MaxValue;
            List<int>? sealedNow = null;
            for (var slot = 0; slot < _slots.Length; slot++)
            {
                if (_slots[slot] is not InfluencePane pane)
                {
                    continue;
                }

                if (pane.Period < period)
                {
                    _slots[slot] = SealedPane.Seal(pane);
                    (sealedNow ??= []).Add(slot);
                }
                else
                {
                    _sealableFrom = Math.Min(_sealableFrom, pane.Period + 1);
                }
            }

            Store(sealedNow);
        }

        /// <summary>Writes the panes just sealed in these slots to the history store in one call; panes the store cannot take stay in memory.</summary>
        private void Store(List<int>? sealedNow)
        {
            if (history is null || sealedNow is null)
            {
                return;
            }

            var data = sealedNow.ConvertAll(s => ((SealedPane)_slots[s]!).Data);
            if (history.TryWrite(data, lifetime) is { } blocks)
            {
                for (var i = 0; i < blocks.Length; i++)
                {
                    _slots[sealedNow[i]] = new StoredPane(PeriodOf(_slots[sealedNow[i]]), blocks[i]);
                }
            }
        }

        /// <summary>Forgets the sealed panes of periods before <paramref name="period"/>.</summary>
        public void Forget(long period)
        {
            for (var slot = 0; slot < _slots.Length; slot++)
            {
                if (_slots[slot] is SealedPane or StoredPane && PeriodOf(_slots[slot]) < period)
                {
                    if (_slots[slot] is StoredPane stored)
                    {
                        history!.Release(stored.Block);
                    }

                    _slots[slot] = null;
                }
            }
        }

        /// <summary>Gives every pane kept in the history store back to it; the ring is empty after.</summary>
        public void Release()
        {
            for (var slot = 0; slot < _slots.Length; slot++)
            {
                if (_slots[slot] is StoredPane stored)
                {
                    history!.Release(stored.Block);
                }

                _slots[slot] = null;
            }

            _sealableFrom = long.MaxValue;
        }

        private InfluencePane Reopen(int slot, object sealedPane)
        {
            var pane = Read(sealedPane);
            Keep(slot, pane);
            return pane;
        }

        private void Keep(int slot, InfluencePane pane)
        {
            if (_slots[slot] is StoredPane stored)
            {
                history!.Release(stored.Block);
            }

            _slots[slot] = pane;
            _sealableFrom = Math.Min(_sealableFrom, pane.Period + 1);
        }

        private InfluencePane Read(object held)
        {
            if (held is InfluencePane open)
            {
                return open;
            }

            using var sealedPane = SealedPaneLease.Of(held);
            return sealedPane.Pane.Open(paneCapacity.Authors, paneCapacity.Hashtags);
        }

        private static long PeriodOf(object? held) => held switch
        {
            InfluencePane open => open.Period,
            SealedPane sealedPane => sealedPane.Period,
            StoredPane stored => stored.Period,
            _ => long.MinValue,
        };

        private int SlotOf(long period) => (int)(((period % _slots.Length) + _slots.Length) % _slots.Length);
    }
}

/// <summary>A sealed pane written to the history store: its period, and where its bytes lie.</summary>
internal sealed record StoredPane(long Period, HistoryBlock Block);

/// <summary>
/// A sealed pane to read, held in memory or read back from the history store into a pooled buffer
/// that <see cref="Dispose"/> gives back; the pane is not to be used after.
/// </summary>
internal readonly struct SealedPaneLease : IDisposable
{
    private readonly byte[]? _rented;

    private SealedPaneLease(SealedPane pane, byte[]? rented)
    {
        Pane = pane;
        _rented = rented;
    }

    public SealedPane Pane { get; }

    /// <summary>A <see cref="SealedPane"/> as it is, or a <see cref="StoredPane"/> read back.</summary>
    public static SealedPaneLease Of(object held)
    {
        if (held is SealedPane sealedPane)
        {
            return new SealedPaneLease(sealedPane, null);
        }

        var stored = (StoredPane)held;
        var data = HistoryStore.Load(stored.Block);
        return new SealedPaneLease(SealedPane.Over(stored.Period, data), data);
    }

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
        }
    }
}

public enum PaneKind : byte
{
    Minute,
    Hour,
    Day,
}
