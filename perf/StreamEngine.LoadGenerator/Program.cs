using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using StreamEngine.Domain.Model;
using StreamEngine.LoadGenerator.Drive;
using StreamEngine.LoadGenerator.Firehose;

namespace StreamEngine.LoadGenerator;

internal static class Program
{
    internal const string Usage = """
        StreamEngine load generator — a reproducible synthetic firehose and an HTTP driver.

          generate --out FILE [--count 100000] [model] [firehose]
                                                                write that many posts as NDJSON
          model --out FILE --brands N [--concept-terms T | --concepts-per-brand C] [--terms-per-concept 10] [--seed 7]
                                                                write a synthetic model.yaml: T concept terms in all,
                                                                or C per brand (10 by default), 10 to a concept
          drive --url http://127.0.0.1:PORT --rate R|max --connections C --batch B --duration S
                [--warmup 3] [--warmup-max 120] [--requests N | --once] [--pool-posts 200000]
                [--pollers N (brings --probe)] [--poll-interval-ms 100] [--probe] [--probe-brand ID] [--probe-posts 3]
                [--probe-every-ms 200] [--json FILE] [model] [firehose]
                                                                drive POST /api/ingest and report; a probe starts
                                                                --probe-every-ms after the last one ended; the warm-up
                                                                lasts --warmup at least, then until the node's
                                                                JIT has compiled at most 50 methods over 5 s of
                                                                readings of its /metrics (so 5 s or a little more
                                                                even at --warmup 0), --warmup-max at most; it is
                                                                --warmup alone with --requests or --once, with
                                                                --warmup-max no more than --warmup, or when the
                                                                node publishes no JIT counts;
                                                                exits 1 after its report when a request sent in
                                                                the measured window failed or was answered 503,
                                                                one was unanswered 60 s after the deadline, or
                                                                the window accepted no post (a 429 fails nothing),
                                                                or Ctrl-C cut it short; its JSON's "failure" says why
          await-brands --url http://127.0.0.1:PORT [--timeout 120] [--parallel 32] [--since-unix-ms T] [--json FILE]
                                                                time until ready and until every brand answers

        """ + FirehoseCli.OptionsHelp;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help" || args.Skip(1).Any(x => x is "-h" or "--help"))
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        try
        {
            var a = new CommandArgs(args.Skip(1));
            return args[0] switch
            {
                "generate" => Generate(a),
                "model" => WriteModel(a),
                "drive" => await DriveAsync(a),
                "await-brands" => await AwaitBrandsAsync(a),
                _ => throw new ArgumentException($"unknown command '{args[0]}'"),
            };
        }
        catch (Exception ex) when (ex is ArgumentException or ModelException or FormatException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
        catch (HttpRequestException ex)
        {
            await Console.Error.WriteLineAsync($"the engine could not be reached: {ex.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (args[0] == "await-brands")
        {
            await Console.Error.WriteLineAsync("the engine did not answer for every brand within --timeout");
            return 1;
        }
        catch (OperationCanceledException) when (args[0] == "drive")
        {
            await Console.Error.WriteLineAsync($"the engine did not answer the drive's first request (GET /api/brands) within {Driver.ListingTimeout.TotalSeconds:0} s");
            return 1;
        }
    }

    private static int Generate(CommandArgs a)
    {
        var path = a.OutputFile("out") ?? throw new ArgumentException("--out is required");
        var count = a.Long("count", 100_000, min: 0);
        var (model, description) = FirehoseCli.Model(a);
        var options = FirehoseCli.ForFile(FirehoseCli.Options(a), prefixGiven: a.Has("id-prefix"));
        a.RejectUnknown();
        var started = Stopwatch.GetTimestamp();
        var generator = new FirehoseGenerator(model, options);
        using (var file = new BufferedStream(File.Create(path), 1 << 20))
        {
            generator.WriteTo(file, count);
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {count:N0} posts ({new FileInfo(path).Length / 1e6:0.0} MB) to {path} in {seconds:0.0} s; model {description}; seed {options.Seed}, now {options.Now:O}"));
        return 0;
    }

    private static int WriteModel(CommandArgs a)
    {
        var path = a.OutputFile("out") ?? throw new ArgumentException("--out is required");
        var brands = a.Int("brands", 100, min: 1);
        var terms = FirehoseCli.ConceptTerms(a, brands);
        var perConcept = a.Int("terms-per-concept", 10, min: 1);
        var seed = a.Int("seed", 7);
        a.RejectUnknown();
        var yaml = ModelSynthesizer.Yaml(brands, terms, perConcept, seed);
        var model = ModelLoader.Parse(yaml, path);
        File.WriteAllText(path, yaml);
        Console.Error.WriteLine($"wrote {path}: {model.Brands.Count} brands, {model.Concepts.Count} concepts, {QueryTerms.Count(model)} terms");
        return 0;
    }

    /// <summary>
    /// How long a warm-up may wait for the node's JIT. A load of so many requests may end before the
    /// JIT settles, and what it sent would all be warm-up: its warm-up is --warmup alone.
    /// </summary>
    private static TimeSpan WarmupMax(CommandArgs a, TimeSpan warmup)
    {
        var finite = a.Has("requests") || a.Flag("once");
        if (finite && a.Has("warmup-max"))
        {
            throw new ArgumentException("--warmup-max applies to a load bounded by --duration; with --requests or --once the warm-up is --warmup alone");
        }

        return finite ? warmup : TimeSpan.FromSeconds(a.Double("warmup-max", 120, min: 0));
    }

    private static async Task<int> DriveAsync(CommandArgs a)
    {
        var url = a.Url("url");
        var rate = a.String("rate", "max")!;
        var (model, _) = FirehoseCli.Model(a);
        var pollers = a.Int("pollers", 0, min: 0);

        // Dashboards polling are what freshness is measured for: pollers bring the probe with them.
        var probe = a.Flag("probe") || pollers > 0;
        var probeBrand = a.String("probe-brand") ?? (probe ? model.Brands[^1].Id : null);
        var firehose = FirehoseCli.Options(a, probeBrand);
        var batch = a.Int("batch", 1000, min: 1);
        var poolPosts = a.Int("pool-posts", 200_000, min: 1);
        var warmup = TimeSpan.FromSeconds(a.Double("warmup", 3, min: 0));
        FirehoseCli.OneOf(a, "requests", "once");
        var options = new DriveOptions
        {
            Url = url,
            Rate = rate.Equals("max", StringComparison.OrdinalIgnoreCase) ? null : a.Positive("rate", 0),
            Connections = a.Int("connections", 4, min: 1),
            Batch = batch,
            Warmup = warmup,
            WarmupMax = WarmupMax(a, warmup),
            Duration = TimeSpan.FromSeconds(a.Positive("duration", 20)),
            Requests = a.Flag("once") ? (poolPosts + batch - 1) / batch : a.Has("requests") ? a.Long("requests", 0, min: 1) : null,
            Pollers = pollers,
            PollInterval = TimeSpan.FromMilliseconds(a.Positive("poll-interval-ms", 100)),
            Probe = probe,
            ProbeBrand = probeBrand,
            ProbePosts = a.Int("probe-posts", 3, min: 1),
            ProbeEvery = TimeSpan.FromMilliseconds(a.Positive("probe-every-ms", 200)),
            JsonPath = a.OutputFile("json"),
        };
        a.RejectUnknown();
        options.Check();

        using var driver = new Driver(options, model, firehose, poolPosts);
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        var report = await driver.RunAsync(cancel.Token) with { Interrupted = cancel.IsCancellationRequested };
        report = report with { Failure = DriveVerdict.Failure(report) };
        Console.WriteLine(report.Table());
        if (options.JsonPath is { } json)
        {
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, DriveReport.Json));
        }

        if (report.Failure is { } failure)
        {
            await Console.Error.WriteLineAsync($"the run is no measurement: {failure}");
            return 1;
        }

        return 0;
    }

    private static async Task<int> AwaitBrandsAsync(CommandArgs a)
    {
        var url = a.Url("url");
        var timeout = TimeSpan.FromSeconds(a.Positive("timeout", 120));
        var parallel = a.Int("parallel", 32, min: 1);
        long? since = a.Has("since-unix-ms") ? a.Long("since-unix-ms", 0, min: 0) : null;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        if (since is { } ms && (ms > now + 60_000 || ms < now / 100))
        {
            // A time in seconds reads as January 1970 in milliseconds, and times would come out in years.
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"--since-unix-ms {ms}: expected milliseconds since 1970 up to now (now is {now}); a time in seconds needs three more digits"));
        }

        var json = a.OutputFile("json");
        a.RejectUnknown();
        var result = await AwaitBrands.RunAsync(url, timeout, parallel, since, CancellationToken.None);
        Console.WriteLine(AwaitBrands.Table(result));
        if (json is not null)
        {
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(result, DriveReport.Json));
        }

        return 0;
    }
}
