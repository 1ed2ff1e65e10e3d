using System.Globalization;
using System.Text.Json;
using StreamEngine.Domain.Model;
using StreamEngine.LoadGenerator.Firehose;

namespace StreamEngine.EngineBenchmark;

internal static class Program
{
    private const string Usage = """
        StreamEngine in-process benchmark: the ingest graph and brand actors without HTTP.

          run [model] [firehose] [--batch 1000] [--duration 20] [--warmup 5] [--warmup-max 120]
              [--pool-posts 200000] [--inflight 512] [--chunks-per-round 64] [--history-in-memory]
              [--json FILE] [--label TEXT]
                sustained accepted posts/s through IngestPipeline → brand shard region → SQLite journal;
                the warm-up lasts --warmup seconds at least, then until the JIT has settled (50 methods
                or fewer compiled in 5 s), --warmup-max at most;
                --chunks-per-round and --history-in-memory are the host's options of those names (README.md):
                brands keep sealed history in a history store in the run's directory unless told otherwise
          profile [model] [firehose] [--batch 1000] [--pool-posts 100000] [--repeat 3] [--json FILE]
                single-threaded ns and bytes allocated per post for each stage of the hot path
          replay --store FILE [--rounds 12] [--history-in-memory]
                single-threaded µs and bytes allocated per event to decode a node's SQLite journal
                (its streamengine.db, without snapshots) and replay it into fresh brand aggregates,
                sealed history in a history store as the host keeps it unless told otherwise

        """ + FirehoseCli.OptionsHelp;

    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

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
                "run" => await ThroughputRun.RunAsync(a),
                "profile" => StageProfile.Run(a),
                "replay" => ReplayProfile.Run(a),
                _ => throw new ArgumentException($"unknown command '{args[0]}'"),
            };
        }
        catch (Exception ex) when (ex is ArgumentException or ModelException or FormatException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
    }

    public static string Machine() => string.Create(CultureInfo.InvariantCulture,
        $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}, concurrent GC {AppContext.TryGetSwitch("System.GC.Concurrent", out var c) && c}");
}
