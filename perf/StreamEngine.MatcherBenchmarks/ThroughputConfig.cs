using BenchmarkDotNet.Configs;

namespace StreamEngine.MatcherBenchmarks;

/// <summary>Adds posts/s and MB/s to suites whose Mean is per post.</summary>
public sealed class ThroughputConfig : ManualConfig
{
    public ThroughputConfig() => AddColumn(ThroughputColumn.PostsPerSecond, ThroughputColumn.MegabytesPerSecond);
}
