using StreamEngine.Engine.Ingest;

namespace StreamEngine.Host.Configuration;

/// <summary>
/// The host's settings, bound from the "StreamEngine" section: appsettings.json, environment
/// variables (StreamEngine__DataDir, …) and the command line (--data-dir, --model, --demo, …).
/// </summary>
public sealed class StreamEngineOptions
{
    public const string Section = "StreamEngine";

    /// <summary>Where the embedded SQLite store lives (--data-dir).</summary>
    public string DataDir { get; set; } = "./data";

    /// <summary>The model file (--model).</summary>
    public string Model { get; set; } = "config/model.yaml";

    /// <summary>Start the synthetic firehose (--demo).</summary>
    public bool Demo { get; set; }

    /// <summary>Posts per second the demo firehose sends (--demo-rate).</summary>
    public int DemoRate { get; set; } = 200;

    /// <summary>An NDJSON file to replay through the graph at start-up (--replay).</summary>
    public string? Replay { get; set; }

    /// <summary>A PostgreSQL connection string (--postgres); when set, the journal and snapshots go there instead of SQLite.</summary>
    public string? Postgres { get; set; }

    /// <summary>Address other cluster nodes reach this one on (--cluster-host).</summary>
    public string ClusterHost { get; set; } = "127.0.0.1";

    /// <summary>Remoting port; 0 picks a free one, fine for a single node (--cluster-port).</summary>
    public int ClusterPort { get; set; }

    /// <summary>Seed node addresses (akka.tcp://streamengine@host:port); empty means this node forms its own cluster.</summary>
    public string[] SeedNodes { get; set; } = [];

    /// <summary>How long an ingest request waits for room in a saturated graph before it is refused with 429.</summary>
    public double IngestWaitSeconds { get; set; } = 2;

    /// <summary>
    /// How long the graph gathers chunks into one round of per-brand batches (--batch-window-ms): longer
    /// rounds mean fewer, larger journal writes per brand, at the price of that much acknowledgement latency.
    /// </summary>
    public double BatchWindowMs { get; set; } = 5;

    /// <summary>
    /// The most chunks (of up to 256 KiB of posts each) one round of per-brand batches holds
    /// (--chunks-per-round). A round writes one journal row per brand it names, and must be
    /// journaled within the acknowledgement timeout, so rounds start at 8 chunks and grow to this
    /// while the store keeps up (README.md).
    /// </summary>
    public int ChunksPerRound { get; set; } = new IngestSettings().ChunksPerRound;

    /// <summary>
    /// The first wait before a failed webhook delivery is tried again (--webhook-retry-ms); each
    /// later try waits twice as long, six tries in all.
    /// </summary>
    public double WebhookRetryMs { get; set; } = 1_000;

    /// <summary>
    /// Where brands keep their sealed history, the buckets and influence panes no post is expected
    /// to change any more, on disk rather than in memory (--history-dir): by default a "history"
    /// folder under the data directory (on PostgreSQL too, where the data directory holds nothing
    /// else). The files are scratch, rebuilt from the journal and snapshots, and gone when the node
    /// stops; each node names its own, so nodes may share the folder.
    /// </summary>
    public string? HistoryDir { get; set; }

    /// <summary>
    /// The web origins whose browser dashboards may read the endpoints (--cors-origins): a
    /// comma-separated list such as <c>https://dash.example.com,http://localhost:3000</c>, or
    /// <c>*</c> for any. None by default, so a page of another origin cannot read the node.
    /// </summary>
    public string? CorsOrigins { get; set; }

    /// <summary>Keep sealed history in memory instead (--history-in-memory): more memory, no disk.</summary>
    public bool HistoryInMemory { get; set; }

    /// <summary>The directory sealed history is written to; null when it is kept in memory.</summary>
    public string? HistoryDirectory() =>
        HistoryInMemory ? null
        : !string.IsNullOrWhiteSpace(HistoryDir) ? HistoryDir
        : Path.Combine(DataDir, "history");
}
