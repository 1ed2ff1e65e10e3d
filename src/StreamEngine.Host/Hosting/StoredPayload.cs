using Akka.Persistence;
using Akka.Serialization;
using Akka.Util;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// An event or snapshot read back from the SQL store as the plugin reads it: by the id of the serializer
/// that wrote it or, for a row written without one, by the type its manifest names; and a snapshot
/// made into the row the plugin would store.
/// </summary>
internal static class StoredPayload
{
    /// <summary>The snapshot's row as the plugin's snapshot store makes it: bytes, serializer and manifest, its time in ticks.</summary>
    public static StoredSnapshot Snapshot(Akka.Serialization.Serialization serialization, SnapshotMetadata metadata, object snapshot, string defaultSerializer)
    {
        ArgumentNullException.ThrowIfNull(serialization);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(snapshot);
        var type = snapshot.GetType();
        var serializer = serialization.FindSerializerForType(type, defaultSerializer);
        var payload = Akka.Serialization.Serialization.WithTransport(serialization.System, (serializer, snapshot), state => state.serializer.ToBinary(state.snapshot));
        var manifest = serializer switch
        {
            SerializerWithStringManifest named => named.Manifest(snapshot),
            { IncludeManifest: true } => type.TypeQualifiedName(),
            _ => string.Empty,
        };
        return new StoredSnapshot(metadata.SequenceNr, metadata.Timestamp.Ticks, payload, manifest, serializer.Identifier);
    }

    public static object Read(Akka.Serialization.Serialization serialization, byte[] bytes, int? serializerId, string manifest, string defaultSerializer)
    {
        ArgumentNullException.ThrowIfNull(serialization);
        if (serializerId is { } id)
        {
            return serialization.Deserialize(bytes, id, manifest);
        }

        var type = Type.GetType(manifest, throwOnError: true)!;
        return serialization.FindSerializerForType(type, defaultSerializer).FromBinary(bytes, type);
    }
}
