using StreamEngine.Domain.Aggregates;

namespace StreamEngine.Domain.Influence;

/// <summary>Whether a trending item is a topic concept of the model, a hashtag of the posts or an intent concept of the model.</summary>
public enum TrendKind : byte
{
    Concept = 1,
    Hashtag,
    Intent,
}

/// <summary>A concept, intent or hashtag whose use rose against its own baseline: observed in the window, expected from the baseline, and the lift.</summary>
public sealed record TrendingItem(TrendKind Kind, string Value, long Observed, double Expected, double Lift);

/// <summary>
/// What is trending for a brand: the concepts, intents (a surge of complaints) and hashtags whose mentions in a window rose most
/// against their own rate over the next longer window before it (15m against the 45 minutes
/// before, 1h against the 23 hours before, 24h against the 6 days before, 7d against the 23 days
/// before). The lift is (observed − expected) / √(expected + 1): a rise measured in Poisson
/// deviations, so that 3 → 30 outranks 300 → 330 and a brand-new term needs a few uses to show.
/// A brand with no mention at all before the window has no baseline yet (a brand just added, an
/// engine just started): nothing is trending rather than everything.
/// </summary>
public static class Trending
{
    public const int MinimumObserved = 3;
    public const int PerKind = 10;

    private static readonly Dictionary<string, TimeWindow> Baselines = new(StringComparer.Ordinal)
    {
        [TimeWindow.FifteenMinutes.Name] = TimeWindow.OneHour,
        [TimeWindow.OneHour.Name] = TimeWindow.OneDay,
        [TimeWindow.OneDay.Name] = TimeWindow.SevenDays,
        [TimeWindow.SevenDays.Name] = TimeWindow.ThirtyDays,
    };

    /// <summary>The windows trending can be asked for: those with a longer window to serve as baseline.</summary>
    public static IReadOnlyList<string> Windows { get; } = [.. Baselines.Keys];

    public static IReadOnlyList<TrendingItem> Of(BrandAggregate aggregate, TimeWindow window, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        ArgumentNullException.ThrowIfNull(window);
        if (!Baselines.TryGetValue(window.Name, out var longer))
        {
            throw new ArgumentException($"window {window.Name} has no longer window to compare with; trending is offered for {string.Join(", ", Windows)}", nameof(window));
        }

        // History anywhere in the brand's 30 days, not only in the baseline: a quiet brand's first
        // burst in a while is what trending is for. The 30 days are read only when the baseline is empty.
        var inWindow = aggregate.Summary(window, now).Mentions;
        if (aggregate.Summary(longer, now).Mentions <= inWindow && aggregate.Summary(TimeWindow.ThirtyDays, now).Mentions <= inWindow)
        {
            return [];
        }

        // The baseline is the longer window's buckets before the window's, whose first starts on the
        // hour for 7d and 30d: at 12:09 a day is judged against 5 days, 23 hours and 10 minutes.
        var scale = window.Length / (window.StartAt(now) - longer.StartAt(now));
        var concepts = Rank(
            TrendKind.Concept,
            aggregate.Segments(SegmentDimension.Concept, window, now).ToDictionary(s => s.Value, s => s.Mentions, StringComparer.Ordinal),
            aggregate.Segments(SegmentDimension.Concept, longer, now).ToDictionary(s => s.Value, s => s.Mentions, StringComparer.Ordinal),
            scale);
        var intents = Rank(
            TrendKind.Intent,
            aggregate.Segments(SegmentDimension.Intent, window, now).ToDictionary(s => s.Value, s => s.Mentions, StringComparer.Ordinal),
            aggregate.Segments(SegmentDimension.Intent, longer, now).ToDictionary(s => s.Value, s => s.Mentions, StringComparer.Ordinal),
            scale);
        var hashtags = Rank(TrendKind.Hashtag, aggregate.Influence.Hashtags(window, now), aggregate.Influence.Hashtags(longer, now), HashtagScale(aggregate.Influence, window, longer, now));
        return [.. concepts, .. intents, .. hashtags];
    }

    /// <summary>
    /// Hashtags are counted in whole panes (minutes, hours, UTC days), so the window and its baseline
    /// cover what their panes cover, not their nominal lengths: at 21:52 a day's baseline runs from
    /// the start of the UTC day six days ago to 22:00 yesterday, 5 days and 22 hours, not 6 days.
    /// </summary>
    private static double HashtagScale(BrandInfluence influence, TimeWindow window, TimeWindow longer, DateTimeOffset now)
    {
        var windowStart = influence.PanesStart(window, now);
        var baseline = windowStart - influence.PanesStart(longer, now);
        return baseline > TimeSpan.Zero ? (now - windowStart) / baseline : 0;
    }

    private static IEnumerable<TrendingItem> Rank(TrendKind kind, IReadOnlyDictionary<string, long> inWindow, IReadOnlyDictionary<string, long> inLonger, double scale) =>
        inWindow
            .Where(w => w.Value >= MinimumObserved)
            .Select(w =>
            {
                var before = Math.Max(0, inLonger.GetValueOrDefault(w.Key) - w.Value);
                var expected = before * scale;
                return new TrendingItem(kind, w.Key, w.Value, Rounded.To(expected, 3), Rounded.To((w.Value - expected) / Math.Sqrt(expected + 1), 3));
            })
            .Where(t => t.Lift > 0)
            .OrderByDescending(t => t.Lift)
            .ThenBy(t => t.Value, StringComparer.Ordinal)
            .Take(PerKind);
}
