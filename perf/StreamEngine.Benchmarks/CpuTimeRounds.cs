using System.Globalization;

namespace StreamEngine.Benchmarks;

/// <summary>
/// The benchmarks' own methods timed in thread CPU time, in interleaved rounds, with the median and
/// the 10th percentile per post: a check that stays steady while other processes load the machine
/// (see <see cref="ThreadCpuTime"/>), used to compare builds step by step. BenchmarkDotNet's wall-clock
/// figures remain the reference on a quiet machine.
/// </summary>
internal static class CpuTimeRounds
{
    private const int Posts = 1000;

    public static void Run(int rounds)
    {
        if (!ThreadCpuTime.IsAvailable)
        {
            Console.Error.WriteLine("thread CPU time is read on Linux only");
            return;
        }

        var sentiment = new SentimentBenchmarks();
        sentiment.Setup();
        var pass = new FullPassBenchmarks();
        pass.Setup();
        (string Name, Func<double> Run)[] methods =
        [
            ("Tokenize", () => sentiment.Tokenize()),
            ("Sentiment", sentiment.Sentiment),
            ("SentimentAndEmotions", sentiment.SentimentAndEmotions),
            ("TokenizeAndMatch", () => pass.TokenizeAndMatch()),
            ("FullPass", pass.FullPass),
            ("Analyze", () => pass.Analyze()),
        ];

        // Warm-up, so that every method runs its final tier.
        for (var w = 0; w < 200; w++)
        {
            foreach (var (_, run) in methods)
            {
                run();
            }
        }

        var samples = methods.Select(_ => new List<double>()).ToArray();
        var scoring = new List<double>();
        var feelings = new List<double>();
        for (var r = 0; r < rounds; r++)
        {
            for (var m = 0; m < methods.Length; m++)
            {
                var start = ThreadCpuTime.Now();
                methods[m].Run();
                samples[m].Add((ThreadCpuTime.Now() - start) / (double)Posts);
            }

            scoring.Add(samples[1][^1] - samples[0][^1]);
            feelings.Add(samples[4][^1] - samples[3][^1]);
        }

        Console.WriteLine($"thread CPU time per post, {rounds} rounds of {Posts} posts: median (10th percentile)");
        for (var m = 0; m < methods.Length; m++)
        {
            Console.WriteLine(Line(methods[m].Name, samples[m]));
        }

        Console.WriteLine(Line("Sentiment - Tokenize", scoring));
        Console.WriteLine(Line("FullPass - TokenizeAndMatch", feelings));
        var fullPass = Quantile(samples[4], 0.5);
        Console.WriteLine($"FullPass: {(1e9 / fullPass).ToString("N0", CultureInfo.InvariantCulture)} posts/s per core of CPU time");
    }

    private static string Line(string name, List<double> values) =>
        string.Create(CultureInfo.InvariantCulture, $"{name,-28} {Quantile(values, 0.5),8:N0} ns ({Quantile(values, 0.1):N0})");

    private static double Quantile(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)(q * (sorted.Count - 1))];
    }
}
