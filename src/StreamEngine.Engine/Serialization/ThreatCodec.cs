using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Threats;

namespace StreamEngine.Engine.Serialization;

/// <summary>Binary form of the threat sightings a delta carries.</summary>
internal static class ThreatCodec
{
    public static void Write(BinaryWriter w, IReadOnlyList<ThreatSighting> sightings)
    {
        w.Write7BitEncodedInt(sightings.Count);
        foreach (var (at, f) in sightings)
        {
            w.Write(at.UtcTicks);
            w.Write((byte)f.Kind);
            w.Write((byte)f.Severity);
            w.Write(f.BrandId);
            w.Write(f.PostId);
            w.Write(f.Author is not null);
            if (f.Author is not null)
            {
                w.Write(f.Author);
            }

            w.Write(f.Evidence);
        }
    }

    public static ThreatSighting[] Read(BinaryFormReader r)
    {
        var sightings = new ThreatSighting[BrandDeltaCodec.ReadCount(r)];
        for (var i = 0; i < sightings.Length; i++)
        {
            var at = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
            var kind = (ThreatKind)r.ReadByte();
            var severity = (ThreatSeverity)r.ReadByte();
            if (!Enum.IsDefined(kind) || !Enum.IsDefined(severity))
            {
                throw new InvalidDataException($"unknown threat kind {(byte)kind} or severity {(byte)severity}");
            }

            var brand = r.ReadString();
            var post = r.ReadString();
            var author = r.ReadBoolean() ? r.ReadString() : null;
            sightings[i] = new ThreatSighting(at, new ThreatFinding(kind, brand, post, author, r.ReadString(), severity));
        }

        return sightings;
    }
}
