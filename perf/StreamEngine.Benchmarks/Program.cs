using System.Text;
using BenchmarkDotNet.Running;
using StreamEngine.Benchmarks;

if (args is ["--corpus", ..])
{
    // Shows what the benchmarks read: size figures and a few posts.
    var posts = PostCorpus.Generate();
    var bytes = posts.Select(p => Encoding.UTF8.GetByteCount(p)).ToArray();
    Console.WriteLine($"{posts.Length} posts, {bytes.Average():F0} UTF-8 bytes on average ({bytes.Min()}..{bytes.Max()}), {posts.Average(p => p.Length):F0} UTF-16 units");
    foreach (var post in posts.Take(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 8))
    {
        Console.WriteLine(post);
    }

    return;
}

if (args is ["--cpu-time", ..])
{
    CpuTimeRounds.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 60);
    return;
}

if (args is ["--brand-memory", var brands, var minutes, ..])
{
    // --brand-memory BRANDS MINUTES [--history DIRECTORY]
    var history = args is [_, _, _, "--history", var directory] ? StreamEngine.Domain.Aggregates.HistoryStore.Open(directory) : null;
    BrandMemory.Run(int.Parse(brands, System.Globalization.CultureInfo.InvariantCulture), int.Parse(minutes, System.Globalization.CultureInfo.InvariantCulture), history);
    history?.Dispose();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
