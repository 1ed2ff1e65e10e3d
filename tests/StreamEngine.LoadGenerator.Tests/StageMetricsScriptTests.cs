
namespace StreamEngine.LoadGenerator.Tests;

/// <summary>perf/firehose/stage_metrics.py reads a /metrics scrape as the node serves it.</summary>
public sealed class StageMetricsScriptTests
{
    private const string RawScrape = """
        # HELP system_runtime_dotnet_gc_heap_total_allocated The approximate number of bytes allocated on the managed GC heap since the process has started. The returned value does not include any native allocations. (Unit: memory.
        # TYPE system_runtime_dotnet_gc_heap_total_allocated counter
        system_runtime_dotnet_gc_heap_total_allocated 123456
        # HELP streamengine_posts_accepted_total Posts accepted.
        # TYPE streamengine_posts_accepted_total counter
        streamengine_posts_accepted_total 2000

        streamengine_mentions_recorded_total 1800
        streamengine_stage_duration_seconds_sum{stage="journal"} 0.5
        streamengine_stage_duration_seconds_count{stage="journal"} 4
        streamengine_query_duration_seconds_sum{endpoint="summary"} 0.02
        streamengine_query_duration_seconds_count{endpoint="summary"} 10

        """;

    [Fact]
    public void A_raw_scrape_with_help_and_type_lines_is_read()
    {
        // ValueError: could not convert string to float: 'memory.\n'
        var scrape = Path.Combine(Path.GetTempPath(), $"streamengine-{Guid.NewGuid():N}.metrics");
        File.WriteAllText(scrape, RawScrape);
        try
        {
            var (exitCode, output, error) = PerfScripts.Run("stage_metrics.py", scrape);

            Assert.True(exitCode == 0, error);
            Assert.Contains("2,000 posts accepted, 1,800 mentions journaled in 4 rounds (500 posts per round)", output, StringComparison.Ordinal);
            Assert.Contains("stage journal         4 observations, mean   125.00 ms", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(scrape);
        }
    }
}
