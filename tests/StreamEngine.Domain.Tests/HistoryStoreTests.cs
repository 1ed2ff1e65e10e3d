using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Analysis;
using StreamEngine.Domain.Posts;

namespace StreamEngine.Domain.Tests;

public sealed class HistoryStoreTests
{
    [Fact]
    public void Chunks_read_back_as_written_across_files_and_their_space_goes_once_given_back()
    {
        using var history = new TestHistory(segmentBytes: 1_000);
        var random = new Random(9);
        var written = Enumerable.Range(0, 200).Select(i =>
        {
            var bytes = new byte[random.Next(1, 300)];
            random.NextBytes(bytes);
            var lifetime = i % 3 == 0 ? HistoryLifetime.Month : HistoryLifetime.Day;
            return (Bytes: bytes, Block: history.Store.TryWrite(bytes, lifetime)!);
        }).ToList();

        Assert.Equal(written.Sum(w => (long)w.Bytes.Length), history.Store.LiveBytes);
        var buffer = new byte[300];
        foreach (var (bytes, block) in written)
        {
            HistoryStore.Read(block, buffer);
            Assert.Equal(bytes, buffer[..bytes.Length]);
        }

        // Given back oldest first, as a ring drops them: every file but the two being written goes.
        foreach (var (_, block) in written)
        {
            history.Store.Release(block);
        }

        Assert.Equal(0, history.Store.LiveBytes);
        Assert.True(history.Store.FileBytes <= 2 * 1_000, $"{history.Store.FileBytes} bytes of files are still open");
    }

    [Theory]
    [InlineData(5, 100)]
    [InlineData(5, 300)]
    public void Chunks_written_together_read_back_each_in_its_place(int count, int length)
    {
        // Five of 300 bytes do not fit one file of 1,000: they are written one at a time.
        using var history = new TestHistory(segmentBytes: 1_000);
        var random = new Random(count * length);
        var chunks = Enumerable.Range(0, count).Select(i =>
        {
            var bytes = new byte[length - i];
            random.NextBytes(bytes);
            return bytes;
        }).ToArray();

        var blocks = history.Store.TryWrite(chunks, HistoryLifetime.Month)!;

        Assert.Equal(chunks.Sum(c => (long)c.Length), history.Store.LiveBytes);
        var buffer = new byte[length];
        for (var i = 0; i < count; i++)
        {
            HistoryStore.Read(blocks[i], buffer);
            Assert.Equal(chunks[i], buffer[..chunks[i].Length]);
        }
    }

    [Fact]
    public void The_files_leave_no_name_behind()
    {
        // Windows removes them when they close; the node runs on Linux.
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var history = new TestHistory();

        Assert.NotNull(history.Store.TryWrite([1, 2, 3], HistoryLifetime.Day));

        Assert.Empty(Directory.EnumerateFileSystemEntries(history.DirectoryPath));
    }

    [Fact]
    public void A_write_that_cannot_be_made_is_refused_and_counted()
    {
        using var history = new TestHistory();
        history.Break();

        Assert.Null(history.Store.TryWrite([1, 2, 3], HistoryLifetime.Month));
        Assert.Equal(1, history.Store.FailedWrites);
        Assert.Equal(0, history.Store.LiveBytes);
    }

    [Fact]
    public void A_file_that_cannot_be_started_leaves_later_writes_refused_not_failing()
    {
        using var history = new TestHistory(segmentBytes: 100);
        history.Store.Release(history.Store.TryWrite(new byte[60], HistoryLifetime.Day)!);
        history.Break();

        // Too large for the rest of the file: it is retired, and no new one can be made.
        Assert.Null(history.Store.TryWrite(new byte[60], HistoryLifetime.Day));
        Assert.Null(history.Store.TryWrite(new byte[10], HistoryLifetime.Day));
        Assert.Equal(2, history.Store.FailedWrites);
    }

    [Fact]
    public void A_brand_forgets_what_passes_out_of_retention_and_gives_it_back()
    {
        using var history = new TestHistory();
        var forgetting = new BrandAggregate(history.Store);
        var keeping = new BrandAggregate();
        var now = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        Feed(ThreeDaysOfPosts(now), forgetting, keeping);

        var held = history.Store.LiveBytes;
        foreach (var at in new[] { now, now + TimeSpan.FromDays(2) })
        {
            forgetting.Forget(at);

            // Two days on, the brand's last day is settled as its next post would have settled it,
            // which counts its authors more fully (BrandInfluence): top authors may rise.
            AssertSameAnswers(keeping, forgetting, at, topAuthors: at == now);
        }

        // Two days on, the first day of minutes and hour panes are past retention.
        Assert.InRange(history.Store.LiveBytes, 1, held / 2);

        // Past every ring's reach, nothing is held: the brand's last day, which no later post
        // settled, is settled and let go too.
        forgetting.Forget(now + TimeSpan.FromDays(40));
        Assert.Equal(0, history.Store.LiveBytes);
        Assert.Equal((0, 0, 0), forgetting.Sealed);
        Assert.Empty(forgetting.Influence.HourPanes);
        Assert.Empty(forgetting.Influence.DayPanes);
    }

    [Fact]
    public void A_backfill_days_behind_the_clock_keeps_the_minutes_and_panes_still_to_be_judged_and_settled()
    {
        // Three days ago, an hour of posts from many authors, replayed now: on the clock all of it
        // is past the 24 h of minutes, but the spike detector judges it on its own event time.
        using var history = new TestHistory();
        var backfill = new BrandAggregate(history.Store);
        var now = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        var start = now - TimeSpan.FromDays(3);
        for (var minute = 0; minute < 60; minute++)
        {
            var builder = new BrandDeltaBuilder();
            for (var author = 0; author < 3; author++)
            {
                builder.Add(TestPosts.Make($"p{minute}-{author}", start + TimeSpan.FromMinutes(minute), handle: $"@author{(minute * 3) + author}"), PostAnalysis.Empty);
            }

            backfill.Apply(builder.Build());
        }

        var judged = EventTime.MinuteOf(start) + 50;
        var hoursBefore = backfill.Influence.HourPanes.Count();
        backfill.Forget(now, keepMinutesFrom: judged + 1 - 60);

        // The minutes from the detector's baseline on and the panes of the unsettled hour and day stay.
        Assert.NotNull(backfill.Minute(judged - 20));
        Assert.Equal(hoursBefore, backfill.Influence.HourPanes.Count());
        Assert.Equal(60, backfill.Influence.MinutePanes.Count());
    }

    [Fact]
    public void A_months_reputation_series_reads_no_hour_past_retention_forgotten_or_not()
    {
        // Five weeks of hourly posts but for two quiet days four days ago: the slots of those days
        // keep hours of the first lap, a week beyond the month, where a month's reputation series
        // looks for its first points; whole chunks of them are forgotten.
        using var history = new TestHistory();
        var forgetting = new BrandAggregate(history.Store);
        var keeping = new BrandAggregate();
        var now = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        for (var hour = 37 * 24; hour >= 0; hour--)
        {
            if (hour is > 60 and < 100)
            {
                continue;
            }

            var at = now - TimeSpan.FromHours(hour) - TimeSpan.FromMinutes(hour % 7);
            var builder = new BrandDeltaBuilder();
            builder.Add(TestPosts.Make($"p{hour}", at, followers: 1_000 + hour), PostAnalysis.Empty with { Sentiment = new Domain.Sentiment.SentimentScore(hour % 5 == 0 ? -0.8 : 0.6, 0, 1, 0) });
            var delta = builder.Build();
            forgetting.Apply(delta);
            keeping.Apply(delta);
        }

        var sealedBefore = forgetting.Sealed.HourChunks;
        forgetting.Forget(now);

        Assert.True(forgetting.Sealed.HourChunks < sealedBefore, "no chunk of the first lap alone was forgotten");
        Assert.Equal(keeping.Timeseries(TimeWindow.ThirtyDays, TimeStep.Hour, now), forgetting.Timeseries(TimeWindow.ThirtyDays, TimeStep.Hour, now));
    }

    [Fact]
    public void A_brand_keeps_its_sealed_history_in_the_store_reads_it_the_same_and_gives_it_back()
    {
        using var history = new TestHistory();
        var stored = new BrandAggregate(history.Store);
        var inMemory = new BrandAggregate();
        var now = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        Feed(ThreeDaysOfPosts(now), stored, inMemory);

        Assert.True(stored.HourChunksStored > 0);
        Assert.True(history.Store.LiveBytes > 0);
        AssertSameAnswers(inMemory, stored, now);

        stored.Release();

        Assert.Equal(0, history.Store.LiveBytes);
    }

    private static void Feed(IEnumerable<BrandDelta> deltas, params BrandAggregate[] aggregates)
    {
        foreach (var delta in deltas)
        {
            foreach (var aggregate in aggregates)
            {
                aggregate.Apply(delta);
            }
        }
    }

    /// <summary>Every window's summary, finest and coarsest series, top authors and hashtags.</summary>
    private static void AssertSameAnswers(BrandAggregate expected, BrandAggregate actual, DateTimeOffset at, bool topAuthors = true)
    {
        foreach (var window in TimeWindow.All)
        {
            Assert.Equal(expected.Summary(window, at), actual.Summary(window, at));
            foreach (var step in window.Steps)
            {
                Assert.Equal(expected.Timeseries(window, step, at), actual.Timeseries(window, step, at));
            }

            if (topAuthors)
            {
                Assert.Equal(expected.Influence.TopAuthors(window, Sketches.TallyWeight.Mentions, 10, at), actual.Influence.TopAuthors(window, Sketches.TallyWeight.Mentions, 10, at));
            }

            Assert.Equal(expected.Influence.Hashtags(window, at), actual.Influence.Hashtags(window, at));
        }
    }

    /// <summary>A post every seven minutes over three days up to <paramref name="now"/>, by fifty authors with hashtags.</summary>
    private static IEnumerable<BrandDelta> ThreeDaysOfPosts(DateTimeOffset now)
    {
        for (var minute = 3 * 24 * 60; minute >= 0; minute -= 7)
        {
            var builder = new BrandDeltaBuilder();
            builder.Add(TestPosts.Make($"p{minute}", now - TimeSpan.FromMinutes(minute), text: $"acme #tag{minute % 13}", handle: $"@author{minute % 50}"), PostAnalysis.Empty);
            yield return builder.Build();
        }
    }
}
