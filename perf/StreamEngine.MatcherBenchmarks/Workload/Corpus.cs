using System.Text;
using StreamEngine.Benchmarks;

namespace StreamEngine.MatcherBenchmarks.Workload;

/// <summary>
/// The posts every contender reads: the sentiment suite's 1,000 deterministic posts, as UTF-16
/// strings (what the engine matches after decoding) and as UTF-8 bytes (what Hyperscan scans and
/// what MB/s is counted in).
/// </summary>
public static class Corpus
{
    public const int PostCount = 1000;

    public static string[] Posts { get; } = PostCorpus.Generate(PostCount);

    public static byte[][] Utf8 { get; } = [.. Posts.Select(Encoding.UTF8.GetBytes)];

    public static long Utf8Bytes { get; } = Utf8.Sum(p => (long)p.Length);
}
