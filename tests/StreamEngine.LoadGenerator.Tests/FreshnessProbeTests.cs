using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using StreamEngine.LoadGenerator.Drive;

namespace StreamEngine.LoadGenerator.Tests;

/// <summary>
/// The freshness probe against a node whose per-minute series it reads; the test carries each probe as
/// a drive request would, the node counting its posts at once.
/// </summary>
public sealed class FreshnessProbeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 30, TimeSpan.Zero);

    private sealed class Node
    {
        private long _mentions = 40;

        /// <summary>How the next reads of the series are answered: a status other than 200, or null for the series.</summary>
        public Queue<HttpStatusCode?> Answers { get; } = new();

        public void Took(int posts) => Interlocked.Add(ref _mentions, posts);

        public HttpResponseMessage Answer(HttpRequestMessage request)
        {
            Assert.Equal("/api/brands/probe/timeseries", request.RequestUri!.AbsolutePath);
            lock (Answers)
            {
                if (Answers.TryDequeue(out var status) && status is { } refused)
                {
                    return StubHandler.Json("""{"error":"not now"}""", refused);
                }
            }

            var minute = Now.AddSeconds(-30).ToString("O", CultureInfo.InvariantCulture);
            return StubHandler.Json($$"""{"points":[{"t":"{{minute}}","mentions":{{Interlocked.Read(ref _mentions)}}}]}""");
        }
    }

    private static async Task<FreshnessProbe> RunAsync(Node node, int probes, List<string> notes)
    {
        using var http = StubHandler.Client(node.Answer);
        var window = new MeasuredWindow();
        window.Open(0, long.MaxValue);
        var probe = new FreshnessProbe(http, window, "probe", 3, TimeSpan.FromMilliseconds(1),
            (id, _) => Encoding.UTF8.GetBytes(id + "\n"), new FixedTime(Now), notes.Add);
        using var stop = new CancellationTokenSource();
        var run = probe.RunAsync("run", stop.Token);
        for (var i = 0; i < probes; i++)
        {
            var carried = await probe.TakeAsync(CancellationToken.None);
            node.Took(carried.Lines);
            carried.Complete(Stopwatch.GetTimestamp(), ok: true);
            await WhenCountedAsync(probe, i + 1);
        }

        await stop.CancelAsync();
        await run;
        return probe;
    }

    private static async Task WhenCountedAsync(FreshnessProbe probe, int sent)
    {
        // The probe counts a probe sent once it reads the answer; it is seen at the next read.
        while (probe.Counts.Sent < sent || probe.Freshness.Count + probe.Counts.TimedOut < sent)
        {
            await Task.Yield();
        }
    }

    // A probe that stopped counting would leave the test waiting: failed after a minute instead.
    [Fact(Timeout = 60_000)]
    public async Task A_failed_read_of_the_baseline_is_counted_and_the_probe_goes_on()
    {
        // One 500 ended the probe, and the report read "freshness n=15" beside "probes 0 sent".
        var node = new Node();
        node.Answers.Enqueue(HttpStatusCode.InternalServerError);
        var notes = new List<string>();

        var probe = await RunAsync(node, probes: 2, notes);

        Assert.Equal(new ProbeCounts(2, 0, 0, 1), probe.Counts);
        Assert.Equal(2, probe.Freshness.Count);
        Assert.Equal("GET /api/brands/probe/timeseries?window=15m&step=1m: HTTP 500", Assert.Single(notes));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_failed_read_while_waiting_to_see_the_posts_is_counted_and_the_wait_goes_on()
    {
        var node = new Node();
        node.Answers.Enqueue(null);
        node.Answers.Enqueue(HttpStatusCode.ServiceUnavailable);

        var probe = await RunAsync(node, probes: 1, []);

        Assert.Equal(new ProbeCounts(1, 0, 0, 1), probe.Counts);
        Assert.Equal(1, probe.Freshness.Count);
    }
}
