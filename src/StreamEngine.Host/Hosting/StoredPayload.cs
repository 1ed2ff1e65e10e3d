namespace StreamEngine.Host.Hosting;

/// <summary>
/// An event or snapshot read back from the SQL store as the plugin reads it: by the id of the serializer
/// that wrote it or, for a row written without one, by the type its manifest names.
/// </summary>
internal static class StoredPayload
{
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
