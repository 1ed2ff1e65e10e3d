using StreamEngine.LoadGenerator.Drive;

namespace StreamEngine.LoadGenerator.Tests;

/// <summary>A drive exits 1 when its report is of a node that went away or refused the load, not of one taking it.</summary>
public sealed class DriveVerdictTests
{
    [Fact]
    public void A_run_the_node_took_passes() =>
        Assert.Null(DriveVerdict.Failure(SampleReport.Of()));

    [Fact]
    public void Back_pressure_fails_nothing() =>
        Assert.Null(DriveVerdict.Failure(SampleReport.Of() with { RequestsInWindow = new RequestCounts(80, 20, 0, 0) }));

    [Fact]
    public void A_node_killed_mid_run_fails_it()
    {
        // 193 ok and 9,516 failed once the node was killed, and the tool exited 0.
        var report = SampleReport.Of() with { RequestsInWindow = new RequestCounts(193, 0, 0, 9_516), FirstError = "HttpRequestException: Connection refused" };

        var failure = DriveVerdict.Failure(report);

        Assert.Equal("of the 9709 requests sent in the measured window, 9516 failed and 0 were answered 503 (first error: HttpRequestException: Connection refused): the node went away or refused the load", failure);
    }

    [Fact]
    public void A_node_stopping_mid_run_fails_it() =>
        Assert.NotNull(DriveVerdict.Failure(SampleReport.Of() with { RequestsInWindow = new RequestCounts(100, 0, 3, 0) }));

    [Fact]
    public void A_node_that_stopped_answering_fails_it() =>
        Assert.StartsWith("2 requests were still unanswered", DriveVerdict.Failure(SampleReport.Of() with { RequestsUnanswered = 2 }), StringComparison.Ordinal);

    [Fact]
    public void A_window_that_accepted_nothing_fails_it()
    {
        Assert.NotNull(DriveVerdict.Failure(SampleReport.Of() with { Accepted = 0 }));
        Assert.Equal(
            "no request was sent in the measured window: the load ended within the warm-up",
            DriveVerdict.Failure(SampleReport.Of() with { Accepted = 0, RequestsInWindow = new RequestCounts(0, 0, 0, 0) }));
    }

    [Fact]
    public void A_sender_that_stopped_on_an_error_fails_it() =>
        Assert.StartsWith("1 of the 4 connections stopped sending", DriveVerdict.Failure(SampleReport.Of() with { SendersStopped = 1 }), StringComparison.Ordinal);

    [Fact]
    public void A_run_cut_short_by_ctrl_c_fails_it()
    {
        // SIGINT 4.5 s into a 10 s run printed a figure and exited 0.
        var report = SampleReport.Of() with { Interrupted = true, MeasuredSeconds = 2.9 };

        Assert.Equal("the run was interrupted after 2.9 s measured", DriveVerdict.Failure(report));
    }

    [Fact]
    public void The_json_says_why_a_run_is_no_measurement()
    {
        var failed = SampleReport.Of() with { RequestsUnanswered = 1 };
        var written = System.Text.Json.JsonDocument.Parse(System.Text.Json.JsonSerializer.Serialize(failed with { Failure = DriveVerdict.Failure(failed) }, DriveReport.Json)).RootElement;

        Assert.StartsWith("1 requests were still unanswered", written.GetProperty("failure").GetString(), StringComparison.Ordinal);
        Assert.False(written.GetProperty("interrupted").GetBoolean());
    }
}
