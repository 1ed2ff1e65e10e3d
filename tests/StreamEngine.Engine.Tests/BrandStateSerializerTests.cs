using StreamEngine.Domain.Threats;
using StreamEngine.Domain.Alerts;
using System.Globalization;
using System.Runtime.Serialization;
using Akka.Actor;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Influence;
using StreamEngine.Domain.Sketches;
using StreamEngine.Engine.Brands;
using StreamEngine.Engine.Serialization;

namespace StreamEngine.Engine.Tests;

public sealed class BrandStateSerializerTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly DateTimeOffset At = TestClock.DefaultNow;

    private readonly BrandStateSerializer _serializer;

    public BrandStateSerializerTests()
    {
        _serializer = new BrandStateSerializer((ExtendedActorSystem)Sys);
    }

    private object RoundTrip(object state)
    {
        var manifest = _serializer.Manifest(state);
        var bytes = _serializer.ToBinary(state);
        return _serializer.FromBinary(bytes, manifest);
    }

    private static uint Entry(string author) => UniqueAuthorSketch.EntryOf(StableHash.Of("x", author));

    private static BrandDelta HandMadeDelta()
    {
        var minute = EventTime.MinuteOf(At);
        return new BrandDelta(
        [
            new MinuteDelta(
                minute - 90,
                3,
                1_234_567,
                42,
                [
                    new SegmentCount(SegmentDimension.Network, "x", 2),
                    new SegmentCount(SegmentDimension.Network, "reddit", 1),
                    new SegmentCount(SegmentDimension.Country, "DE", 3),
                    new SegmentCount(SegmentDimension.Concept, "delivery", 2),
                    new SegmentCount(SegmentDimension.Purchase, "2026-03", 1),
                    new SegmentCount(SegmentDimension.Language, "pt", 3),
                ],
                new[] { Entry("ana"), Entry("bo"), Entry("cy") }.Order().ToArray()),
            new MinuteDelta(
                minute - 1,
                1,
                0,
                0,
                [new SegmentCount(SegmentDimension.Gender, "unknown", 1), new SegmentCount(SegmentDimension.Age, "65+", 1)],
                []),
            new MinuteDelta(
                minute,
                70_000_000_000,
                long.MaxValue / 4,
                9_999_999_999,
                [new SegmentCount(SegmentDimension.Concept, "überpreis ✓", 70_000_000_000)],
                Enumerable.Range(0, 200).Select(i => Entry("author-" + i)).Order().ToArray()),
        ]);
    }

    private static void AssertSameDelta(BrandDelta expected, BrandDelta actual)
    {
        Assert.Equal(expected.Minutes.Count, actual.Minutes.Count);
        for (var i = 0; i < expected.Minutes.Count; i++)
        {
            var e = expected.Minutes[i];
            var a = actual.Minutes[i];
            Assert.Equal(e.Minute, a.Minute);
            Assert.Equal(e.Mentions, a.Mentions);
            Assert.Equal(e.Reach, a.Reach);
            Assert.Equal(e.Engagement, a.Engagement);
            Assert.Equal(e.Segments, a.Segments);
            Assert.Equal(e.AuthorEntries, a.AuthorEntries);
            Assert.Equal(e.Sentiment, a.Sentiment);
            Assert.Equal(e.Authors, a.Authors);
            Assert.Equal(e.Hashtags, a.Hashtags);
            Assert.Equal(e.SentimentReach, a.SentimentReach);
            Assert.Equal(e.CompetitorMentions, a.CompetitorMentions);
        }

        Assert.Equal(expected.Mentions, actual.Mentions);
        Assert.Equal(expected.Threats, actual.Threats);
    }

    [Fact]
    public void MentionsRecorded_round_trips_to_an_equal_delta()
    {
        var original = new MentionsRecorded(HandMadeDelta() with
        {
            Threats =
            [
                new ThreatSighting(At, new ThreatFinding(ThreatKind.Impersonation, "acme", "p1", "@acme_help", "@acme_help: @acme + 'help'", ThreatSeverity.High)),
                new ThreatSighting(At.AddMinutes(-3), new ThreatFinding(ThreatKind.Coordination, "acme", "p2", null, "6 authors, same text", ThreatSeverity.Medium)),
            ],
        });

        var restored = Assert.IsType<MentionsRecorded>(RoundTrip(original));

        AssertSameDelta(original.Delta, restored.Delta);
    }

    [Fact]
    public void MentionsRecorded_built_from_posts_round_trips_to_an_equal_delta()
    {
        var original = new MentionsRecorded(TestData.Batch(3, At));
        Assert.True(original.Delta.Minutes.Count > 3, "the batch should touch several minutes");
        Assert.Contains(original.Delta.Minutes, m => m.Authors.Count > 0 && m.Hashtags.Count > 0);
        Assert.True(original.Delta.Minutes.SelectMany(m => m.Segments).Select(s => s.Dimension).Distinct().Count() >= 6);

        var restored = Assert.IsType<MentionsRecorded>(RoundTrip(original));

        AssertSameDelta(original.Delta, restored.Delta);
    }

    [Fact]
    public void An_empty_delta_round_trips()
    {
        var restored = Assert.IsType<MentionsRecorded>(RoundTrip(new MentionsRecorded(new BrandDelta([]))));

        Assert.Empty(restored.Delta.Minutes);
    }

    [Fact]
    public void Manifests_name_the_type_and_format_version()
    {
        Assert.Equal("mentions-recorded.v3", _serializer.Manifest(new MentionsRecorded(new BrandDelta([]))));
        Assert.Equal("brand-snapshot.v4", _serializer.Manifest(new BrandSnapshot([])));
        Assert.Equal("brand-snapshot.v3", _serializer.Manifest(new BrandSnapshot([], Version: 3)));
        Assert.Equal("alerts-raised.v1", _serializer.Manifest(new AlertsRaised([])));
        Assert.Equal("brand-snapshot.v1", _serializer.Manifest(new BrandSnapshot([], Version: 1)));
        Assert.Equal(BrandStateSerializer.SerializerId, _serializer.Identifier);
    }

    [Fact]
    public void A_snapshot_decodes_to_an_aggregate_with_identical_figures_in_every_window()
    {
        var original = new BrandAggregate();
        for (var batch = 0; batch < 5; batch++)
        {
            original.Apply(TestData.Batch(batch, At));
        }

        // One busy minute: more distinct authors than a sparse sketch keeps, so its sketch goes dense.
        var busy = At - TimeSpan.FromMinutes(7);
        original.Apply(TestData.Delta(Enumerable.Range(0, 1500)
            .Select(i => (TestData.Post($"busy-{i}", busy, authorId: $"busy-author-{i}", followers: i), new[] { "price" }))
            .ToArray()));
        var busyMinute = EventTime.MinuteOf(busy);
        Assert.True(original.MinuteBuckets.Single(b => b.Period == busyMinute).Authors.IsDense, "the busy minute should have a dense author sketch");
        Assert.Contains(original.MinuteBuckets, b => !b.Authors.IsDense && b.Authors.SparseEntries.Length > 0);

        var snapshot = Assert.IsType<BrandSnapshot>(RoundTrip(new BrandSnapshot(BrandAggregateCodec.Encode(original))));
        var restored = BrandAggregateCodec.Decode(snapshot.EncodedAggregate);

        BrandView.AssertEqual(BrandView.Of(original, At), BrandView.Of(restored, At));
        foreach (var window in TimeWindow.All)
        {
            foreach (var by in new[] { TallyWeight.Mentions, TallyWeight.Reach, TallyWeight.Engagement })
            {
                Assert.Equal(original.Influence.TopAuthors(window, by, 100, At), restored.Influence.TopAuthors(window, by, 100, At));
            }

            Assert.Equal(original.Influence.Hashtags(window, At), restored.Influence.Hashtags(window, At));
        }

        Assert.NotEmpty(restored.Influence.TopAuthors(TimeWindow.ThirtyDays, TallyWeight.Reach, 100, At));
        Assert.NotEmpty(restored.Influence.Hashtags(TimeWindow.OneDay, At));
        AssertSameBuckets(original.MinuteBuckets, restored.MinuteBuckets);
        AssertSameBuckets(original.HourBuckets, restored.HourBuckets);
        Assert.True(restored.Summary(TimeWindow.OneHour, At).UniqueAuthors > 1400, "the dense minute's authors should be counted");
    }

    [Fact]
    public void Alerts_survive_the_journal_and_the_snapshot()
    {
        Alert[] alerts = [TestData.Alert(At), TestData.Alert(At.AddMinutes(40)) with { Drivers = [] }];

        var raised = Assert.IsType<AlertsRaised>(RoundTrip(new AlertsRaised(alerts)));
        var snapshot = Assert.IsType<BrandSnapshot>(RoundTrip(new BrandSnapshot(BrandAggregateCodec.Encode(new BrandAggregate()), Alerts: alerts)));

        Assert.Equal(alerts.Select(Describe), raised.Alerts.Select(Describe));
        Assert.Equal(alerts.Select(Describe), snapshot.Alerts!.Select(Describe));
        Assert.Empty(BrandAggregateCodec.Decode(snapshot.EncodedAggregate, snapshot.Version).MinuteBuckets);
    }

    [Fact]
    public void What_the_journal_holds_behind_a_snapshot_survives_it_and_a_snapshot_behind_nothing_is_written_as_before()
    {
        Alert[] alerts = [TestData.Alert(At)];
        var aggregate = BrandAggregateCodec.Encode(new BrandAggregate());

        var behind = Assert.IsType<BrandSnapshot>(RoundTrip(new BrandSnapshot(aggregate, Alerts: alerts, BatchesBehind: 17, MinutesBehind: 2_000)));
        var pruning = new BrandSnapshot(aggregate, Alerts: alerts);

        Assert.Equal((17, 2_000L), (behind.BatchesBehind, behind.MinutesBehind));
        Assert.Equal(alerts.Select(Describe), behind.Alerts!.Select(Describe));
        Assert.Equal((0, 0L), (Assert.IsType<BrandSnapshot>(RoundTrip(pruning)).BatchesBehind, Assert.IsType<BrandSnapshot>(RoundTrip(pruning)).MinutesBehind));

        // Byte for byte what the engine wrote before it counted them, so either engine reads the other's.
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            w.Write7BitEncodedInt(BrandAggregateCodec.CurrentVersion);
            w.Write7BitEncodedInt(aggregate.Length);
            w.Write(aggregate);
            AlertCodec.Write(w, alerts);
        }

        Assert.Equal(stream.ToArray(), _serializer.ToBinary(pruning));
        Assert.StartsWith(Convert.ToHexString(stream.ToArray()), Convert.ToHexString(_serializer.ToBinary(behind)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_snapshot_written_before_alerts_still_reads_with_none()
    {
        // A v2 snapshot of an empty brand: no minute buckets, no hour buckets, nothing after them.
        var snapshot = Assert.IsType<BrandSnapshot>(_serializer.FromBinary([0, 0], "brand-snapshot.v2"));

        Assert.Null(snapshot.Alerts);
        Assert.Equal(2, snapshot.Version);
        var restored = BrandAggregateCodec.Decode(snapshot.EncodedAggregate, snapshot.Version);
        Assert.Empty(restored.MinuteBuckets);
        Assert.Empty(restored.Influence.DayPanes);
    }

    [Fact]
    public void A_snapshot_writes_each_segment_value_once_however_many_buckets_count_it()
    {
        var aggregate = new BrandAggregate();
        var minute = EventTime.MinuteOf(At);
        aggregate.Apply(new BrandDelta(Enumerable.Range(0, 90)
            .Select(i => new MinuteDelta(minute - i, 1, 10, 0, [new SegmentCount(SegmentDimension.Concept, "überpreis ✓", 1), new SegmentCount(SegmentDimension.Country, "DE", 1)], []))
            .ToList()));

        var encoded = BrandAggregateCodec.Encode(aggregate);

        Assert.Equal(1, Occurrences("überpreis ✓", encoded));
        var restored = BrandAggregateCodec.Decode(encoded);
        AssertSameBuckets(aggregate.MinuteBuckets, restored.MinuteBuckets);
        AssertSameBuckets(aggregate.HourBuckets, restored.HourBuckets);
        Assert.Equal(90, restored.Segments(SegmentDimension.Concept, TimeWindow.OneDay, At).Single().Mentions);
    }

    [Fact]
    public void A_snapshot_writes_each_author_and_hashtag_once_however_many_panes_keep_it()
    {
        var aggregate = new BrandAggregate();
        var minute = EventTime.MinuteOf(At);
        aggregate.Apply(new BrandDelta(Enumerable.Range(0, 90)
            .Select(i => new MinuteDelta(minute - i, 2, 300, 0, [], [])
            {
                Authors = [new AuthorContribution("x/@ana_ümlaut", new AuthorTally(1, 200, 0, 1, 0)), new AuthorContribution("x/@bo", new AuthorTally(1, 100, 0, 0, 1))],
                Hashtags = [new TermContribution("#überpreis", 2)],
            })
            .ToList()));

        var encoded = BrandAggregateCodec.Encode(aggregate);

        foreach (var name in new[] { "x/@ana_ümlaut", "x/@bo", "#überpreis" })
        {
            Assert.Equal(1, Occurrences(name, encoded));
        }

        var restored = BrandAggregateCodec.Decode(encoded);
        foreach (var window in TimeWindow.All)
        {
            foreach (var by in new[] { TallyWeight.Mentions, TallyWeight.Reach, TallyWeight.Engagement })
            {
                Assert.Equal(aggregate.Influence.TopAuthors(window, by, 10, At), restored.Influence.TopAuthors(window, by, 10, At));
            }

            Assert.Equal(aggregate.Influence.Hashtags(window, At), restored.Influence.Hashtags(window, At));
        }

        Assert.Equal(90 * 200, restored.Influence.TopAuthors(TimeWindow.OneDay, TallyWeight.Reach, 10, At).First(a => a.Author == "x/@ana_ümlaut").Tally.Reach);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_snapshot_restores_every_pane_entry_for_entry_those_it_seals_at_once_included(bool stored)
    {
        // Three weeks of hours with authors and hashtags, most of them in panes the restored brand seals at once.
        var random = new Random(11);
        var aggregate = new BrandAggregate();
        var newest = EventTime.MinuteOf(At);
        aggregate.Apply(new BrandDelta(Enumerable.Range(0, 21 * 24)
            .Select(h => new MinuteDelta(newest - (h * 60) - random.Next(60), 3, 300, 0, [], [])
            {
                Authors = [.. Enumerable.Range(0, 3).Select(_ => new AuthorContribution($"x/@fan{random.Next(40)}ü", new AuthorTally(1, random.Next(1, 5_000), random.Next(0, 9), random.Next(0, 2), 0)))],
                Hashtags = [new TermContribution($"#tag{random.Next(70)}", random.Next(1, 4))],
            })
            .ToList()));
        aggregate.Seal();

        var directory = Directory.CreateTempSubdirectory("streamengine-snapshot-panes-");
        try
        {
            using var history = stored ? HistoryStore.Open(directory.FullName) : null;
            var restored = BrandAggregateCodec.Decode(BrandAggregateCodec.Encode(aggregate), history: history);

            Assert.True(aggregate.Influence.DayPanes.Count() >= 21, "the brand should keep three weeks of day panes");
            AssertSamePanes(aggregate.Influence.MinutePanes, restored.Influence.MinutePanes);
            AssertSamePanes(aggregate.Influence.HourPanes, restored.Influence.HourPanes);
            AssertSamePanes(aggregate.Influence.DayPanes, restored.Influence.DayPanes);
            restored.Release();
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    // Entry for entry and in order: which entry a full ranking evicts next depends on it.
    private static void AssertSamePanes(IEnumerable<InfluencePane> expected, IEnumerable<InfluencePane> actual)
    {
        static string Entries(InfluencePane pane) => string.Join(
            " | ",
            [
                pane.Period.ToString(CultureInfo.InvariantCulture),
                .. new[] { pane.ByMentions, pane.ByReach, pane.ByEngagement }.Select(r => string.Join(", ", r.Entries.ToArray().Select(e => $"{e.Key} {e.Tally} {e.Error}"))),
                string.Join(", ", pane.Hashtags.Entries.ToArray().Select(e => $"{e.Key} {e.Tally.Count} {e.Error}")),
            ]);

        Assert.Equal(expected.OrderBy(p => p.Period).Select(Entries), actual.OrderBy(p => p.Period).Select(Entries));
    }

    [Fact]
    public void A_snapshot_of_the_third_format_still_reads()
    {
        // Version 3 as it was written: each bucket's segment values spelt out in it, no table before the buckets.
        var minute = EventTime.MinuteOf(At) - 5;
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            w.Write7BitEncodedInt(1);
            w.Write7BitEncodedInt64(minute);
            foreach (var figure in new long[] { 4, 400, 40 })
            {
                w.Write7BitEncodedInt64(figure);
            }

            BrandDeltaCodec.WriteSentiment(w, new SentimentTally(3, 1, 0, 0, 1.5));
            BrandDeltaCodec.WriteSentimentReach(w, new SentimentReach(300, 100, 0));
            w.Write7BitEncodedInt64(2);
            BrandDeltaCodec.WriteSegments(w, [(SegmentDimension.Country, "DE", 3), (SegmentDimension.Concept, "delivery", 4)], 2);
            w.Write((byte)0);
            BrandDeltaCodec.WriteSortedEntries(w, new[] { Entry("ana"), Entry("bo") }.Order().ToArray().AsSpan());
            w.Write7BitEncodedInt(0);

            // Minute panes with their names spelt out, one of them old enough for the restored brand to seal at once;
            // no hour or day panes.
            w.Write7BitEncodedInt(2);
            foreach (var (period, author) in new[] { (minute, "x/@ana"), (minute - 30, "x/@bo") })
            {
                w.Write7BitEncodedInt64(period);
                for (var ranking = 0; ranking < 3; ranking++)
                {
                    w.Write7BitEncodedInt(1);
                    w.Write(author);
                    foreach (var figure in new long[] { 1, 100, 7, 1, 0, 0 })
                    {
                        w.Write7BitEncodedInt64(figure);
                    }
                }

                w.Write7BitEncodedInt(1);
                w.Write("#late");
                w.Write7BitEncodedInt64(2);
                w.Write7BitEncodedInt64(0);
            }

            w.Write7BitEncodedInt(0);
            w.Write7BitEncodedInt(0);
        }

        var snapshot = Assert.IsType<BrandSnapshot>(RoundTrip(new BrandSnapshot(stream.ToArray(), Version: 3)));
        var restored = BrandAggregateCodec.Decode(snapshot.EncodedAggregate, snapshot.Version);

        Assert.Equal(3, snapshot.Version);
        var bucket = Assert.Single(restored.MinuteBuckets);
        Assert.Equal((minute, 4L, 400L, 40L, 2L), (bucket.Period, bucket.Mentions, bucket.Reach, bucket.Engagement, bucket.CompetitorMentions));
        Assert.Equal(
            [new KeyValuePair<SegmentKey, long>(new SegmentKey(SegmentDimension.Country, "DE"), 3), new(new SegmentKey(SegmentDimension.Concept, "delivery"), 4)],
            bucket.Segments.OrderBy(s => s.Key.Dimension));
        Assert.Equal(2, restored.Summary(TimeWindow.OneHour, At).UniqueAuthors);
        Assert.Equal(
            [(minute - 30, "x/@bo", 100L, "#late"), (minute, "x/@ana", 100L, "#late")],
            restored.Influence.MinutePanes.OrderBy(p => p.Period).Select(p => (p.Period, p.ByReach.Entries[0].Key, p.ByReach.Entries[0].Tally.Reach, p.Hashtags.Entries[0].Key)));
    }

    [Fact]
    public void A_snapshot_naming_a_segment_value_outside_its_table_is_refused()
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            w.Write7BitEncodedInt(1);
            w.Write((byte)SegmentDimension.Country);
            w.Write("DE");
            w.Write7BitEncodedInt(1);
            w.Write7BitEncodedInt64(EventTime.MinuteOf(At));
            foreach (var figure in new long[] { 1, 0, 0 })
            {
                w.Write7BitEncodedInt64(figure);
            }

            BrandDeltaCodec.WriteSentiment(w, default);
            BrandDeltaCodec.WriteSentimentReach(w, default);
            w.Write7BitEncodedInt64(0);
            w.Write7BitEncodedInt(1);
            w.Write7BitEncodedInt(1);
            w.Write7BitEncodedInt64(1);
        }

        var ex = Assert.Throws<InvalidDataException>(() => BrandAggregateCodec.Decode(stream.ToArray(), 4));

        Assert.Contains("segment value 1 of a table of 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_snapshot_of_a_later_format_is_refused_with_the_versions_this_engine_reads()
    {
        var ex = Assert.Throws<InvalidDataException>(() => BrandAggregateCodec.Decode([0, 0], BrandAggregateCodec.CurrentVersion + 1));

        Assert.Contains($"version {BrandAggregateCodec.CurrentVersion + 1}", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>How many times <paramref name="text"/>'s UTF-8 bytes appear in <paramref name="encoded"/>.</summary>
    private static int Occurrences(string text, byte[] encoded)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        return Enumerable.Range(0, encoded.Length - bytes.Length + 1).Count(i => encoded.AsSpan(i, bytes.Length).SequenceEqual(bytes));
    }

    private static string Describe(Alert a) =>
        $"{a with { Drivers = [] }} drivers: {string.Join("; ", a.Drivers)}";

    [Fact]
    public void An_empty_aggregate_survives_a_snapshot()
    {
        var snapshot = Assert.IsType<BrandSnapshot>(RoundTrip(new BrandSnapshot(BrandAggregateCodec.Encode(new BrandAggregate()))));

        var restored = BrandAggregateCodec.Decode(snapshot.EncodedAggregate);

        Assert.Empty(restored.MinuteBuckets);
        Assert.Empty(restored.HourBuckets);
        Assert.Equal(new BrandFigures(0, 0, 0, 0), restored.Summary(TimeWindow.ThirtyDays, At));
    }

    private static void AssertSameBuckets(IEnumerable<MentionBucket> expected, IEnumerable<MentionBucket> actual)
    {
        var e = expected.OrderBy(b => b.Period).ToList();
        var a = actual.OrderBy(b => b.Period).ToList();
        Assert.Equal(e.Select(b => b.Period), a.Select(b => b.Period));
        for (var i = 0; i < e.Count; i++)
        {
            Assert.Equal(e[i].Mentions, a[i].Mentions);
            Assert.Equal(e[i].Reach, a[i].Reach);
            Assert.Equal(e[i].Engagement, a[i].Engagement);
            Assert.Equal(e[i].Sentiment, a[i].Sentiment);
            Assert.Equal(e[i].SentimentReach, a[i].SentimentReach);
            Assert.Equal(e[i].CompetitorMentions, a[i].CompetitorMentions);
            Assert.Equal(
                e[i].Segments.OrderBy(s => s.Key.Dimension).ThenBy(s => s.Key.Value, StringComparer.Ordinal),
                a[i].Segments.OrderBy(s => s.Key.Dimension).ThenBy(s => s.Key.Value, StringComparer.Ordinal));
            Assert.Equal(e[i].Authors.IsDense, a[i].Authors.IsDense);
            Assert.Equal(e[i].Authors.SparseEntries.ToArray(), a[i].Authors.SparseEntries.ToArray());
            Assert.Equal(e[i].Authors.DenseRegisters.ToArray(), a[i].Authors.DenseRegisters.ToArray());
            Assert.Equal(e[i].Authors.Estimate(), a[i].Authors.Estimate());
        }
    }

    [Fact]
    public void An_unknown_manifest_is_refused_with_a_SerializationException_naming_it()
    {
        var bytes = _serializer.ToBinary(new MentionsRecorded(HandMadeDelta()));

        var ex = Assert.Throws<SerializationException>(() => _serializer.FromBinary(bytes, "mentions-recorded.v9"));

        Assert.Contains("mentions-recorded.v9", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Manifest_of_an_object_that_is_not_brand_state_throws_ArgumentException()
    {
        Assert.Throws<ArgumentException>(() => _serializer.Manifest("not brand state"));
        Assert.Throws<ArgumentException>(() => _serializer.Manifest(new RecordMentions("acme", new BrandDelta([]))));
    }

    [Fact]
    public void ToBinary_of_an_object_that_is_not_brand_state_throws_ArgumentException()
    {
        Assert.Throws<ArgumentException>(() => _serializer.ToBinary(new MentionsAcknowledged("acme", 1)));
    }

    [Fact]
    public void A_count_larger_than_the_remaining_bytes_is_refused_rather_than_allocated()
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            w.Write7BitEncodedInt(1_000_000);
        }

        Assert.Throws<InvalidDataException>(() => _serializer.FromBinary(stream.ToArray(), "mentions-recorded.v1"));
    }

    [Fact]
    public void An_unknown_segment_dimension_is_refused()
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            w.Write7BitEncodedInt(1);
            w.Write7BitEncodedInt64(EventTime.MinuteOf(At));
            w.Write7BitEncodedInt64(1);
            w.Write7BitEncodedInt64(0);
            w.Write7BitEncodedInt64(0);
            w.Write7BitEncodedInt(1);
            w.Write((byte)99);
            w.Write("mystery");
            w.Write7BitEncodedInt64(1);
            w.Write7BitEncodedInt(0);
        }

        var ex = Assert.Throws<InvalidDataException>(() => _serializer.FromBinary(stream.ToArray(), "mentions-recorded.v1"));
        Assert.Contains("99", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_journaled_by_the_first_format_still_reads_with_an_empty_sentiment_tally()
    {
        // Version 1 as it was written: minutes, then per minute the counters, segments and author gaps, no sentiment.
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            w.Write7BitEncodedInt(1);
            w.Write7BitEncodedInt64(29_000_000);
            w.Write7BitEncodedInt64(2);
            w.Write7BitEncodedInt64(150);
            w.Write7BitEncodedInt64(9);
            w.Write7BitEncodedInt(1);
            w.Write((byte)SegmentDimension.Country);
            w.Write("DE");
            w.Write7BitEncodedInt64(2);
            w.Write7BitEncodedInt(2);
            w.Write7BitEncodedInt(40);
            w.Write7BitEncodedInt(2);
        }

        var recorded = Assert.IsType<MentionsRecorded>(_serializer.FromBinary(stream.ToArray(), "mentions-recorded.v1"));

        var minute = Assert.Single(recorded.Delta.Minutes);
        Assert.Equal((29_000_000L, 2L, 150L, 9L), (minute.Minute, minute.Mentions, minute.Reach, minute.Engagement));
        Assert.Equal(new SegmentCount(SegmentDimension.Country, "DE", 2), Assert.Single(minute.Segments));
        Assert.Equal([40u, 42u], minute.AuthorEntries);
        Assert.Equal(default, minute.Sentiment);
    }
}
