using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Sketches;

namespace StreamEngine.Engine.Serialization;

/// <summary>Binary form of a whole <see cref="BrandAggregate"/> (a snapshot); versions as in <see cref="BrandDeltaCodec"/>.</summary>
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
            WriteBuckets(w, aggregate.MinuteBuckets.ToList());
            WriteBuckets(w, aggregate.HourBuckets.ToList());
            InfluenceCodec.WriteInfluence(w, aggregate.Influence);
        }

        return stream.ToArray();
    }

    public const int CurrentVersion = BrandDeltaCodec.CurrentVersion;

    /// <summary>The aggregate a snapshot holds; with a <paramref name="history"/> store its sealed history is written there.</summary>
    public static BrandAggregate Decode(byte[] bytes, int version = CurrentVersion, HistoryStore? history = null)
    {
        var r = new BinaryFormReader(bytes);
        var minutes = ReadBuckets(r, version);
        var hours = ReadBuckets(r, version);
        return BrandAggregate.Restore(minutes, hours, version >= 3 ? InfluenceCodec.ReadInfluence(r, history) : null, history);
    }

    private static void WriteBuckets(BinaryWriter w, List<MentionBucket> buckets)
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
            BrandDeltaCodec.WriteSegments(w, b.Segments.Select(s => (s.Key.Dimension, s.Key.Value, s.Value)), b.Segments.Count);
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

    private static List<MentionBucket> ReadBuckets(BinaryFormReader r, int version)
    {
        var count = BrandDeltaCodec.ReadCount(r);
        var buckets = new List<MentionBucket>(count);
        for (var i = 0; i < count; i++)
        {
            var period = r.Read7BitEncodedInt64();
            var mentions = r.Read7BitEncodedInt64();
            var reach = r.Read7BitEncodedInt64();
            var engagement = r.Read7BitEncodedInt64();
            var sentiment = version >= 2 ? BrandDeltaCodec.ReadSentiment(r) : default;
            var sentimentReach = version >= 3 ? BrandDeltaCodec.ReadSentimentReach(r) : default;
            var competitorMentions = version >= 3 ? r.Read7BitEncodedInt64() : 0;
            var segments = BrandDeltaCodec.ReadSegments(r)
                .Select(s => new KeyValuePair<SegmentKey, long>(new SegmentKey(s.Dimension, s.Value), s.Mentions));
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

            buckets.Add(MentionBucket.Restore(period, mentions, reach, engagement, sentiment, segments, authors, sentimentReach, competitorMentions));
        }

        return buckets;
    }
}
