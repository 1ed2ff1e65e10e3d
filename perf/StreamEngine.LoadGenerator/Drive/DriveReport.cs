using System.Globalization;
using System.Text;
using System.Text.Json;

namespace StreamEngine.LoadGenerator.Drive;

/// <summary>What a drive run measured; printed as a table and written as JSON (--json FILE).</summary>
public sealed record DriveReport(
    string Url,
    int Brands,
    int Concepts,
    int Terms,
    double? OfferedRate,
    int Connections,
    int Batch,
    double WarmupSeconds,
    bool? HostJitSettled,
    bool? HostJitCompiling,
    long HostJitMethodsInWarmup,
    long? HostJitMethodsMeasured,
    double? HostJitSecondsMeasured,
    double MeasuredSeconds,
    double BytesPerPost,
    long LinesSent,
    RequestCounts Requests,
    RequestCounts RequestsInWindow,
    long RequestsUnanswered,
    long Rejected,
    long Late,
    long Unmatched,
    long Duplicates,
    long Accepted,
    double AcceptedPerSecond,
    long? AcceptedPerSecondMin,
    long? AcceptedPerSecondMedian,
    long? AcceptedPerSecondMax,
    long BatchesSentBehindSchedule,
    int SendersStopped,
    LatencySummary Ack,
    LatencySummary? AckFromSchedule,
    int Pollers,
    bool CompareEndpoint,
    IReadOnlyDictionary<string, LatencySummary> Queries,
    LatencySummary AllQueries,
    long QueryErrors,
    LatencySummary? Freshness,
    ProbeCounts Probes,
    double GeneratorCpuCores,
    string LoadAverageAtEnd,
    string? FirstError)
{
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The run was stopped by Ctrl-C before its end: what it measured covers less than was asked.</summary>
    public bool Interrupted { get; init; }

    /// <summary>Why the run is no measurement (<see cref="DriveVerdict"/>), null for a sound one: in the JSON, so that no script takes a failed run for a slow node.</summary>
    public string? Failure { get; init; }

    public string Table()
    {
        var t = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        t.AppendLine(c, $"target            {Url}  model: {Brands} brands, {Concepts} concepts, {Terms} terms");
        t.AppendLine(c, $"load              {(OfferedRate is { } r ? $"{r:#,0.######} posts/s offered" : "max (closed loop)")}, {Connections} connections, {Batch} posts/request, {BytesPerPost:0} B/post");
        t.AppendLine(c, $"window            {WarmupSeconds:0.#} s warm-up, {MeasuredSeconds:0.#} s measured; load generator used {GeneratorCpuCores:0.00} cores; load average at end {LoadAverageAtEnd}");
        t.AppendLine(c, $"node's jit        {HostJitLine()}");
        if (HostJitMethodsMeasured > JitSettling.ManyMethods)
        {
            t.AppendLine(c, $"warning           the node's JIT compiled {HostJitMethodsMeasured:N0} methods in the measured window: the figures are not its steady state; run longer or raise --warmup");
        }

        t.AppendLine(c, $"requests          (warm-up included) {Requests.Ok} ok, {Requests.Throttled} x 429, {Requests.Unavailable} x 503, {Requests.Failed} failed, {RequestsUnanswered} unanswered at the end; {BatchesSentBehindSchedule} batches sent >10 ms behind schedule");
        if (SendersStopped > 0)
        {
            t.AppendLine(c, $"warning           {SendersStopped} of the {Connections} connections stopped sending on an error (first error below)");
        }

        t.AppendLine(c, $"sent in window    {RequestsInWindow.Total} requests: {RequestsInWindow.Ok} ok, {RequestsInWindow.Throttled} x 429, {RequestsInWindow.Unavailable} x 503, {RequestsInWindow.Failed} failed (what is counted below)");
        t.AppendLine(c, $"accepted          {Accepted:N0} posts (late {Late:N0}, unmatched {Unmatched:N0}, duplicates {Duplicates:N0}; rejected {Rejected:N0})");
        if (AcceptedPerSecondMin is null)
        {
            t.AppendLine(c, $"sustained         {AcceptedPerSecond:N0} accepted posts/s  (per second: none, the measured window holds no whole second)");
        }
        else
        {
            t.AppendLine(c, $"sustained         {AcceptedPerSecond:N0} accepted posts/s  (per second: min {AcceptedPerSecondMin:N0}, median {AcceptedPerSecondMedian:N0}, max {AcceptedPerSecondMax:N0})");
        }
        t.AppendLine();
        t.AppendLine("latency (ms)                      n        p50       p99     p99.9       max");
        Row(t, "ack (send → 200)", Ack);
        if (AckFromSchedule is { } s)
        {
            Row(t, "ack from schedule (CO-corrected)", s);
        }

        foreach (var (endpoint, q) in Queries.OrderBy(q => q.Key, StringComparer.Ordinal))
        {
            Row(t, $"query {endpoint}", q);
        }

        if (Pollers > 0)
        {
            Row(t, $"query all ({Pollers} pollers)", AllQueries);
            t.AppendLine(c, $"query errors      {QueryErrors:N0} queries failed or answered other than 200 (warm-up included; their latency is not in the rows above)");
        }

        if (Freshness is { } f)
        {
            Row(t, "freshness (ack → timeseries)", f);
            t.AppendLine(c, $"probes            {Probes.Sent} sent, {Probes.TimedOut} not seen within 10 s, {Probes.Voided} not acknowledged; {Probes.ReadsFailed} reads of the series failed");
        }

        if (FirstError is not null)
        {
            t.AppendLine(c, $"first error       {FirstError}");
        }

        return t.ToString();
    }

    private string HostJitLine()
    {
        if (HostJitSettled is not { } settled)
        {
            return "not read from the node's /metrics (not published there, or the warm-up ended before a first reading): the warm-up was --warmup alone";
        }

        var c = CultureInfo.InvariantCulture;
        var state = settled ? "settled"
            : HostJitCompiling == true ? "still compiling when the warm-up ended"
            : string.Create(c, $"quiet, but the warm-up ended before {JitSettling.QuietSeconds} s of readings could show it settled");
        var measured = HostJitMethodsMeasured is { } methods && HostJitSecondsMeasured is { } seconds
            ? string.Create(c, $"{methods:N0} in the measured window, {seconds:0.00} s of compiling")
            : "its /metrics could not be read at the end: what it compiled in the measured window is not known";
        return string.Create(c, $"{HostJitMethodsInWarmup:N0} methods compiled in the warm-up, {state}; {measured}");
    }

    private static void Row(StringBuilder t, string name, LatencySummary s) =>
        t.AppendLine(s.Row(name, 32));
}
