using StreamEngine.Engine.Ingest;
using StreamEngine.Host.Configuration;
using StreamEngine.Host.Hosting;

namespace StreamEngine.Host.Demo;

/// <summary>The built-in synthetic firehose (--demo): a chunk of posts every 100 ms through the same graph as every other source.</summary>
internal sealed class DemoFirehose(IngestService ingest, CurrentModel model, StreamEngineOptions options, TimeProvider clock, ILogger<DemoFirehose> log)
    : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Demo)
        {
            return;
        }

        var posts = new SyntheticPosts(model.Model, seed: 42);
        var pace = new DemoPace(options.DemoRate, (int)(TimeSpan.FromSeconds(1) / Tick));
        log.LogInformation("Demo firehose on: {Rate} posts/s", options.DemoRate);
        using var timer = new PeriodicTimer(Tick, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            // On SIGTERM the actor system drains the graph before the host stops this service: the
            // graph takes nothing more then, and is not saturated.
            if (ingest.IsStopping)
            {
                log.LogInformation("Demo firehose off: the node is stopping");
                return;
            }

            var count = pace.Next();
            if (count == 0)
            {
                continue;
            }

            using var buffer = new MemoryStream();
            posts.Write(buffer, count, clock.GetUtcNow());
            var chunk = new IngestChunk(buffer.ToArray(), 1);
            if (!await ingest.Pipeline!.TryEnqueueAsync(chunk, Tick, stoppingToken) && !ingest.IsStopping)
            {
                log.LogWarning("Demo firehose skipped a tick: the ingest graph is saturated");
            }
        }
    }
}
