using System.Globalization;
using System.Net;
using Akka.Actor;
using Npgsql;
using StreamEngine.Engine.Ingest;

namespace StreamEngine.Host.Configuration;

/// <summary>
/// The settings a node cannot run with, each named as an operator sets it, found before anything
/// starts: a bad value otherwise surfaces as an exception deep in Akka or Kestrel, or not at all.
/// </summary>
internal static class OptionsCheck
{
    private const int MaxDemoRate = 1_000_000;

    public static IReadOnlyList<string> Problems(StreamEngineOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var problems = new List<string>();
        if (o.DemoRate is < 1 or > MaxDemoRate)
        {
            problems.Add($"--demo-rate (StreamEngine:DemoRate) is {o.DemoRate}: expected 1 to {MaxDemoRate:N0} posts/s");
        }

        if (o.ClusterPort is < 0 or > 65535)
        {
            problems.Add($"--cluster-port (StreamEngine:ClusterPort) is {o.ClusterPort}: expected 0 (any free port) to 65535");
        }

        // Bounded above too: a round gathered for a day answered no request, and 1e300 ms overflowed a TimeSpan.
        Positive(problems, "--batch-window-ms (StreamEngine:BatchWindowMs)", o.BatchWindowMs, max: 1_000);
        Positive(problems, "--chunks-per-round (StreamEngine:ChunksPerRound)", o.ChunksPerRound, max: IngestSettings.MaxChunksPerRound);
        Positive(problems, "--webhook-retry-ms (StreamEngine:WebhookRetryMs)", o.WebhookRetryMs, max: 3_600_000);
        Positive(problems, "StreamEngine:IngestWaitSeconds", o.IngestWaitSeconds, max: 600);
        for (var i = 0; i < o.SeedNodes.Length; i++)
        {
            if (!string.IsNullOrWhiteSpace(o.SeedNodes[i]) && (SeedAddressProblem(o.SeedNodes[i]) ?? SelfUnderAnotherName(o, o.SeedNodes[i])) is { } expected)
            {
                problems.Add($"StreamEngine:SeedNodes:{i} is '{o.SeedNodes[i]}': {expected}");
            }
        }

        // A cluster's brands move between its nodes, so the nodes must share their journals: a node
        // on its own SQLite file would answer for brands whose history the others hold.
        if (string.IsNullOrWhiteSpace(o.Postgres) && !FormsItsOwnCluster(o))
        {
            problems.Add("StreamEngine:SeedNodes join this node to a cluster, but it has no --postgres (StreamEngine:Postgres): the nodes of a cluster share one PostgreSQL store, and a SQLite store is one node's alone; give it the cluster's --postgres, or no seed nodes to run it alone on SQLite");
        }

        if (!string.IsNullOrWhiteSpace(o.Postgres) && ConnectionStringProblem(o.Postgres) is { } connectionString)
        {
            problems.Add($"--postgres (StreamEngine:Postgres) is not a connection string: {connectionString}; expected e.g. Host=127.0.0.1;Port=5432;Username=streamengine;Password=...;Database=streamengine");
        }

        // An empty path would be the working directory, or crash the start: it is a setting gone wrong.
        Given(problems, "--data-dir (StreamEngine:DataDir)", o.DataDir, "a directory");
        Given(problems, "--model (StreamEngine:Model)", o.Model, "a model file");
        Given(problems, "--replay (StreamEngine:Replay)", o.Replay, "an NDJSON file of posts");
        Given(problems, "--history-dir (StreamEngine:HistoryDir)", o.HistoryDir, "a directory");
        Given(problems, "--cluster-host (StreamEngine:ClusterHost)", o.ClusterHost, "a host name or address");

        // Given empty, as a variable never set leaves them, these would quietly mean their defaults:
        // a node of a cluster on a SQLite file of its own, no dashboard origin allowed.
        Given(problems, "--postgres (StreamEngine:Postgres)", o.Postgres, "a PostgreSQL connection string; leave it out to run on SQLite");
        Given(problems, "--cors-origins (StreamEngine:CorsOrigins)", o.CorsOrigins, "origins such as https://dash.example.com, comma-separated, or *; leave it out to allow none");

        if (!string.IsNullOrWhiteSpace(o.Replay) && !File.Exists(o.Replay))
        {
            // A mistyped path would otherwise give a ready node with nothing replayed.
            problems.Add($"--replay (StreamEngine:Replay) {o.Replay}: {(Directory.Exists(o.Replay) ? "a directory, not a file of posts" : "no such file")}");
        }

        if (o.HistoryInMemory && !string.IsNullOrWhiteSpace(o.HistoryDir))
        {
            problems.Add($"--history-dir (StreamEngine:HistoryDir) {o.HistoryDir} and --history-in-memory (StreamEngine:HistoryInMemory) contradict each other: give one");
        }

        if (DashboardOrigins.Problem(o.CorsOrigins) is { } cors)
        {
            problems.Add($"--cors-origins (StreamEngine:CorsOrigins) {cors}");
        }

        return problems;
    }

    /// <summary>A setting given, but empty or blank (null is not given: its default holds).</summary>
    private static void Given(List<string> problems, string name, string? value, string expected)
    {
        if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{name} is '{value}': expected {expected}");
        }
    }

    /// <summary>
    /// Whether the node starts a cluster of its own rather than joining one: it has no seed nodes, or
    /// only itself (Akka then joins itself at once).
    /// </summary>
    public static bool FormsItsOwnCluster(StreamEngineOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var self = $"akka.tcp://{Hosting.AkkaSetup.SystemName}@{o.ClusterHost}:{o.ClusterPort}";
        return o.SeedNodes.All(s => string.IsNullOrWhiteSpace(s) || string.Equals(s.Trim(), self, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Keys of the StreamEngine section that no setting reads, such as a misspelt environment variable.</summary>
    public static IReadOnlyList<string> UnknownSettings(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var known = typeof(StreamEngineOptions).GetProperties().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return section.GetChildren().Select(c => c.Key).Where(k => !known.Contains(k)).Select(k => $"{section.Key}:{k}").ToList();
    }

    private static void Positive(List<string> problems, string setting, double value, double max)
    {
        if (!(value > 0 && value <= max))
        {
            problems.Add($"{setting} is {value}: expected a number above 0, at most {max:N0}");
        }
    }

    /// <summary>What a seed node's address lacks, or null when it is one.</summary>
    private static string? SeedAddressProblem(string seed)
    {
        const string Form = "expected akka.tcp://streamengine@HOST:PORT";
        try
        {
            var address = Address.Parse(seed);
            return address.System != Hosting.AkkaSetup.SystemName || address.Host is null || address.Port is null ? Form
                : address.Port == -1 ? $"it names no port ({Form})"
                : address.Port is < 1 or > 65535 ? $"its port {address.Port} is not one from 1 to 65535 ({Form})"
                : null;
        }
        catch (UriFormatException)
        {
            // Past 65535 the URI parser refuses the address whole; an address right but for its port says so.
            var prefix = $"akka.tcp://{Hosting.AkkaSetup.SystemName}@";
            return seed.StartsWith(prefix, StringComparison.Ordinal) && seed.LastIndexOf(':') is var colon && colon > prefix.Length
                && int.TryParse(seed.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port > 65535
                ? $"its port {port} is not one from 1 to 65535 ({Form})"
                : Form;
        }
    }

    /// <summary>
    /// What is wrong with a seed that is this node written with another name of the same loopback
    /// address (localhost for 127.0.0.1, or the other way round), or null. Akka drops what is sent to
    /// any name but the one its node binds, so such a node waited for itself to answer until its join
    /// gave up, 60 s later.
    /// </summary>
    private static string? SelfUnderAnotherName(StreamEngineOptions o, string seed)
    {
        var address = Address.Parse(seed);
        if (o.ClusterPort == 0 || address.Port != o.ClusterPort || address.Host is not { } host
            || string.Equals(host, o.ClusterHost, StringComparison.OrdinalIgnoreCase)
            || !(IsLocalhost(host) && IsLoopbackAddress(o.ClusterHost) || IsLoopbackAddress(host) && IsLocalhost(o.ClusterHost)))
        {
            return null;
        }

        return $"it is this node (port {o.ClusterPort} on this machine) written as {host}, but the node binds {o.ClusterHost} "
            + $"(--cluster-host), and a node drops what is sent to another name of its address: write akka.tcp://{Hosting.AkkaSetup.SystemName}@{o.ClusterHost}:{o.ClusterPort}";
    }

    private static bool IsLocalhost(string host) => string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase);

    // The address localhost names here: not the rest of 127.0.0.0/8, whose addresses are sockets of
    // their own, nor ::1, which localhost names on some machines and not on others.
    private static bool IsLoopbackAddress(string? host) =>
        IPAddress.TryParse(host, out var ip) && ip.Equals(IPAddress.Loopback);

    private static string? ConnectionStringProblem(string value)
    {
        try
        {
            return string.IsNullOrEmpty(new NpgsqlConnectionStringBuilder(value).Host) ? "it names no Host" : null;
        }
        catch (ArgumentException ex)
        {
            // Npgsql says "Couldn't set port" and keeps why in the inner exception.
            return ex.InnerException switch
            {
                KeyNotFoundException => $"it has no setting '{ex.ParamName}'",
                { } why => $"its {ex.ParamName} cannot be read: {why.Message.Split('\n')[0].TrimEnd('.')}",
                null => ex.Message,
            };
        }
    }
}
