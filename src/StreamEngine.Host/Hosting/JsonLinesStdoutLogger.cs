using Akka.Event;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// What Akka prints before its loggers start and after they stop ("Remoting shut down" at every
/// stop), written as the JSON lines the node's other logs are, so that a log shipper reading them
/// meets no line of another shape. Named by <c>akka.stdout-logger-class</c>; not an actor, and
/// kept as plain as Akka asks such a logger to be.
/// </summary>
public sealed class JsonLinesStdoutLogger : MinimalLogger
{
    private static readonly Lock Writing = new();

    /// <summary>Where the lines go: standard out, or a test's writer.</summary>
    internal TextWriter Output { get; init; } = Console.Out;

    protected override void Log(object message)
    {
        var line = message is LogEvent e
            ? JsonLines.Line(LevelName(e.LogLevel()), "Akka", e.Message?.ToString() ?? "", ("Source", e.LogSource), ("Exception", (e as Error)?.Cause?.ToString()))
            : JsonLines.Line("Information", "Akka", message?.ToString() ?? "");
        lock (Writing)
        {
            Output.WriteLine(line);
        }
    }

    private static string LevelName(Akka.Event.LogLevel level) => level switch
    {
        Akka.Event.LogLevel.DebugLevel => "Debug",
        Akka.Event.LogLevel.InfoLevel => "Information",
        Akka.Event.LogLevel.WarningLevel => "Warning",
        _ => "Error",
    };
}
