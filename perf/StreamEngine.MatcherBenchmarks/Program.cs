using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;
using StreamEngine.MatcherBenchmarks;
using StreamEngine.MatcherBenchmarks.Hyperscan;

if (args is ["--check"])
{
    HitCheck.Run(Console.Out);
    return;
}

var config = ManualConfig.Create(DefaultConfig.Instance);
if (!HyperscanNative.IsAvailable(out var reason))
{
    Console.WriteLine(reason);
    config.AddFilter(new SimpleFilter(b => !b.Descriptor.Categories.Contains(LiteralSetBenchmarks.HyperscanCategory)));
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
