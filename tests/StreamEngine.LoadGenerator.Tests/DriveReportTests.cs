using StreamEngine.LoadGenerator.Drive;

namespace StreamEngine.LoadGenerator.Tests;

/// <summary>What the table says of a run: what was measured, as it was measured.</summary>
public sealed class DriveReportTests
{
    [Fact]
    public void A_rate_below_one_post_a_second_is_printed_as_given() =>
        Assert.Contains("0.5 posts/s offered", (SampleReport.Of() with { OfferedRate = 0.5 }).Table(), StringComparison.Ordinal);

    [Fact]
    public void A_short_warm_up_that_compiled_little_is_not_called_compiling()
    {
        var table = (SampleReport.Of() with { HostJitSettled = false, HostJitCompiling = false, HostJitMethodsInWarmup = 5 }).Table();

        Assert.DoesNotContain("still compiling", table, StringComparison.Ordinal);
        Assert.Contains("5 methods compiled in the warm-up, quiet, but the warm-up ended before 5 s of readings could show it settled", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_unread_at_the_end_are_said_to_be_unread_not_left_blank()
    {
        // "; in the measured window,  s of compiling"
        var table = (SampleReport.Of() with { HostJitMethodsMeasured = null, HostJitSecondsMeasured = null }).Table();

        Assert.Contains("3,000 methods compiled in the warm-up, settled; its /metrics could not be read at the end", table, StringComparison.Ordinal);
        Assert.DoesNotContain(" s of compiling", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Freshness_is_named_for_the_series_the_probe_reads_and_failed_reads_are_counted()
    {
        var table = (SampleReport.Of() with { Freshness = new LatencySummary(15, 5, 9, 9, 9, 6), Probes = new ProbeCounts(16, 0, 1, 2) }).Table();

        Assert.Contains("freshness (ack → timeseries)", table, StringComparison.Ordinal);
        Assert.Contains("probes            16 sent, 0 not seen within 10 s, 1 not acknowledged; 2 reads of the series failed", table, StringComparison.Ordinal);
    }

    [Fact]
    public void A_latency_with_nothing_measured_has_no_figures_rather_than_zeros()
    {
        // Every probe rode on a request answered 429: a p99 freshness of 0 ms read as instant.
        var nothing = new Latency().Summary();
        var report = SampleReport.Of() with { Freshness = nothing, Probes = new ProbeCounts(7, 0, 7, 0) };

        var row = report.Table().Split('\n').Single(l => l.StartsWith("freshness", StringComparison.Ordinal));
        Assert.Equal(["freshness", "(ack", "→", "timeseries)", "0", "-", "-", "-", "-"], row.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Null(nothing.P99);
        using var json = System.Text.Json.JsonDocument.Parse(System.Text.Json.JsonSerializer.Serialize(report, DriveReport.Json));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.RootElement.GetProperty("freshness").GetProperty("p99").ValueKind);
    }
}
