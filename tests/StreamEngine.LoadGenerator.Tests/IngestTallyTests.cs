using System.Net;
using StreamEngine.LoadGenerator.Drive;

namespace StreamEngine.LoadGenerator.Tests;

/// <summary>
/// What a drive counts of its ingest requests, given the times they went and came back (in stopwatch
/// ticks; the window is open from 1,000 to 5,000).
/// </summary>
public sealed class IngestTallyTests
{
    private static IngestTally Tally()
    {
        var window = new MeasuredWindow();
        window.Open(1_000, 5_000);
        var tally = new IngestTally(window, seconds: 10);
        tally.Begin(0);
        return tally;
    }

    private static IngestAnswer Answer(HttpStatusCode? status, long accepted = 1_000) =>
        new(accepted, 0, 3, 100, 2, null, status, status == HttpStatusCode.OK ? null : $"HTTP {(int?)status}");

    private static void Record(IngestTally tally, IngestAnswer answer, long sent, long done)
    {
        tally.Sending();
        tally.Answered(answer, sent, sent, done);
    }

    [Fact]
    public void Only_a_200_is_an_acknowledgement()
    {
        // A 503, a 429 and a failure came back fast: read as acknowledgements, a node refusing the
        // load looked faster than one taking it.
        var tally = Tally();
        Record(tally, Answer(HttpStatusCode.OK), 1_100, 1_900);
        Record(tally, Answer(HttpStatusCode.ServiceUnavailable, 0), 1_200, 1_210);
        Record(tally, Answer(HttpStatusCode.TooManyRequests, 400), 1_300, 1_310);
        Record(tally, Answer(null, 0), 1_400, 1_401);

        var counts = tally.Counts();

        Assert.Equal(1, counts.Ack.Count);
        Assert.Equal(1, counts.AckFromSchedule.Count);
        Assert.Equal(new RequestCounts(1, 1, 1, 1), counts.Window);
        Assert.Equal(1_400, counts.Accepted);
    }

    [Fact]
    public void A_request_sent_in_the_warm_up_is_not_counted_though_answered_in_the_window()
    {
        // Eight connections each had one in flight when the window opened: 56 batches counted as
        // accepted against 48 acknowledgements, and posts/s read high.
        var tally = Tally();
        Record(tally, Answer(HttpStatusCode.OK), 900, 1_500);
        Record(tally, Answer(HttpStatusCode.OK), 1_500, 2_000);

        var counts = tally.Counts();

        Assert.Equal(1_000, counts.Accepted);
        Assert.Equal(1, counts.Ack.Count);
        Assert.Equal(new RequestCounts(1, 0, 0, 0), counts.Window);
        Assert.Equal(new RequestCounts(2, 0, 0, 0), counts.Run);
    }

    [Fact]
    public void A_paced_request_counts_by_its_schedule_and_the_window_holds_its_start_not_its_end()
    {
        // Paced at a batch every 1,000 ticks over a window of 4,000: four batches, not five. One due
        // at 900 and sent late, at 1,100, and one due at the window's very end were counted, and a
        // paced run accepted more posts a second than it offered.
        var tally = Tally();
        foreach (var due in new long[] { 900, 1_000, 2_000, 3_000, 4_000, 5_000 })
        {
            tally.Sending();
            tally.Answered(Answer(HttpStatusCode.OK), due, due == 900 ? 1_100 : due, due + 50);
        }

        var counts = tally.Counts();

        Assert.Equal(new RequestCounts(4, 0, 0, 0), counts.Window);
        Assert.Equal(4_000, counts.Accepted);
    }

    [Fact]
    public void A_request_sent_in_the_window_counts_with_its_latency_though_answered_after_it()
    {
        var tally = Tally();
        Record(tally, Answer(HttpStatusCode.OK), 4_900, 6_000);

        var counts = tally.Counts();

        Assert.Equal(1_000, counts.Accepted);
        Assert.Equal(1, counts.Ack.Count);
    }

    [Fact]
    public void Accepted_posts_and_acknowledgements_agree()
    {
        var tally = Tally();
        for (var sent = 0L; sent < 6_000; sent += 250)
        {
            Record(tally, Answer(HttpStatusCode.OK), sent, sent + 700);
        }

        var counts = tally.Counts();

        Assert.Equal(counts.Ack.Count * 1_000, counts.Accepted);
        Assert.Equal(counts.Window.Ok, counts.Ack.Count);
    }

    [Fact]
    public void A_request_sent_and_never_answered_is_still_in_flight()
    {
        var tally = Tally();
        tally.Sending();
        Record(tally, Answer(HttpStatusCode.OK), 1_100, 1_200);

        Assert.Equal(1, tally.Counts().Unanswered);
    }
}
