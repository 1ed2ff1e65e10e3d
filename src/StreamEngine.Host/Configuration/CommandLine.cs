namespace StreamEngine.Host.Configuration;

/// <summary>Maps the documented command-line options onto configuration keys.</summary>
internal static class CommandLine
{
    public static readonly Dictionary<string, string> SwitchMappings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["--data-dir"] = "StreamEngine:DataDir",
        ["--model"] = "StreamEngine:Model",
        ["--demo"] = "StreamEngine:Demo",
        ["--demo-rate"] = "StreamEngine:DemoRate",
        ["--replay"] = "StreamEngine:Replay",
        ["--postgres"] = "StreamEngine:Postgres",
        ["--cluster-host"] = "StreamEngine:ClusterHost",
        ["--cluster-port"] = "StreamEngine:ClusterPort",
        ["--batch-window-ms"] = "StreamEngine:BatchWindowMs",
        ["--webhook-retry-ms"] = "StreamEngine:WebhookRetryMs",
    };

    /// <summary>
    /// The configuration reader wants a value after every switch; <c>--demo</c> is a flag, so a
    /// bare one becomes <c>--demo=true</c>.
    /// </summary>
    public static string[] Normalise(string[] args) =>
        args.Select((arg, i) =>
                string.Equals(arg, "--demo", StringComparison.OrdinalIgnoreCase)
                && (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    ? "--demo=true"
                    : arg)
            .ToArray();
}
