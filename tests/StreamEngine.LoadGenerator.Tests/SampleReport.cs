using StreamEngine.LoadGenerator.Drive;

namespace StreamEngine.LoadGenerator.Tests;

/// <summary>A drive report of a healthy paced run, for tests to change one thing at a time.</summary>
internal static class SampleReport
{
    private static readonly LatencySummary Some = new(100, 5, 20, 30, 40, 6);

    public static DriveReport Of() => new(
        Url: "http://127.0.0.1:5341/",
        Brands: 6,
        Concepts: 4,
        Terms: 40,
        OfferedRate: 10_000,
        Connections: 4,
        Batch: 1000,
        WarmupSeconds: 12,
        HostJitSettled: true,
        HostJitCompiling: false,
        HostJitMethodsInWarmup: 3_000,
        HostJitMethodsMeasured: 10,
        HostJitSecondsMeasured: 0.01,
        MeasuredSeconds: 10,
        BytesPerPost: 400,
        LinesSent: 220_000,
        Requests: new RequestCounts(220, 0, 0, 0),
        RequestsInWindow: new RequestCounts(100, 0, 0, 0),
        RequestsUnanswered: 0,
        Rejected: 0,
        Late: 1_000,
        Unmatched: 10_000,
        Duplicates: 1_000,
        Accepted: 100_000,
        AcceptedPerSecond: 10_000,
        AcceptedPerSecondMin: 9_000,
        AcceptedPerSecondMedian: 10_000,
        AcceptedPerSecondMax: 11_000,
        BatchesSentBehindSchedule: 0,
        SendersStopped: 0,
        Ack: Some,
        AckFromSchedule: Some,
        Pollers: 0,
        CompareEndpoint: false,
        Queries: new Dictionary<string, LatencySummary>(StringComparer.Ordinal),
        AllQueries: new LatencySummary(0, 0, 0, 0, 0, 0),
        QueryErrors: 0,
        Freshness: null,
        Probes: new ProbeCounts(0, 0, 0, 0),
        GeneratorCpuCores: 0.1,
        LoadAverageAtEnd: "1.00 1.00 1.00",
        FirstError: null);
}
