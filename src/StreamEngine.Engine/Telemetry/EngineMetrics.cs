using Prometheus;
using StreamEngine.Domain.Aggregates;

namespace StreamEngine.Engine.Telemetry;

/// <summary>
/// The engine's Prometheus metrics. Labels are bounded sets (stages, endpoints); brand ids are
/// never labels, since a model may hold a hundred thousand brands.
/// </summary>
public static class EngineMetrics
{
    public static readonly Counter PostsReceived = Metrics.CreateCounter(
        "streamengine_posts_received_total", "Non-blank NDJSON lines received from every source.");

    public static readonly Counter PostsAccepted = Metrics.CreateCounter(
        "streamengine_posts_accepted_total", "Posts that passed validation (late and unmatched ones included).");

    public static readonly Counter PostsRejected = Metrics.CreateCounter(
        "streamengine_posts_rejected_total", "Lines refused as malformed or invalid.");

    public static readonly Counter PostsLate = Metrics.CreateCounter(
        "streamengine_posts_late_total", "Accepted posts older than the 30-day window, kept out of the aggregates.");

    public static readonly Counter PostsUnmatched = Metrics.CreateCounter(
        "streamengine_posts_unmatched_total", "Accepted posts that mention no brand of the model.");

    public static readonly Counter PostsDuplicate = Metrics.CreateCounter(
        "streamengine_posts_duplicate_total", "Posts mentioning brands that were seen before (same network and id) and counted only once.");

    public static readonly Counter AlertsRaised = Metrics.CreateCounter(
        "streamengine_alerts_raised_total", "Alerts journaled (spikes and dips, and security threats under metric impersonation, phishing, doxxing, violence or coordination), by metric, direction and severity.",
        new CounterConfiguration { LabelNames = ["metric", "direction", "severity"] });

    public static readonly Counter BrandMessagesRedelivered = Metrics.CreateCounter(
        "streamengine_brand_messages_redelivered_total", "Brand batches and queries sent again after the shard region dropped them while their shard was handed off to another node.");

    public static readonly Counter BatchesTooLate = Metrics.CreateCounter(
        "streamengine_brand_batches_too_late_total", "Brand batches refused unwritten because they arrived after the time they had to be taken up (held up while a shard moved between nodes).");

    public static readonly Counter BrandRecoveryFailures = Metrics.CreateCounter(
        "streamengine_brand_recovery_failures_total", "Times a brand could not recover its figures from the store (a row that does not decode, a store that refused the read); the log names the brand and the cause.");

    public static readonly Counter MentionsRecorded = Metrics.CreateCounter(
        "streamengine_mentions_recorded_total", "Brand mentions journaled (a post mentioning two brands counts twice).");

    public static readonly Counter RoundsFailed = Metrics.CreateCounter(
        "streamengine_rounds_failed_total", "Rounds of ingest whose brand batches were not all journaled (a store that fails or is too slow, a brand that cannot recover): their requests were answered 503 (a request whose body spans rounds counts in each), and their posts are to be sent again.");

    public static readonly Histogram StageSeconds = Metrics.CreateHistogram(
        "streamengine_stage_duration_seconds", "Time a batch spends in each stage of the ingest graph (batch: from a round's close until its brand batches are built, after its last chunk's fold).",
        new HistogramConfiguration
        {
            LabelNames = ["stage"],
            Buckets = Histogram.ExponentialBuckets(0.0001, 2, 18),
        });

    public static readonly Histogram RoundBrands = Metrics.CreateHistogram(
        "streamengine_round_brands", "Brands a round of ingest names: each costs a journal row, and the round's rows must be written within the acknowledgement timeout (--chunks-per-round, README.md).",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(1, 2, 18) });

    public static readonly Gauge RoundChunksLimit = Metrics.CreateGauge(
        "streamengine_round_chunks_limit", "The most chunks a round of ingest may hold now: it starts at 8, grows up to --chunks-per-round while rounds journal well inside their time, and halves after one that took more than half of it or that the store failed (README.md).");

    public static readonly Histogram QuerySeconds = Metrics.CreateHistogram(
        "streamengine_query_duration_seconds", "Time to answer a dashboard query, brand actor round trip included.",
        new HistogramConfiguration
        {
            LabelNames = ["endpoint"],
            Buckets = Histogram.ExponentialBuckets(0.00005, 2, 18),
        });

    public static readonly Gauge BrandActorsAlive = Metrics.CreateGauge(
        "streamengine_brand_actors", "Brand actors running on this node.");

    public static readonly Gauge IngestThreadNiceness = Metrics.CreateGauge(
        "streamengine_ingest_thread_niceness",
        "The Linux niceness an ingest thread got: 5 as the node sets it; lower where the system refused, and dashboard queries then wait behind ingest (README.md).",
        new GaugeConfiguration { SuppressInitialValue = true });

    public static readonly Gauge IngestQueueDepth = Metrics.CreateGauge(
        "streamengine_ingest_queue_chunks", "Chunks of posts waiting to enter the ingest graph.");

    /// <summary>
    /// Publishes the .NET meters on /metrics (requests, connections, GC, thread pool) except those
    /// that count something per block of memory or are the runtime's private diagnostics. Kestrel's
    /// memory pool counts each 4 KB block of every request rented and returned: an ingest request
    /// of 1,000 posts is some 90 blocks, and relaying those counts to Prometheus took about 2 % of
    /// a node's CPU flat out. Call before the first scrape, when prometheus-net starts listening.
    /// </summary>
    public static void PublishDotNetMeters() =>
        Metrics.ConfigureMeterAdapter(adapter => adapter.InstrumentFilterPredicate = instrument => IsPublished(instrument.Meter.Name));

    /// <summary>Whether the meter of this name is published on /metrics.</summary>
    internal static bool IsPublished(string meter) =>
        meter != "Microsoft.AspNetCore.MemoryPool" && !meter.StartsWith("Private.InternalDiagnostics.", StringComparison.Ordinal);

    /// <summary>Reports the node's history store at each scrape.</summary>
    public static void WatchHistory(HistoryStore history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var held = Metrics.CreateGauge("streamengine_history_bytes", "Bytes of sealed history (older buckets and influence panes) the brands keep on disk rather than in memory.");
        var files = Metrics.CreateGauge("streamengine_history_file_bytes", "Bytes the history files take, space given back included until its file goes.");
        var failed = Metrics.CreateCounter("streamengine_history_failed_writes_total", "Writes of sealed history that failed (a full disk); what they held stayed in memory.");
        Metrics.DefaultRegistry.AddBeforeCollectCallback(() =>
        {
            held.Set(history.LiveBytes);
            files.Set(history.FileBytes);
            failed.IncTo(history.FailedWrites);
        });
    }
}
