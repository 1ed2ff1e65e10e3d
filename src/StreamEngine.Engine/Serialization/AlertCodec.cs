using StreamEngine.Domain.Alerts;

namespace StreamEngine.Engine.Serialization;

/// <summary>Binary form of alerts, as journaled, snapshotted and sent between nodes.</summary>
internal static class AlertCodec
{
    public static void Write(BinaryWriter w, IReadOnlyList<Alert> alerts)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(alerts);
        w.Write7BitEncodedInt(alerts.Count);
        foreach (var a in alerts)
        {
            Write(w, a);
        }
    }

    public static void Write(BinaryWriter w, Alert a)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(a);
        w.Write(a.Id);
        w.Write(a.BrandId);
        w.Write(a.Minute.UtcTicks);
        w.Write((byte)a.Metric);
        w.Write((byte)a.Direction);
        w.Write((byte)a.Severity);
        w.Write(a.Observed);
        w.Write(a.Expected);
        w.Write(a.ZScore);
        w.Write7BitEncodedInt(a.Drivers.Count);
        foreach (var d in a.Drivers)
        {
            w.Write(d.Dimension);
            w.Write(d.Value);
            w.Write(d.Observed);
            w.Write(d.Expected);
            w.Write(d.Share);
        }
    }

    public static IReadOnlyList<Alert> ReadList(BinaryFormReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var alerts = new Alert[r.Read7BitEncodedInt()];
        for (var i = 0; i < alerts.Length; i++)
        {
            alerts[i] = Read(r);
        }

        return alerts;
    }

    public static Alert Read(BinaryFormReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var id = r.ReadString();
        var brand = r.ReadString();
        var minute = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
        var metric = Checked((AlertMetric)r.ReadByte());
        var direction = Checked((AlertDirection)r.ReadByte());
        var severity = Checked((AlertSeverity)r.ReadByte());
        var observed = r.ReadDouble();
        var expected = r.ReadDouble();
        var z = r.ReadDouble();
        var drivers = new AlertDriver[r.Read7BitEncodedInt()];
        for (var i = 0; i < drivers.Length; i++)
        {
            drivers[i] = new AlertDriver(r.ReadString(), r.ReadString(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble());
        }

        return new Alert(id, brand, minute, metric, direction, severity, observed, expected, z, drivers);
    }

    private static T Checked<T>(T value)
        where T : struct, Enum =>
        Enum.IsDefined(value) ? value : throw new InvalidDataException($"unknown {typeof(T).Name} {value}");
}
