using System.Runtime.InteropServices;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Sketches;

namespace StreamEngine.Domain.Influence;

/// <summary>
/// A brand's top authors and hashtags per trailing window, in bounded memory: panes of one minute
/// (the last hour, for the 15m and 1h windows), one hour (the last day, for 24h) and one day (the
/// last 30, for 7d and 30d), each pane a set of Space-Saving summaries. Windows are therefore
/// aligned to their panes: "24h" means the current hour and the 23 before it, "7d" the current UTC
/// day and the 6 before it.
/// </summary>
public sealed class BrandInfluence
{
    private static readonly int FutureMinutes = (int)Math.Ceiling(RetentionPolicy.MaxFutureSkew.TotalMinutes) + 1;

    private readonly PaneRing _minutes = new(60 + FutureMinutes, CapacityOf(PaneKind.Minute));
    private readonly PaneRing _hours = new(24 + 1, CapacityOf(PaneKind.Hour));
    private readonly PaneRing _days = new(30 + 1, CapacityOf(PaneKind.Day));

    public IEnumerable<InfluencePane> MinutePanes => _minutes.All;

    /// <summary>The pane of one minute of the last hour; null when it had no author (or is out of reach).</summary>
    public InfluencePane? MinutePane(long minute) => _minutes.At(minute);

    public IEnumerable<InfluencePane> HourPanes => _hours.All;

    public IEnumerable<InfluencePane> DayPanes => _days.All;

    public void Apply(MinuteDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        if (delta.Authors.Count == 0 && delta.Hashtags.Count == 0)
        {
            return;
        }

        _minutes.Pane(delta.Minute)?.Add(delta.Authors, delta.Hashtags);
        _hours.Pane(EventTime.HourOf(delta.Minute))?.Add(delta.Authors, delta.Hashtags);
        _days.Pane(DayOf(delta.Minute))?.Add(delta.Authors, delta.Hashtags);
    }

    public static BrandInfluence Restore(IEnumerable<InfluencePane> minutes, IEnumerable<InfluencePane> hours, IEnumerable<InfluencePane> days)
    {
        var influence = new BrandInfluence();
        influence._minutes.Restore(minutes);
        influence._hours.Restore(hours);
        influence._days.Restore(days);
        return influence;
    }

    /// <summary>Capacities of new panes of each ring, so a snapshot restores panes of the same size.</summary>
    public static (int Authors, int Hashtags) CapacityOf(PaneKind kind) => kind switch
    {
        PaneKind.Minute => (8, 16),
        PaneKind.Hour => (16, 32),
        _ => (32, 64),
    };

    /// <summary>The window's top authors by <paramref name="by"/>: each kept author's figures summed over the window's panes.</summary>
    public IReadOnlyList<(string Author, AuthorTally Tally)> TopAuthors(TimeWindow window, TallyWeight by, int limit, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(window);
        var sums = new Dictionary<string, AuthorTally>(StringComparer.Ordinal);
        foreach (var pane in PanesOf(window, now))
        {
            foreach (var kept in pane.Ranking(by).Entries)
            {
                ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(sums, kept.Key, out _);
                sum = sum.Plus(kept.Tally);
            }
        }

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
        foreach (var pane in PanesOf(window, now))
        {
            foreach (var kept in pane.Hashtags.Entries)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(sums, kept.Key, out _) += kept.Tally.Count;
            }
        }

        return sums;
    }

    private IEnumerable<InfluencePane> PanesOf(TimeWindow window, DateTimeOffset now)
    {
        var nowMinute = EventTime.MinuteOf(now);
        var lastMinute = EventTime.MinuteOf(now + RetentionPolicy.MaxFutureSkew);
        if (window.Resolution == TimeStep.Minute && window.Periods <= 60)
        {
            return _minutes.Between(nowMinute - window.Periods + 1, lastMinute);
        }

        if (window.Length <= TimeSpan.FromDays(1))
        {
            return _hours.Between(EventTime.HourOf(nowMinute) - 23, EventTime.HourOf(lastMinute));
        }

        var days = (int)window.Length.TotalDays;
        return _days.Between(DayOf(nowMinute) - days + 1, DayOf(lastMinute));
    }

    private static long DayOf(long minute) => Math.DivRem(minute, 24 * 60, out var rem) - (rem < 0 ? 1 : 0);

    /// <summary>Panes indexed by period modulo capacity; a newer period takes over its slot, an older one is out of reach.</summary>
    private sealed class PaneRing(int capacity, (int Authors, int Hashtags) paneCapacity)
    {
        private readonly InfluencePane?[] _slots = new InfluencePane?[capacity];

        public IEnumerable<InfluencePane> All => _slots.Where(p => p is not null)!;

        public InfluencePane? Pane(long period)
        {
            var slot = (int)(((period % _slots.Length) + _slots.Length) % _slots.Length);
            var pane = _slots[slot];
            if (pane is null || pane.Period < period)
            {
                _slots[slot] = pane = new InfluencePane(period, paneCapacity.Authors, paneCapacity.Hashtags);
            }

            return pane.Period == period ? pane : null;
        }

        public InfluencePane? At(long period)
        {
            var pane = _slots[(int)(((period % _slots.Length) + _slots.Length) % _slots.Length)];
            return pane?.Period == period ? pane : null;
        }

        public IEnumerable<InfluencePane> Between(long from, long to) =>
            _slots.Where(p => p is not null && p.Period >= from && p.Period <= to)!;

        public void Restore(IEnumerable<InfluencePane> panes)
        {
            foreach (var pane in panes)
            {
                var slot = (int)(((pane.Period % _slots.Length) + _slots.Length) % _slots.Length);
                if (_slots[slot] is null || _slots[slot]!.Period < pane.Period)
                {
                    _slots[slot] = pane;
                }
            }
        }
    }
}

public enum PaneKind : byte
{
    Minute,
    Hour,
    Day,
}
