using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Competition;
using StreamEngine.Domain.Influence;
using StreamEngine.Domain.Sketches;
using StreamEngine.Engine.Brands;
using StreamEngine.Engine.Ingest;

namespace StreamEngine.Engine.Serialization;

/// <summary>
/// Serializes the messages that cross nodes on their way to and from brand shards: the ingest
/// batches, their acknowledgements, and the dashboard queries and answers. Versioned manifests,
/// as for persisted state; an unknown one is refused.
/// </summary>
public sealed class BrandMessageSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int SerializerId = 7302;

    private static readonly Dictionary<Type, string> Manifests = new()
    {
        [typeof(RecordMentions)] = "record-mentions.v3",
        [typeof(MentionsAcknowledged)] = "mentions-acknowledged.v1",
        [typeof(FirehoseReachedMinute)] = "firehose-reached-minute.v1",
        [typeof(GetBrandSummary)] = "get-summary.v1",
        [typeof(BrandSummary)] = "summary.v2",
        [typeof(GetBrandTimeseries)] = "get-timeseries.v1",
        [typeof(BrandTimeseries)] = "timeseries.v2",
        [typeof(GetBrandSegments)] = "get-segments.v1",
        [typeof(BrandSegments)] = "segments.v1",
        [typeof(GetBrandStanding)] = "get-standing.v1",
        [typeof(BrandStandingReply)] = "standing.v2",
        [typeof(GetBrandInfluencers)] = "get-influencers.v1",
        [typeof(BrandInfluencers)] = "influencers.v1",
        [typeof(GetBrandTrending)] = "get-trending.v1",
        [typeof(BrandTrending)] = "trending.v1",
        [typeof(GetBrandAlerts)] = "get-alerts.v1",
        [typeof(BrandAlerts)] = "alerts.v1",
        [typeof(GetBrandReport)] = "get-report.v1",
        [typeof(BrandReportParts)] = "report.v1",
        [typeof(AlertPublished)] = "alert-published.v1",
        [typeof(BrandRecoveryFailed)] = "brand-recovery-failed.v1",
        [typeof(ModelPublished)] = "model-published.v2",
        [typeof(ModelAsked)] = "model-asked.v1",
    };

    public override int Identifier => SerializerId;

    public override string Manifest(object o) =>
        Manifests.TryGetValue(o?.GetType() ?? typeof(object), out var manifest)
            ? manifest
            : throw new ArgumentException($"{o?.GetType()} is not a brand message this serializer writes", nameof(o));

    public override byte[] ToBinary(object obj)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            switch (obj)
            {
                case RecordMentions m: w.Write(m.BrandId); w.Write(m.WriteBy?.UtcTicks ?? 0); BrandDeltaCodec.Write(w, m.Delta); break;
                case MentionsAcknowledged m: w.Write(m.BrandId); w.Write7BitEncodedInt64(m.Mentions); break;
                case FirehoseReachedMinute m: w.Write(m.BrandId); w.Write7BitEncodedInt64(m.Minute); break;
                case GetBrandSummary m: w.Write(m.BrandId); w.Write(m.Window.Name); break;
                case BrandSummary m: w.Write(m.BrandId); w.Write(m.Window.Name); w.Write(m.AsOf.UtcTicks); WriteFigures(w, m.Figures); break;
                case GetBrandTimeseries m: w.Write(m.BrandId); w.Write(m.Window.Name); w.Write((byte)m.Step); break;
                case BrandTimeseries m:
                    w.Write(m.BrandId); w.Write(m.Window.Name); w.Write((byte)m.Step);
                    w.Write7BitEncodedInt(m.Points.Count);
                    foreach (var p in m.Points)
                    {
                        w.Write(p.Start.UtcTicks);
                        WriteFigures(w, p.Figures);
                    }

                    break;
                case GetBrandSegments m: w.Write(m.BrandId); w.Write((byte)m.Dimension); w.Write(m.Window.Name); break;
                case BrandSegments m:
                    w.Write(m.BrandId); w.Write((byte)m.Dimension); w.Write(m.Window.Name); w.Write7BitEncodedInt64(m.Mentions);
                    BrandDeltaCodec.WriteSegments(w, m.Segments.Select(s => (m.Dimension, s.Value, s.Mentions)), m.Segments.Count);
                    w.Write7BitEncodedInt(m.Aspects.Count);
                    foreach (var (concept, tally) in m.Aspects)
                    {
                        w.Write(concept);
                        BrandDeltaCodec.WriteSentiment(w, tally);
                    }

                    break;
                case GetBrandStanding m: w.Write(m.BrandId); w.Write(m.Window.Name); break;
                case BrandStandingReply m:
                    w.Write(m.Standing.BrandId); WriteFigures(w, m.Standing.Figures);
                    w.Write7BitEncodedInt(m.Standing.ConceptMentions.Count);
                    foreach (var (concept, mentions) in m.Standing.ConceptMentions)
                    {
                        w.Write(concept);
                        w.Write7BitEncodedInt64(mentions);
                    }

                    break;
                case GetBrandInfluencers m: w.Write(m.BrandId); w.Write(m.Window.Name); w.Write((byte)m.By); w.Write7BitEncodedInt(m.Limit); break;
                case BrandInfluencers m:
                    w.Write(m.BrandId); w.Write(m.Window.Name); w.Write((byte)m.By);
                    InfluenceCodec.WriteContributions(w, m.Authors, []);
                    break;
                case GetBrandTrending m: w.Write(m.BrandId); w.Write(m.Window.Name); break;
                case BrandTrending m:
                    w.Write(m.BrandId); w.Write(m.Window.Name);
                    w.Write7BitEncodedInt(m.Items.Count);
                    foreach (var t in m.Items)
                    {
                        w.Write((byte)t.Kind); w.Write(t.Value); w.Write7BitEncodedInt64(t.Observed); w.Write(t.Expected); w.Write(t.Lift);
                    }

                    break;
                case GetBrandAlerts m: w.Write(m.BrandId); w.Write(m.Since.UtcTicks); break;
                case BrandAlerts m: w.Write(m.BrandId); AlertCodec.Write(w, m.Alerts); break;
                case GetBrandReport m:
                    w.Write(m.BrandId); w.Write(m.Window.Name); w.Write((byte)m.Step);
                    w.Write7BitEncodedInt(m.Dimensions.Count);
                    foreach (var d in m.Dimensions)
                    {
                        w.Write((byte)d);
                    }

                    w.Write7BitEncodedInt(m.InfluencerLimit); w.Write(m.AlertsSince.UtcTicks);
                    break;
                case BrandReportParts m:
                    // Each part as its own answer is written, manifest and all, so the report follows their versions.
                    WritePart(w, m.Summary); WritePart(w, m.Timeseries);
                    w.Write7BitEncodedInt(m.Segments.Count);
                    foreach (var segments in m.Segments)
                    {
                        WritePart(w, segments);
                    }

                    WritePart(w, m.Standing); WritePart(w, m.Influencers); WritePart(w, m.Alerts);
                    break;
                case AlertPublished m: AlertCodec.Write(w, m.Alert); break;
                case BrandRecoveryFailed m: w.Write(m.BrandId); w.Write(m.Cause); break;
                case ModelPublished m: w.Write(m.SourceText); w.Write(m.Origin); w.Write(m.SwappedAt.UtcTicks); break;
                case ModelAsked m: w.Write(m.Origin); break;
                default:
                    throw new ArgumentException($"{obj?.GetType()} is not a brand message this serializer writes", nameof(obj));
            }
        }

        return stream.ToArray();
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        var r = new BinaryFormReader(bytes);
        return manifest switch
        {
            "record-mentions.v3" => ReadRecordMentions(r),
            "record-mentions.v2" => new RecordMentions(r.ReadString(), BrandDeltaCodec.Read(r, BrandDeltaCodec.CurrentVersion)),
            "mentions-acknowledged.v1" => new MentionsAcknowledged(r.ReadString(), r.Read7BitEncodedInt64()),
            "firehose-reached-minute.v1" => new FirehoseReachedMinute(r.ReadString(), r.Read7BitEncodedInt64()),
            "get-summary.v1" => new GetBrandSummary(r.ReadString(), ReadWindow(r)),
            "summary.v2" => new BrandSummary(r.ReadString(), ReadWindow(r), new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero), ReadFigures(r)),
            "get-timeseries.v1" => new GetBrandTimeseries(r.ReadString(), ReadWindow(r), ReadStep(r)),
            "timeseries.v2" => ReadTimeseries(r),
            "get-segments.v1" => new GetBrandSegments(r.ReadString(), ReadDimension(r), ReadWindow(r)),
            "segments.v1" => ReadSegments(r),
            "get-standing.v1" => new GetBrandStanding(r.ReadString(), ReadWindow(r)),
            "standing.v2" => ReadStanding(r),
            "get-influencers.v1" => new GetBrandInfluencers(r.ReadString(), ReadWindow(r), ReadWeight(r), r.Read7BitEncodedInt()),
            "influencers.v1" => new BrandInfluencers(r.ReadString(), ReadWindow(r), ReadWeight(r), InfluenceCodec.ReadContributions(r).Authors),
            "get-trending.v1" => new GetBrandTrending(r.ReadString(), ReadWindow(r)),
            "trending.v1" => ReadTrending(r),
            "get-alerts.v1" => new GetBrandAlerts(r.ReadString(), new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero)),
            "alerts.v1" => new BrandAlerts(r.ReadString(), AlertCodec.ReadList(r)),
            "get-report.v1" => ReadGetReport(r),
            "report.v1" => ReadReport(r),
            "alert-published.v1" => new AlertPublished(AlertCodec.Read(r)),
            "brand-recovery-failed.v1" => new BrandRecoveryFailed(r.ReadString(), r.ReadString()),
            "model-published.v2" => new ModelPublished(r.ReadString(), r.ReadString(), new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero)),
            "model-asked.v1" => new ModelAsked(r.ReadString()),
            _ => throw new SerializationException($"unknown brand message manifest '{manifest}': sent by a newer version of the engine?"),
        };
    }

    private void WritePart(BinaryWriter w, object part)
    {
        w.Write(Manifest(part));
        var bytes = ToBinary(part);
        w.Write7BitEncodedInt(bytes.Length);
        w.Write(bytes);
    }

    private T ReadPart<T>(BinaryFormReader r)
    {
        var manifest = r.ReadString();
        var bytes = r.ReadBytes(BrandDeltaCodec.ReadCount(r));
        return FromBinary(bytes, manifest) is T part
            ? part
            : throw new InvalidDataException($"a report part written as '{manifest}' where a {typeof(T).Name} belongs");
    }

    private static GetBrandReport ReadGetReport(BinaryFormReader r)
    {
        var brand = r.ReadString();
        var window = ReadWindow(r);
        var step = ReadStep(r);
        var dimensions = new SegmentDimension[BrandDeltaCodec.ReadCount(r)];
        for (var i = 0; i < dimensions.Length; i++)
        {
            dimensions[i] = ReadDimension(r);
        }

        return new GetBrandReport(brand, window, step, dimensions, r.Read7BitEncodedInt(), new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero));
    }

    private BrandReportParts ReadReport(BinaryFormReader r)
    {
        var summary = ReadPart<BrandSummary>(r);
        var series = ReadPart<BrandTimeseries>(r);
        var segments = new BrandSegments[BrandDeltaCodec.ReadCount(r)];
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = ReadPart<BrandSegments>(r);
        }

        return new BrandReportParts(summary, series, segments, ReadPart<BrandStandingReply>(r), ReadPart<BrandInfluencers>(r), ReadPart<BrandAlerts>(r));
    }

    private static RecordMentions ReadRecordMentions(BinaryFormReader r)
    {
        var brand = r.ReadString();
        var writeBy = r.ReadInt64();
        return new RecordMentions(brand, BrandDeltaCodec.Read(r, BrandDeltaCodec.CurrentVersion), writeBy == 0 ? null : new DateTimeOffset(writeBy, TimeSpan.Zero));
    }

    private static void WriteFigures(BinaryWriter w, BrandFigures f)
    {
        w.Write7BitEncodedInt64(f.Mentions);
        w.Write7BitEncodedInt64(f.Reach);
        w.Write7BitEncodedInt64(f.Engagement);
        w.Write7BitEncodedInt64(f.UniqueAuthors);
        BrandDeltaCodec.WriteSentiment(w, f.Sentiment);
        w.Write(f.Reputation);
    }

    private static BrandFigures ReadFigures(BinaryFormReader r) =>
        new(r.Read7BitEncodedInt64(), r.Read7BitEncodedInt64(), r.Read7BitEncodedInt64(), r.Read7BitEncodedInt64(), BrandDeltaCodec.ReadSentiment(r), r.ReadDouble());

    private static TimeWindow ReadWindow(BinaryFormReader r)
    {
        var name = r.ReadString();
        return TimeWindow.TryParse(name, out var window) ? window : throw new InvalidDataException($"unknown window '{name}'");
    }

    private static TallyWeight ReadWeight(BinaryFormReader r)
    {
        var weight = (TallyWeight)r.ReadByte();
        return Enum.IsDefined(weight) ? weight : throw new InvalidDataException($"unknown ranking {(byte)weight}");
    }

    private static BrandTrending ReadTrending(BinaryFormReader r)
    {
        var brand = r.ReadString();
        var window = ReadWindow(r);
        var items = new TrendingItem[BrandDeltaCodec.ReadCount(r)];
        for (var i = 0; i < items.Length; i++)
        {
            var kind = (TrendKind)r.ReadByte();
            if (!Enum.IsDefined(kind))
            {
                throw new InvalidDataException($"unknown trend kind {(byte)kind}");
            }

            items[i] = new TrendingItem(kind, r.ReadString(), r.Read7BitEncodedInt64(), r.ReadDouble(), r.ReadDouble());
        }

        return new BrandTrending(brand, window, items);
    }

    private static TimeStep ReadStep(BinaryFormReader r)
    {
        var step = (TimeStep)r.ReadByte();
        return Enum.IsDefined(step) ? step : throw new InvalidDataException($"unknown step {(byte)step}");
    }

    private static SegmentDimension ReadDimension(BinaryFormReader r)
    {
        var dimension = (SegmentDimension)r.ReadByte();
        return Enum.IsDefined(dimension) ? dimension : throw new InvalidDataException($"unknown segment dimension {(byte)dimension}");
    }

    private static BrandTimeseries ReadTimeseries(BinaryFormReader r)
    {
        var brand = r.ReadString();
        var window = ReadWindow(r);
        var step = ReadStep(r);
        var points = new TimeseriesPoint[BrandDeltaCodec.ReadCount(r)];
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = new TimeseriesPoint(new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero), ReadFigures(r));
        }

        return new BrandTimeseries(brand, window, step, points);
    }

    private static BrandSegments ReadSegments(BinaryFormReader r)
    {
        var brand = r.ReadString();
        var dimension = ReadDimension(r);
        var window = ReadWindow(r);
        var mentions = r.Read7BitEncodedInt64();
        var segments = BrandDeltaCodec.ReadSegments(r).Select(s => new SegmentFigure(s.Key.Value, s.Value)).ToList();
        var aspects = new Dictionary<string, SentimentTally>(StringComparer.Ordinal);
        for (var i = BrandDeltaCodec.ReadCount(r); i > 0; i--)
        {
            aspects[r.ReadString()] = BrandDeltaCodec.ReadSentiment(r);
        }

        return new BrandSegments(brand, dimension, window, mentions, segments, aspects);
    }

    private static BrandStandingReply ReadStanding(BinaryFormReader r)
    {
        var brand = r.ReadString();
        var figures = ReadFigures(r);
        var concepts = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = BrandDeltaCodec.ReadCount(r); i > 0; i--)
        {
            concepts[r.ReadString()] = r.Read7BitEncodedInt64();
        }

        return new BrandStandingReply(new BrandStanding(brand, figures, concepts));
    }
}
