using System.Text;
using StreamEngine.Domain.Aggregates;

namespace StreamEngine.Engine.Serialization;

/// <summary>
/// Binary form of a <see cref="BrandDelta"/>. Integers are 7-bit varints; author entries are sorted,
/// so they are stored as gaps, which keeps a busy minute's authors small. Version 2 added the
/// sentiment tally after engagement; version 3 the leading authors, hashtags and sentiment reach
/// and competitors' mentions after the author entries, and the threat sightings after the minutes. Older data reads with
/// those empty.
/// </summary>
internal static class BrandDeltaCodec
{
    public const int CurrentVersion = 3;

    public static void Write(BinaryWriter w, BrandDelta delta)
    {
        w.Write7BitEncodedInt(delta.Minutes.Count);
        foreach (var m in delta.Minutes)
        {
            w.Write7BitEncodedInt64(m.Minute);
            w.Write7BitEncodedInt64(m.Mentions);
            w.Write7BitEncodedInt64(m.Reach);
            w.Write7BitEncodedInt64(m.Engagement);
            WriteSentiment(w, m.Sentiment);
            WriteSegments(w, m.Segments.Select(s => (s.Dimension, s.Value, s.Mentions)), m.Segments.Count);
            WriteSortedEntries(w, m.AuthorEntries);
            InfluenceCodec.WriteContributions(w, m.Authors, m.Hashtags);
            WriteSentimentReach(w, m.SentimentReach);
            w.Write7BitEncodedInt64(m.CompetitorMentions);
        }

        ThreatCodec.Write(w, delta.Threats);
    }

    public static void WriteSentimentReach(BinaryWriter w, SentimentReach reach)
    {
        w.Write7BitEncodedInt64(reach.Positive);
        w.Write7BitEncodedInt64(reach.Neutral);
        w.Write7BitEncodedInt64(reach.Negative);
    }

    public static SentimentReach ReadSentimentReach(BinaryFormReader r) =>
        new(r.Read7BitEncodedInt64(), r.Read7BitEncodedInt64(), r.Read7BitEncodedInt64());

    public static BrandDelta Read(BinaryFormReader r, int version)
    {
        var minutes = new MinuteDelta[ReadCount(r)];
        for (var i = 0; i < minutes.Length; i++)
        {
            var minute = r.Read7BitEncodedInt64();
            var mentions = r.Read7BitEncodedInt64();
            var reach = r.Read7BitEncodedInt64();
            var engagement = r.Read7BitEncodedInt64();
            var sentiment = version >= 2 ? ReadSentiment(r) : default;
            var segments = ReadSegmentCounts(r);
            var entries = ReadSortedEntries(r);
            if (version < 3)
            {
                minutes[i] = new MinuteDelta(minute, mentions, reach, engagement, segments, entries, sentiment);
                continue;
            }

            var (authors, hashtags) = InfluenceCodec.ReadContributions(r);
            minutes[i] = new MinuteDelta(minute, mentions, reach, engagement, segments, entries, sentiment)
            {
                Authors = authors,
                Hashtags = hashtags,
                SentimentReach = ReadSentimentReach(r),
                CompetitorMentions = r.Read7BitEncodedInt64(),
            };
        }

        return new BrandDelta(minutes) { Threats = version >= 3 ? ThreatCodec.Read(r) : [] };
    }

    public static void WriteSentiment(BinaryWriter w, SentimentTally tally)
    {
        w.Write7BitEncodedInt64(tally.Positive);
        w.Write7BitEncodedInt64(tally.Neutral);
        w.Write7BitEncodedInt64(tally.Negative);
        w.Write7BitEncodedInt64(tally.Unscored);
        w.Write(tally.CompoundSum);
    }

    public static SentimentTally ReadSentiment(BinaryFormReader r) =>
        new(r.Read7BitEncodedInt64(), r.Read7BitEncodedInt64(), r.Read7BitEncodedInt64(), r.Read7BitEncodedInt64(), r.ReadDouble());

    public static void WriteSegments(BinaryWriter w, IEnumerable<(SegmentDimension Dimension, string Value, long Mentions)> segments, int count)
    {
        w.Write7BitEncodedInt(count);
        foreach (var (dimension, value, mentions) in segments)
        {
            w.Write((byte)dimension);
            w.Write(value);
            w.Write7BitEncodedInt64(mentions);
        }
    }

    // Straight into the delta's array: every replayed event reads one per minute.
    private static SegmentCount[] ReadSegmentCounts(BinaryFormReader r)
    {
        var segments = new SegmentCount[ReadCount(r)];
        for (var i = 0; i < segments.Length; i++)
        {
            var dimension = ReadDimension(r);
            segments[i] = new SegmentCount(dimension, ReadSegmentValue(r, dimension), r.Read7BitEncodedInt64());
        }

        return segments;
    }

    /// <summary>A segment value, as the string already counted for it when there is one.</summary>
    private static string ReadSegmentValue(BinaryFormReader r, SegmentDimension dimension)
    {
        const int Short = 64;
        var utf8 = r.ReadSpan(r.Read7BitEncodedInt());
        if (utf8.Length > Short)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        // UTF-8 takes at least a byte per UTF-16 unit.
        Span<char> chars = stackalloc char[Short];
        return SegmentCount.ValueOf(dimension, chars[..Encoding.UTF8.GetChars(utf8, chars)]);
    }

    public static SegmentDimension ReadDimension(BinaryFormReader r)
    {
        var dimension = (SegmentDimension)r.ReadByte();
        return Enum.IsDefined(dimension) ? dimension : throw new InvalidDataException($"unknown segment dimension {(byte)dimension}");
    }

    /// <summary>Segments as <see cref="WriteSegments"/> wrote them: a snapshot's buckets before version 4, a breakdown sent between nodes.</summary>
    public static KeyValuePair<SegmentKey, long>[] ReadSegments(BinaryFormReader r)
    {
        var segments = new KeyValuePair<SegmentKey, long>[ReadCount(r)];
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = new(new SegmentKey(ReadDimension(r), r.ReadString()), r.Read7BitEncodedInt64());
        }

        return segments;
    }

    public static void WriteSortedEntries(BinaryWriter w, IReadOnlyList<uint> entries)
    {
        w.Write7BitEncodedInt(entries.Count);
        uint previous = 0;
        foreach (var e in entries)
        {
            w.Write7BitEncodedInt((int)(e - previous));
            previous = e;
        }
    }

    public static void WriteSortedEntries(BinaryWriter w, ReadOnlySpan<uint> entries)
    {
        w.Write7BitEncodedInt(entries.Length);
        uint previous = 0;
        foreach (var e in entries)
        {
            w.Write7BitEncodedInt((int)(e - previous));
            previous = e;
        }
    }

    public static uint[] ReadSortedEntries(BinaryFormReader r)
    {
        var entries = new uint[ReadCount(r)];
        uint previous = 0;
        for (var i = 0; i < entries.Length; i++)
        {
            previous += (uint)r.Read7BitEncodedInt();
            entries[i] = previous;
        }

        return entries;
    }

    public static int ReadCount(BinaryFormReader r)
    {
        var count = r.Read7BitEncodedInt();
        return count >= 0 && count <= r.Remaining
            ? count
            : throw new InvalidDataException($"a count of {count} does not fit the remaining {r.Remaining} bytes");
    }
}
