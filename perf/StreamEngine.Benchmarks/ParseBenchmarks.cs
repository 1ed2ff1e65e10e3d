using BenchmarkDotNet.Attributes;
using StreamEngine.Domain.Posts;

namespace StreamEngine.Benchmarks;

/// <summary>
/// Reading NDJSON lines into posts (<see cref="PostParser.TryParse"/>), on one thread, over 1,000 lines
/// of the load generator's firehose for the demo model (seed 42): the shape and escaping ingest
/// receives, emoji written as <c>\uD83D\uDE00</c> escapes and other non-ASCII text as UTF-8. Every
/// figure is per line.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PerPostConfig))]
public class ParseBenchmarks
{
    private const int Lines = 1000;

    private byte[][] _lines = [];

    [GlobalSetup]
    public void Setup()
    {
        var firehose = BenchmarkFirehose.Of(BenchmarkFirehose.DemoModel());
        _lines = [.. Enumerable.Range(0, Lines).Select(_ => firehose.Next().Line)];
        if (_lines.Any(line => !PostParser.TryParse(line, out _, out _)))
        {
            throw new InvalidOperationException("a line of the benchmark's firehose does not parse");
        }
    }

    [Benchmark(OperationsPerInvoke = Lines)]
    public int Parse()
    {
        var chars = 0;
        foreach (var line in _lines)
        {
            PostParser.TryParse(line, out var post, out _);
            chars += post!.Text.Length;
        }

        return chars;
    }
}
