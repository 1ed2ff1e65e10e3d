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
        ["--chunks-per-round"] = "StreamEngine:ChunksPerRound",
        ["--webhook-retry-ms"] = "StreamEngine:WebhookRetryMs",
        ["--history-dir"] = "StreamEngine:HistoryDir",
        ["--history-in-memory"] = "StreamEngine:HistoryInMemory",
        ["--cors-origins"] = "StreamEngine:CorsOrigins",
    };

    /// <summary>
    /// A setting the configuration binder could not convert, named as an operator gives it: the
    /// binder names the key alone ("Failed to convert configuration value 'abc' at
    /// 'StreamEngine:DemoRate' to type 'System.Int32'"). Null when the message is not that one.
    /// </summary>
    public static string? UnconvertibleSetting(string binderMessage)
    {
        ArgumentNullException.ThrowIfNull(binderMessage);
        var match = System.Text.RegularExpressions.Regex.Match(binderMessage, "^Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']*)' to type '(?<type>[^']*)'");
        if (!match.Success)
        {
            return null;
        }

        var key = match.Groups["key"].Value;
        var option = SwitchMappings.FirstOrDefault(m => m.Value.Equals(key, StringComparison.OrdinalIgnoreCase)).Key;
        var expected = match.Groups["type"].Value switch
        {
            "System.Int32" or "System.Int64" => "a whole number",
            "System.Double" => "a number",
            "System.Boolean" => "true or false",
            var type => $"a value of type {type}",
        };
        return $"{(option is null ? key : $"{option} ({key})")} is '{match.Groups["value"].Value}': expected {expected}";
    }

    public const string Help = """
        StreamEngine: social media listening, one node or a cluster.

          --urls URL              where the endpoints listen (default http://localhost:5000)
          --data-dir DIR          the embedded SQLite store (default ./data)
          --model FILE            the listening model (default config/model.yaml)
          --demo                  run the demo firehose; --demo-rate N posts/s (default 200)
          --replay FILE           replay an NDJSON file through the graph at start-up
          --postgres CONNSTR      persist to PostgreSQL instead of SQLite (a cluster)
          --cluster-host HOST     the address other nodes reach this one on (default 127.0.0.1)
          --cluster-port PORT     the cluster port (default 0: any free port)
          --batch-window-ms N     how long the graph gathers requests into one round (default 5)
          --chunks-per-round N    the most chunks of posts one round holds (default 64; rounds
                                  start at 8 and grow to it while the store keeps up, see README.md)
          --webhook-retry-ms N    the first wait before a failed webhook is tried again (default 1000)
          --history-dir DIR       where brands keep sealed history (older buckets and influence
                                  panes) on disk (default DATA-DIR/history); scratch files,
                                  gone when the node stops
          --history-in-memory     keep sealed history in memory instead
          --cors-origins LIST     web origins whose browser dashboards may read the endpoints,
                                  comma-separated (https://dash.example.com), or * for any

        Every setting is also StreamEngine:Name in appsettings.json or StreamEngine__Name in the
        environment; seed nodes are StreamEngine__SeedNodes__0=akka.tcp://streamengine@HOST:PORT, ...
        See README.md.
        """;

    // Switches the host itself takes besides the mapped ones ("--help" is answered before any is
    // checked); "--Section:Key value" sets any setting.
    private static readonly HashSet<string> HostSwitches = new(StringComparer.OrdinalIgnoreCase)
    {
        "--urls", "--environment", "--applicationName", "--contentRoot",
    };

    /// <summary>A switch that is neither an option nor a setting (<c>--Section:Key</c>): almost always a typo.</summary>
    public static string? UnknownSwitch(IEnumerable<string> args) =>
        args.Select(a => a.Split('=', 2)[0])
            .FirstOrDefault(a => a.StartsWith("--", StringComparison.Ordinal) && !a.Contains(':', StringComparison.Ordinal)
                && !SwitchMappings.ContainsKey(a) && !HostSwitches.Contains(a));

    /// <summary>
    /// An option given without its value, or a word or a single-dash switch that is no option, said
    /// as the operator should read it. The configuration reader takes the next option for a missing
    /// value (<c>--data-dir --demo</c> kept the store in a directory named <c>--demo=true</c>), drops
    /// an option given last and ignores the others, and the node would run on its defaults. Read
    /// after <see cref="Normalise"/>, which gives the flags theirs.
    /// </summary>
    public static string? MalformedArgument(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                return arg.StartsWith('-')
                    ? $"{arg} is not an option: options start with '--'{(SwitchMappings.ContainsKey("--" + arg.TrimStart('-')) ? $" (--{arg.TrimStart('-')})" : "")}"
                    : $"'{arg}' follows no option: each value comes after its option (--data-dir DIR)";
            }

            if (arg.Contains('=', StringComparison.Ordinal))
            {
                continue;
            }

            if (i + 1 >= args.Length)
            {
                return $"option {arg} is given last, without its value";
            }

            if (args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                return $"option {arg} is followed by {args[i + 1].Split('=', 2)[0]}, not by its value";
            }

            i++;
        }

        return null;
    }

    /// <summary>
    /// The configuration reader wants a value after every switch; <c>--demo</c> and
    /// <c>--history-in-memory</c> are flags, so a bare one becomes <c>--demo=true</c> (or
    /// <c>--history-in-memory=true</c>).
    /// </summary>
    public static string[] Normalise(string[] args) =>
        args.Select((arg, i) =>
                Flags.Contains(arg)
                && (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    ? arg + "=true"
                    : arg)
            .ToArray();

    private static readonly HashSet<string> Flags = new(StringComparer.OrdinalIgnoreCase) { "--demo", "--history-in-memory" };
}
