using System.Globalization;
using System.Text.Json;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// A log line in the shape of the console's JSON formatter (Timestamp, EventId, LogLevel, Category,
/// Message), for what is written when no logger of the host is there to write it.
/// </summary>
internal static class JsonLines
{
    public static string Line(string level, string category, string message, params (string Name, string? Value)[] more)
    {
        var fields = new Dictionary<string, object>
        {
            ["Timestamp"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ["EventId"] = 0,
            ["LogLevel"] = level,
            ["Category"] = category,
            ["Message"] = message,
        };
        foreach (var (name, value) in more)
        {
            if (value is not null)
            {
                fields[name] = value;
            }
        }

        return JsonSerializer.Serialize(fields);
    }
}
