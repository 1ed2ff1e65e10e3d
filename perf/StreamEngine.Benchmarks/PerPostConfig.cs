namespace StreamEngine.Benchmarks;

/// <summary>The configuration of the suites that time one post per operation: the posts/s column added.</summary>
public sealed class PerPostConfig : BenchmarkDotNet.Configs.ManualConfig
{
    public PerPostConfig() => AddColumn(new PostsPerSecondColumn());
}
