using Akka.Actor;
using System.Runtime.Serialization;
using Akka.Serialization;
using StreamEngine.Engine.Brands;

namespace StreamEngine.Engine.Serialization;

/// <summary>
/// Serializes what brands journal and snapshot. The manifest names the type and its format
/// version, so a later version can still read what an older one wrote; an unknown manifest is
/// refused rather than guessed at.
/// </summary>
public sealed class BrandStateSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int SerializerId = 7301;
    private const string MentionsRecordedV1 = "mentions-recorded.v1";
    private const string MentionsRecordedV2 = "mentions-recorded.v2";
    private const string MentionsRecordedV3 = "mentions-recorded.v3";
    private const string BrandSnapshotV1 = "brand-snapshot.v1";
    private const string BrandSnapshotV2 = "brand-snapshot.v2";
    private const string BrandSnapshotV3 = "brand-snapshot.v3";

    // The envelope of v3 around an aggregate of version 4 or later (its tables of values and names), named
    // anew so that an engine that cannot read the aggregate refuses the snapshot instead of misreading it.
    private const string BrandSnapshotV4 = "brand-snapshot.v4";
    private const string AlertsRaisedV1 = "alerts-raised.v1";

    public override int Identifier => SerializerId;

    public override string Manifest(object o) => o switch
    {
        MentionsRecorded => MentionsRecordedV3,
        BrandSnapshot { Version: 1 } => BrandSnapshotV1,
        BrandSnapshot { Version: >= 4 } => BrandSnapshotV4,
        BrandSnapshot => BrandSnapshotV3,
        AlertsRaised => AlertsRaisedV1,
        _ => throw new ArgumentException($"{o.GetType()} is not brand state this serializer writes", nameof(o)),
    };

    public override byte[] ToBinary(object obj)
    {
        switch (obj)
        {
            case MentionsRecorded recorded:
                return Write(w => BrandDeltaCodec.Write(w, recorded.Delta));

            case BrandSnapshot { Version: 1 } snapshot:
                return snapshot.EncodedAggregate;
            case BrandSnapshot snapshot:
                // v3 and v4: the aggregate's encoding version, the aggregate (length first), then the alerts;
                // in v4, what the journal holds behind it when that is anything. An engine that knows
                // nothing of those reads the rest as before, and its next snapshot prunes at its own count.
                return Write(w =>
                {
                    w.Write7BitEncodedInt(snapshot.Version);
                    w.Write7BitEncodedInt(snapshot.EncodedAggregate.Length);
                    w.Write(snapshot.EncodedAggregate);
                    AlertCodec.Write(w, snapshot.Alerts ?? []);
                    if (snapshot is { Version: >= 4 } and ({ BatchesBehind: > 0 } or { MinutesBehind: > 0 }))
                    {
                        w.Write7BitEncodedInt(snapshot.BatchesBehind);
                        w.Write7BitEncodedInt64(snapshot.MinutesBehind);
                    }
                });
            case AlertsRaised raised:
                return Write(w => AlertCodec.Write(w, raised.Alerts));
            default:
                throw new ArgumentException($"{obj.GetType()} is not brand state this serializer writes", nameof(obj));
        }
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        switch (manifest)
        {
            case MentionsRecordedV1 or MentionsRecordedV2 or MentionsRecordedV3:
                return new MentionsRecorded(BrandDeltaCodec.Read(new BinaryFormReader(bytes), manifest[^1] - '0'));

            case BrandSnapshotV1:
                return new BrandSnapshot(bytes, 1);
            case BrandSnapshotV2:
                return new BrandSnapshot(bytes, 2);
            case BrandSnapshotV3 or BrandSnapshotV4:
            {
                var r = new BinaryFormReader(bytes);
                var version = r.Read7BitEncodedInt();
                var aggregate = r.ReadBytes(r.Read7BitEncodedInt());
                var alerts = AlertCodec.ReadList(r);
                return r.Remaining == 0
                    ? new BrandSnapshot(aggregate, version, alerts)
                    : new BrandSnapshot(aggregate, version, alerts, r.Read7BitEncodedInt(), r.Read7BitEncodedInt64());
            }

            case AlertsRaisedV1:
                return new AlertsRaised(AlertCodec.ReadList(new BinaryFormReader(bytes)));

            default:
                throw new SerializationException(
                    $"unknown brand state manifest '{manifest}': written by a newer version of the engine?");
        }
    }

    private static byte[] Write(Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            write(w);
        }

        return stream.ToArray();
    }
}
