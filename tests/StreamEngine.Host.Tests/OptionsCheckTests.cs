using Microsoft.Extensions.Configuration;
using StreamEngine.Host.Configuration;

namespace StreamEngine.Host.Tests;

/// <summary>Settings a node cannot run with are refused at start-up, each named as an operator sets it.</summary>
public sealed class OptionsCheckTests
{
    private const string Postgres = "Host=127.0.0.1;Port=5432;Username=se;Database=se";

    [Fact]
    public void The_defaults_and_a_cluster_setup_pass()
    {
        Assert.Empty(OptionsCheck.Problems(new StreamEngineOptions()));
        Assert.Empty(OptionsCheck.Problems(new StreamEngineOptions
        {
            Postgres = "Host=127.0.0.1;Port=5432;Username=se;Database=se",
            ClusterPort = 4053,
            SeedNodes = ["akka.tcp://streamengine@10.0.0.1:4053", ""],
        }));

        Assert.Empty(OptionsCheck.Problems(new StreamEngineOptions { CorsOrigins = "https://dash.example.com, http://localhost:3000,*" }));

        // A node seeding a cluster of its own alone may keep SQLite.
        var alone = new StreamEngineOptions { ClusterPort = 4053, SeedNodes = ["akka.tcp://streamengine@127.0.0.1:4053"] };
        Assert.Empty(OptionsCheck.Problems(alone));
        Assert.True(OptionsCheck.FormsItsOwnCluster(alone));

        // Written as the node binds it, localhost is its name; another node of this machine may be seeded by any name.
        Assert.Empty(OptionsCheck.Problems(new StreamEngineOptions { ClusterHost = "localhost", ClusterPort = 4053, SeedNodes = ["akka.tcp://streamengine@localhost:4053"] }));
        Assert.Empty(OptionsCheck.Problems(new StreamEngineOptions { ClusterPort = 4053, SeedNodes = ["akka.tcp://streamengine@localhost:4054"], Postgres = Postgres }));

        // Other loopback addresses are sockets of their own: a node there may share the port of one on 127.0.0.1.
        Assert.Empty(OptionsCheck.Problems(new StreamEngineOptions { ClusterHost = "127.0.0.2", ClusterPort = 4053, SeedNodes = ["akka.tcp://streamengine@localhost:4053"], Postgres = Postgres }));
        Assert.Empty(OptionsCheck.Problems(new StreamEngineOptions { ClusterHost = "localhost", ClusterPort = 4053, SeedNodes = ["akka.tcp://streamengine@127.0.0.5:4053"], Postgres = Postgres }));
        Assert.Empty(OptionsCheck.Problems(new StreamEngineOptions { ClusterHost = "::1", ClusterPort = 4053, SeedNodes = ["akka.tcp://streamengine@localhost:4053"], Postgres = Postgres }));
        Assert.True(OptionsCheck.FormsItsOwnCluster(new StreamEngineOptions { SeedNodes = [" "] }));
        Assert.False(OptionsCheck.FormsItsOwnCluster(new StreamEngineOptions
        {
            ClusterPort = 4053,
            SeedNodes = ["akka.tcp://streamengine@127.0.0.1:4053", "akka.tcp://streamengine@10.0.0.2:4053"],
        }));
    }

    [Fact]
    public void Sealed_history_goes_under_the_data_directory_unless_told_otherwise_and_not_both_ways()
    {
        Assert.Equal(Path.Combine("d", "history"), new StreamEngineOptions { DataDir = "d" }.HistoryDirectory());
        Assert.Equal(Path.Combine("d", "history"), new StreamEngineOptions { DataDir = "d", Postgres = Postgres }.HistoryDirectory());
        Assert.Equal("/scratch", new StreamEngineOptions { HistoryDir = "/scratch" }.HistoryDirectory());
        Assert.Null(new StreamEngineOptions { HistoryInMemory = true }.HistoryDirectory());
        Assert.Equal(["--history-in-memory=true", "--demo=true"], CommandLine.Normalise(["--history-in-memory", "--demo"]));

        var problem = Assert.Single(OptionsCheck.Problems(new StreamEngineOptions { HistoryDir = "/scratch", HistoryInMemory = true }));
        Assert.Equal("--history-dir (StreamEngine:HistoryDir) /scratch and --history-in-memory (StreamEngine:HistoryInMemory) contradict each other: give one", problem);
    }

    [Theory]
    [InlineData(new[] { "--model", "m.yaml", "--data-dir" }, "option --data-dir is given last, without its value")]
    [InlineData(new[] { "--data-dir", "--demo" }, "option --data-dir is followed by --demo, not by its value")]
    [InlineData(new[] { "--data-dir", "--model", "m.yaml" }, "option --data-dir is followed by --model, not by its value")]
    [InlineData(new[] { "--replay" }, "option --replay is given last, without its value")]
    [InlineData(new[] { "--StreamEngine:DemoRate", "--demo" }, "option --StreamEngine:DemoRate is followed by --demo, not by its value")]
    [InlineData(new[] { "--data-dir", "d", "-demo" }, "-demo is not an option: options start with '--' (--demo)")]
    [InlineData(new[] { "--data-dir", "d", "foo" }, "'foo' follows no option: each value comes after its option (--data-dir DIR)")]
    [InlineData(new[] { "--data-dir", "d", "--demo", "--cluster-port", "-1", "--postgres=Host=h", "--history-in-memory" }, null)]
    public void An_option_without_its_value_or_an_argument_that_is_none_is_named(string[] args, string? expected) =>
        Assert.Equal(expected, CommandLine.MalformedArgument(CommandLine.Normalise(args)));

    [Fact]
    public void A_path_given_empty_is_named()
    {
        var problems = OptionsCheck.Problems(new StreamEngineOptions { DataDir = "", Replay = " ", Postgres = "", CorsOrigins = "" });

        Assert.Contains("--data-dir (StreamEngine:DataDir) is '': expected a directory", problems);
        Assert.Contains("--replay (StreamEngine:Replay) is ' ': expected an NDJSON file of posts", problems);

        // An unset variable in --postgres "$PG" ran a node on SQLite without a word, and so did
        // StreamEngine__Postgres= (to run on SQLite, leave the setting out).
        Assert.Contains("--postgres (StreamEngine:Postgres) is ' ': expected a PostgreSQL connection string; leave it out to run on SQLite", OptionsCheck.Problems(new StreamEngineOptions { Postgres = " " }));
        Assert.Contains("--postgres (StreamEngine:Postgres) is '': expected a PostgreSQL connection string; leave it out to run on SQLite", problems);
        Assert.Contains("--cors-origins (StreamEngine:CorsOrigins) is '': expected origins such as https://dash.example.com, comma-separated, or *; leave it out to allow none", problems);
        Assert.Empty(OptionsCheck.Problems(new StreamEngineOptions()));
    }

    [Fact]
    public void A_misspelt_switch_or_setting_is_named()
    {
        Assert.Equal("--bogus-flag", CommandLine.UnknownSwitch(["--data-dir", "d", "--bogus-flag", "7"]));
        Assert.Null(CommandLine.UnknownSwitch(["--urls", "http://127.0.0.1:5000", "--demo=true", "--StreamEngine:SeedNodes:0", "akka.tcp://streamengine@h:1", "--Logging:LogLevel:Default", "Warning"]));

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["StreamEngine:DemoRat"] = "5", ["StreamEngine:DemoRate"] = "5", ["StreamEngine:SeedNodes:0"] = "x" })
            .Build();
        Assert.Equal(["StreamEngine:DemoRat"], OptionsCheck.UnknownSettings(configuration.GetSection(StreamEngineOptions.Section)));
    }

    [Theory]
    [InlineData("demo-rate", "--demo-rate (StreamEngine:DemoRate) is 0")]
    [InlineData("cluster-port", "--cluster-port (StreamEngine:ClusterPort) is 99999")]
    [InlineData("batch-window-ms", "--batch-window-ms (StreamEngine:BatchWindowMs) is -5")]
    [InlineData("chunks-per-round", "--chunks-per-round (StreamEngine:ChunksPerRound) is 0")]
    [InlineData("batch-window-huge", "--batch-window-ms (StreamEngine:BatchWindowMs) is 1E+300: expected a number above 0, at most 1,000")]
    [InlineData("demo-rate-huge", "--demo-rate (StreamEngine:DemoRate) is 2000000000: expected 1 to 1,000,000 posts/s")]
    [InlineData("webhook-retry-ms", "--webhook-retry-ms (StreamEngine:WebhookRetryMs) is 0")]
    [InlineData("ingest-wait", "StreamEngine:IngestWaitSeconds is -1")]
    [InlineData("seed", "StreamEngine:SeedNodes:0 is 'not-an-address'")]
    [InlineData("seed-system", "StreamEngine:SeedNodes:0 is 'akka.tcp://other@127.0.0.1:4053'")]
    [InlineData("seed-port", "StreamEngine:SeedNodes:0 is 'akka.tcp://streamengine@127.0.0.1:99999': its port 99999 is not one from 1 to 65535")]
    [InlineData("seed-other-port", "StreamEngine:SeedNodes:0 is 'not-an-address:99999': expected akka.tcp://streamengine@HOST:PORT")]
    [InlineData("seed-no-port", "StreamEngine:SeedNodes:0 is 'akka.tcp://streamengine@127.0.0.1': it names no port")]
    [InlineData("seed-self-localhost", "StreamEngine:SeedNodes:0 is 'akka.tcp://streamengine@localhost:4053': it is this node (port 4053 on this machine) written as localhost, but the node binds 127.0.0.1 (--cluster-host), and a node drops what is sent to another name of its address: write akka.tcp://streamengine@127.0.0.1:4053")]
    [InlineData("seed-self-loopback", "StreamEngine:SeedNodes:1 is 'akka.tcp://streamengine@127.0.0.1:4053': it is this node (port 4053 on this machine) written as 127.0.0.1, but the node binds localhost")]
    [InlineData("postgres", "--postgres (StreamEngine:Postgres) is not a connection string")]
    [InlineData("seed-on-sqlite", "StreamEngine:SeedNodes join this node to a cluster, but it has no --postgres")]
    [InlineData("replay-missing", "--replay (StreamEngine:Replay) /nonexistent/posts.ndjson: no such file")]
    [InlineData("replay-directory", "--replay (StreamEngine:Replay) /tmp: a directory, not a file of posts")]
    [InlineData("cors-path", "--cors-origins (StreamEngine:CorsOrigins) names 'https://dash.example.com/board', which is not an origin")]
    [InlineData("cors-scheme", "--cors-origins (StreamEngine:CorsOrigins) names 'dash.example.com', which is not an origin")]
    public void A_bad_setting_is_named(string setting, string expected)
    {
        var options = setting switch
        {
            "demo-rate" => new StreamEngineOptions { DemoRate = 0 },
            "cluster-port" => new StreamEngineOptions { ClusterPort = 99999 },
            "batch-window-ms" => new StreamEngineOptions { BatchWindowMs = -5 },
            "batch-window-huge" => new StreamEngineOptions { BatchWindowMs = 1e300 },
            "demo-rate-huge" => new StreamEngineOptions { DemoRate = 2_000_000_000 },
            "chunks-per-round" => new StreamEngineOptions { ChunksPerRound = 0 },
            "webhook-retry-ms" => new StreamEngineOptions { WebhookRetryMs = 0 },
            "ingest-wait" => new StreamEngineOptions { IngestWaitSeconds = -1 },
            "seed" => new StreamEngineOptions { SeedNodes = ["not-an-address"], Postgres = Postgres },
            "seed-system" => new StreamEngineOptions { SeedNodes = ["akka.tcp://other@127.0.0.1:4053"], Postgres = Postgres },
            "seed-port" => new StreamEngineOptions { SeedNodes = ["akka.tcp://streamengine@127.0.0.1:99999"], Postgres = Postgres },
            "seed-other-port" => new StreamEngineOptions { SeedNodes = ["not-an-address:99999"], Postgres = Postgres },
            "seed-no-port" => new StreamEngineOptions { SeedNodes = ["akka.tcp://streamengine@127.0.0.1"], Postgres = Postgres },
            "seed-self-localhost" => new StreamEngineOptions { ClusterPort = 4053, SeedNodes = ["akka.tcp://streamengine@localhost:4053"], Postgres = Postgres },
            "seed-self-loopback" => new StreamEngineOptions { ClusterHost = "localhost", ClusterPort = 4053, SeedNodes = ["akka.tcp://streamengine@localhost:4054", "akka.tcp://streamengine@127.0.0.1:4053"], Postgres = Postgres },
            "seed-on-sqlite" => new StreamEngineOptions { SeedNodes = ["akka.tcp://streamengine@10.0.0.1:4053"] },
            "replay-missing" => new StreamEngineOptions { Replay = "/nonexistent/posts.ndjson" },
            "replay-directory" => new StreamEngineOptions { Replay = "/tmp" },
            "cors-path" => new StreamEngineOptions { CorsOrigins = "*, https://dash.example.com/board" },
            "cors-scheme" => new StreamEngineOptions { CorsOrigins = "http://localhost:3000,dash.example.com" },
            _ => new StreamEngineOptions { Postgres = "this is not a connection string" },
        };

        var problem = Assert.Single(OptionsCheck.Problems(options));

        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Usrname=streamengine;Database=streamengine", "usrname")]
    [InlineData("Host=127.0.0.1;Port=five;Database=streamengine", "five")]
    [InlineData("Username=streamengine;Database=streamengine", "it names no Host")]
    public void A_connection_string_that_cannot_be_read_says_what_in_it_is_wrong(string connectionString, string named)
    {
        var problem = Assert.Single(OptionsCheck.Problems(new StreamEngineOptions { Postgres = connectionString }));

        Assert.StartsWith("--postgres (StreamEngine:Postgres) is not a connection string: ", problem, StringComparison.Ordinal);
        Assert.Contains(named, problem, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("--demo-rate", "abc", "--demo-rate (StreamEngine:DemoRate) is 'abc': expected a whole number")]
    [InlineData("--batch-window-ms", "soon", "--batch-window-ms (StreamEngine:BatchWindowMs) is 'soon': expected a number")]
    [InlineData("--demo", "yes", "--demo (StreamEngine:Demo) is 'yes': expected true or false")]
    [InlineData("--StreamEngine:IngestWaitSeconds", "x", "StreamEngine:IngestWaitSeconds is 'x': expected a number")]
    public void A_value_of_the_wrong_type_is_named_as_the_option_it_was_given_with(string option, string value, string expected)
    {
        var configuration = new ConfigurationBuilder().AddCommandLine([option, value], CommandLine.SwitchMappings).Build();

        var binding = Assert.Throws<InvalidOperationException>(() => configuration.GetSection(StreamEngineOptions.Section).Get<StreamEngineOptions>());

        Assert.Equal(expected, CommandLine.UnconvertibleSetting(binding.Message));
    }
}
