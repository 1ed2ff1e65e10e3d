using System.IO.Pipelines;
using StreamEngine.Engine.Ingest;
using StreamEngine.Host.Configuration;

namespace StreamEngine.Host.Hosting;

/// <summary>Replays an NDJSON file through the graph at start-up (--replay), as fast as the graph takes it.</summary>
internal sealed class FileReplay(IngestService ingest, StreamEngineOptions options, ILogger<FileReplay> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Replay is not { } path)
        {
            return;
        }

        if (!File.Exists(path))
        {
            log.LogError("Replay file {Path} does not exist; nothing replayed", path);
            return;
        }

        await using var file = File.OpenRead(path);
        var result = await IngestSubmission.SubmitAsync(ingest.Pipeline!, PipeReader.Create(file), Timeout.InfiniteTimeSpan, stoppingToken);
        foreach (var error in result.Total.Errors.Take(20))
        {
            log.LogWarning("Replay {Path} line {Line}: {Reason}", path, error.Line, error.Reason);
        }

        log.LogInformation(
            "Replayed {Path}: {Accepted} accepted ({Late} late, {Unmatched} mentioning no brand, {Duplicates} duplicates), {Rejected} rejected, journaled: {Journaled}",
            path, result.Total.Accepted, result.Total.Late, result.Total.Unmatched, result.Total.Duplicates, result.Total.Rejected, result.Total.Journaled);
    }
}
