using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using StreamEngine.MatcherBenchmarks.Contenders;
using StreamEngine.MatcherBenchmarks.Hyperscan;
using StreamEngine.MatcherBenchmarks.Workload;

namespace StreamEngine.MatcherBenchmarks;

/// <summary>
/// Every contender finds and counts all whole-word hits of a literal set in each post of the
/// corpus, on one thread. An invocation reads the whole corpus and BenchmarkDotNet divides by
/// <see cref="Corpus.PostCount"/>, so every figure is per post. Each contender is built only in
/// the process that times it.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class LiteralSetBenchmarks
{
    public const string HyperscanCategory = "Hyperscan";

    private readonly string[] _posts = Corpus.Posts;
    private readonly byte[][] _utf8 = Corpus.Utf8;

    private EngineLiterals _engine = null!;
    private SearchValuesLiterals _searchValues = null!;
    private RegexLiterals _regex = null!;
    private HyperscanLiterals? _hyperscan;

    [Params(100, 1_000, 10_000)]
    public int Terms { get; set; }

    [GlobalSetup(Target = nameof(Engine))]
    public void SetUpEngine() => _engine = new EngineLiterals(LiteralSets.Terms(Terms));

    [GlobalSetup(Target = nameof(SearchValuesIndexOfAny))]
    public void SetUpSearchValues() => _searchValues = new SearchValuesLiterals(LiteralSets.Terms(Terms));

    [GlobalSetup(Target = nameof(RegexCompiled))]
    public void SetUpRegexCompiled() => _regex = new RegexLiterals(LiteralSets.Terms(Terms), RegexOptions.Compiled);

    [GlobalSetup(Target = nameof(RegexNonBacktracking))]
    public void SetUpRegexNonBacktracking() => _regex = new RegexLiterals(LiteralSets.Terms(Terms), RegexOptions.NonBacktracking);

    [GlobalSetup(Target = nameof(HyperscanAsciiBoundary))]
    public void SetUpHyperscanAscii() => _hyperscan = new HyperscanLiterals(LiteralSets.Terms(Terms), HyperscanBoundary.Ascii);

    [GlobalSetup(Target = nameof(HyperscanVerifiedBoundary))]
    public void SetUpHyperscanVerified() => _hyperscan = new HyperscanLiterals(LiteralSets.Terms(Terms), HyperscanBoundary.Verified);

    [GlobalCleanup(Targets = [nameof(HyperscanAsciiBoundary), nameof(HyperscanVerifiedBoundary)])]
    public void CleanUpHyperscan() => _hyperscan?.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Corpus.PostCount)]
    public int Engine()
    {
        var hits = 0;
        foreach (var post in _posts)
        {
            hits += _engine.Count(post);
        }

        return hits;
    }

    [Benchmark(OperationsPerInvoke = Corpus.PostCount)]
    public int SearchValuesIndexOfAny()
    {
        var hits = 0;
        foreach (var post in _posts)
        {
            hits += _searchValues.Count(post);
        }

        return hits;
    }

    [Benchmark(OperationsPerInvoke = Corpus.PostCount)]
    public int RegexCompiled() => CountRegex();

    [Benchmark(OperationsPerInvoke = Corpus.PostCount)]
    public int RegexNonBacktracking() => CountRegex();

    [Benchmark(OperationsPerInvoke = Corpus.PostCount)]
    [BenchmarkCategory(HyperscanCategory)]
    public int HyperscanAsciiBoundary() => CountHyperscan();

    [Benchmark(OperationsPerInvoke = Corpus.PostCount)]
    [BenchmarkCategory(HyperscanCategory)]
    public int HyperscanVerifiedBoundary() => CountHyperscan();

    private int CountRegex()
    {
        var hits = 0;
        foreach (var post in _posts)
        {
            hits += _regex.Count(post);
        }

        return hits;
    }

    private int CountHyperscan()
    {
        var hits = 0;
        foreach (var post in _utf8)
        {
            hits += _hyperscan!.Count(post);
        }

        return hits;
    }
}
