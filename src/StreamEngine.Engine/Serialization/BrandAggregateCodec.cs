using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Sketches;

namespace StreamEngine.Engine.Serialization;

/// <summary>
/// Binary form of a whole <see cref="BrandAggregate"/> (a snapshot); versions 1 to 3 as in
/// <see cref="BrandDeltaCodec"/>. Version 4 writes each segment value once, in a table before the
/// buckets, which then name values by their place in it: a brand's buckets count the same few
/// dozen values over and over, and a month of them spelt each value out tens of thousands of times.
/// The influence panes do the same with their authors and hashtags (<see cref="InfluenceCodec"/>).
/// </summary>
public static class BrandAggregateCodec
{
    private const byte SparseSketch = 0;
    private const byte DenseSketch = 1;

    public static byte[] Encode(BrandAggregate aggregate)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            var minutes = aggregate.MinuteBuckets.ToList();
            var hours = aggregate.HourBuckets.ToList();
            var values = SegmentValues(minutes.Concat(hours));
            w.Write7BitEncodedInt(values.Count);
            foreach (var (key, _) in values.OrderBy(v => v.Value))
            {
                w.Write((byte)key.Dimension);
                w.Write(key.Value);
            }

            WriteBuckets(w, minutes, values);
            WriteBuckets(w, hours, values);
            InfluenceCodec.WriteInfluence(w, aggregate.Influence);
        }

        return stream.ToArray();
    }

    public const int CurrentVersion = 4;

    /// <summary>The aggregate a snapshot holds; with a <paramref name="history"/> store its sealed history is written there.</summary>
    public static BrandAggregate Decode(byte[] bytes, int version = CurrentVersion, HistoryStore? history = null)
    {
        if (version is < 1 or > CurrentVersion)
        {
            throw new InvalidDataException($"a snapshot of aggregate version {version}, which this engine does not read (it reads 1 to {CurrentVersion})");
        }

        var r = new BinaryFormReader(bytes);
        var values = version >= 4 ? new SegmentValueTable(ReadSegmentValues(r)) : null;
        var minutes = ReadBuckets(r, version, values);
        var hours = ReadBuckets(r, version, values);
        // The newest minute decides which panes the restored brand seals at once: from version 4 those are read sealed.
        var influence = version >= 3 ? InfluenceCodec.ReadInfluence(r, version, history, BrandAggregate.NewestMinuteOf(minutes)) : null;
        return BrandAggregate.Restore(minutes, hours, influence, history);
    }

    /// <summary>Every segment value the buckets count, each with its place in the table, in the order first met.</summary>
    private static Dictionary<SegmentKey, int> SegmentValues(IEnumerable<MentionBucket> buckets)
    {
        var values = new Dictionary<SegmentKey, int>();
        foreach (var bucket in buckets)
        {
            foreach (var (key, _) in bucket.Segments)
            {
                values.TryAdd(key, values.Count);
            }
        }

        return values;
    }

    private static SegmentKey[] ReadSegmentValues(BinaryFormReader r)
    {
        var values = new SegmentKey[BrandDeltaCodec.ReadCount(r)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = new SegmentKey(BrandDeltaCodec.ReadDimension(r), r.ReadString());
        }

        return values;
    }

    private static void WriteBuckets(BinaryWriter w, List<MentionBucket> buckets, Dictionary<SegmentKey, int> values)
    {
        w.Write7BitEncodedInt(buckets.Count);
        foreach (var b in buckets)
        {
            w.Write7BitEncodedInt64(b.Period);
            w.Write7BitEncodedInt64(b.Mentions);
            w.Write7BitEncodedInt64(b.Reach);
            w.Write7BitEncodedInt64(b.Engagement);
            BrandDeltaCodec.WriteSentiment(w, b.Sentiment);
            BrandDeltaCodec.WriteSentimentReach(w, b.SentimentReach);
            w.Write7BitEncodedInt64(b.CompetitorMentions);
            w.Write7BitEncodedInt(b.Segments.Count);
            foreach (var (key, mentions) in b.Segments)
            {
                w.Write7BitEncodedInt(values[key]);
                w.Write7BitEncodedInt64(mentions);
            }

            if (b.Authors.IsDense)
            {
                w.Write(DenseSketch);
                w.Write(b.Authors.DenseRegisters);
            }
            else
            {
                w.Write(SparseSketch);
                BrandDeltaCodec.WriteSortedEntries(w, b.Authors.SparseEntries);
            }
        }
    }

    private static List<MentionBucket> ReadBuckets(BinaryFormReader r, int version, SegmentValueTable? values)
    {
        var count = BrandDeltaCodec.ReadCount(r);
        var buckets = new List<MentionBucket>(count);
        (int Place, long Mentions)[] places = [];
        for (var i = 0; i < count; i++)
        {
            var period = r.Read7BitEncodedInt64();
            var mentions = r.Read7BitEncodedInt64();
            var reach = r.Read7BitEncodedInt64();
            var engagement = r.Read7BitEncodedInt64();
            var sentiment = version >= 2 ? BrandDeltaCodec.ReadSentiment(r) : default;
            var sentimentReach = version >= 3 ? BrandDeltaCodec.ReadSentimentReach(r) : default;
            var competitorMentions = version >= 3 ? r.Read7BitEncodedInt64() : 0;
            var spelt = values is null ? BrandDeltaCodec.ReadSegments(r) : null;
            var placed = values is null ? 0 : ReadPlaces(r, values.Count, ref places);
            UniqueAuthorSketch authors;
            switch (r.ReadByte())
            {
                case DenseSketch:
                    authors = UniqueAuthorSketch.FromDense(r.ReadSpan(UniqueAuthorSketch.DenseRegisterCount));
                    break;
                case SparseSketch:
                    authors = new UniqueAuthorSketch();
                    foreach (var entry in BrandDeltaCodec.ReadSortedEntries(r))
                    {
                        authors.Add(entry);
                    }

                    break;
                case var kind:
                    throw new InvalidDataException($"unknown author sketch kind {kind}");
            }

            buckets.Add(values is null
                ? MentionBucket.Restore(period, mentions, reach, engagement, sentiment, spelt!, authors, sentimentReach, competitorMentions)
                : MentionBucket.Restore(period, mentions, reach, engagement, sentiment, values, places.AsSpan(0, placed), authors, sentimentReach, competitorMentions));
        }

        return buckets;
    }

    /// <summary>A bucket's segments as places in the snapshot's table and mentions, into <paramref name="places"/> (grown as needed); how many.</summary>
    private static int ReadPlaces(BinaryFormReader r, int tableSize, ref (int Place, long Mentions)[] places)
    {
        var count = BrandDeltaCodec.ReadCount(r);
        if (places.Length < count)
        {
            places = new (int, long)[Math.Max(count, places.Length * 2)];
        }

        for (var i = 0; i < count; i++)
        {
            var at = r.Read7BitEncodedInt();
            if ((uint)at >= (uint)tableSize)
            {
                throw new InvalidDataException($"segment value {at} of a table of {tableSize}");
            }

            places[i] = (at, r.Read7BitEncodedInt64());
        }

        return count;
    }
}
