using System.Text.Json;
using Akka.Actor;
using Akka.Event;
using StreamEngine.Host.Hosting;

namespace StreamEngine.Host.Tests;

/// <summary>What Akka prints with no logger of the host left is a JSON line like the others.</summary>
public sealed class JsonLinesStdoutLoggerTests
{
    [Fact]
    public void A_message_after_the_loggers_stopped_is_written_as_a_json_line()
    {
        // "[INFO][…][remoting-terminator] Remoting shut down." came as plain text at every stop.
        using var output = new StringWriter();
        var logger = new JsonLinesStdoutLogger { Output = output };

        logger.Tell(new Info("remoting-terminator", typeof(JsonLinesStdoutLoggerTests), "Remoting shut down."), ActorRefs.NoSender);
        logger.Tell(new Warning("cluster", typeof(JsonLinesStdoutLoggerTests), "a \"quoted\"\nwarning"), ActorRefs.NoSender);
        logger.Tell(new Error(new InvalidOperationException("the cause"), "remoting", typeof(JsonLinesStdoutLoggerTests), "failed"), ActorRefs.NoSender);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        var error = JsonDocument.Parse(lines[2]).RootElement;
        Assert.Equal("Error", error.GetProperty("LogLevel").GetString());
        Assert.Contains("InvalidOperationException: the cause", error.GetProperty("Exception").GetString(), StringComparison.Ordinal);
        var info = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal(("Information", "Akka", "Remoting shut down.", "remoting-terminator"),
            (info.GetProperty("LogLevel").GetString(), info.GetProperty("Category").GetString(), info.GetProperty("Message").GetString(), info.GetProperty("Source").GetString()));
        Assert.Equal("a \"quoted\"\nwarning", JsonDocument.Parse(lines[1]).RootElement.GetProperty("Message").GetString());
        Assert.Equal("Warning", JsonDocument.Parse(lines[1]).RootElement.GetProperty("LogLevel").GetString());
    }
}
