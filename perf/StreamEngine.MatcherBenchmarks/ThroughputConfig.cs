using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace StreamEngine.MatcherBenchmarks;

/// <summary>Adds the median, posts/s and MB/s to suites whose times are per post.</summary>
public sealed class ThroughputConfig : ManualConfig
{
    public ThroughputConfig() => AddColumn(StatisticColumn.Median, ThroughputColumn.PostsPerSecond, ThroughputColumn.MegabytesPerSecond);
}
