using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using StreamEngine.MatcherBenchmarks.Workload;

namespace StreamEngine.MatcherBenchmarks;

/// <summary>
/// A rate read off a benchmark whose Median is the time per post on one thread: posts per second,
/// or UTF-8 megabytes (10^6 bytes) of posts per second at the corpus's average post size. The
/// median, since on a shared machine a few slow iterations move the mean of a short run.
/// </summary>
internal sealed class ThroughputColumn(string name, string legend, Func<double, double> fromNanosecondsPerPost) : IColumn
{
    public static readonly IColumn PostsPerSecond = new ThroughputColumn(
        "Posts/s", "Posts per second on one core: 1 s / Median", ns => 1e9 / ns);

    public static readonly IColumn MegabytesPerSecond = new ThroughputColumn(
        "MB/s", "UTF-8 megabytes (10^6 bytes) of posts per second on one core", ns => (double)Corpus.Utf8Bytes / Corpus.PostCount / ns * 1e3);

    public string Id => nameof(ThroughputColumn) + "." + name;

    public string ColumnName => name;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => legend;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        summary[benchmarkCase]?.ResultStatistics?.Median is > 0 and var ns
            ? fromNanosecondsPerPost(ns).ToString("N0", CultureInfo.InvariantCulture)
            : "-";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
