using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Text;
using StreamEngine.Engine.Ingest;
using StreamEngine.Host.Configuration;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// Replays an NDJSON file through the graph at start-up (--replay), as fast as the graph takes it.
/// A file replayed in full is remembered in the data directory (by its path, length and time of
/// last change), so a node restarted with the same setting does not count it again; a replay cut
/// short goes on after the lines it journaled (<see cref="ReplayProgress"/>). The node is not ready
/// until the replay is over.
/// </summary>
internal sealed class FileReplay(IngestService ingest, StreamEngineOptions options, ILogger<FileReplay> log) : BackgroundService
{
    private volatile string? _replaying;

    /// <summary>The file being replayed, while it is.</summary>
    public string? Replaying => _replaying;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Set before the host reports started, so that readiness never passes before the replay runs.
        _replaying = options.Replay;
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ReplayAsync(stoppingToken);
        }
        finally
        {
            _replaying = null;
        }
    }

    private async Task ReplayAsync(CancellationToken stoppingToken)
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

        var marker = MarkerOf(options.DataDir, path);
        if (File.Exists(marker))
        {
            log.LogInformation("Replay file {Path} was replayed in full before; not replayed again (delete {Marker} to replay it)", path, marker);
            return;
        }

        var progress = new ReplayProgress(marker);
        await using var file = File.OpenRead(path);
        var resumed = ReplayProgress.SkipLines(file, progress.LinesJournaled());
        if (resumed > 0)
        {
            log.LogInformation("Replay {Path} goes on after line {Line}: the lines before were journaled at an earlier start", path, resumed);
        }

        var result = await IngestSubmission.SubmitAsync(
            ingest.Pipeline!, PipeReader.Create(file), Timeout.InfiniteTimeSpan, stoppingToken, firstLine: resumed + 1, new JournaledLines(progress.Record));
        foreach (var error in result.Total.Errors.Take(20))
        {
            log.LogWarning("Replay {Path} line {Line}: {Reason}", path, error.Line, error.Reason);
        }

        if (result.Total.Journaled && result.UnreadFromLine is null)
        {
            log.LogInformation(
                "Replayed {Path}: {Accepted} accepted ({Late} late, {Unmatched} mentioning no brand, {Duplicates} duplicates), {Rejected} rejected, all journaled",
                path, result.Total.Accepted, result.Total.Late, result.Total.Unmatched, result.Total.Duplicates, result.Total.Rejected);
            Directory.CreateDirectory(Path.GetDirectoryName(marker)!);
            await File.WriteAllTextAsync(marker, Path.GetFullPath(path) + "\n", CancellationToken.None);
            progress.Remove();
            return;
        }

        log.LogWarning(
            "Replay {Path} stopped before its end: {Accepted} accepted ({Late} late, {Unmatched} mentioning no brand, {Duplicates} duplicates), {Rejected} rejected{Failure}; the next start goes on from the first line not journaled",
            path, result.Total.Accepted, result.Total.Late, result.Total.Unmatched, result.Total.Duplicates, result.Total.Rejected,
            result.Total.Failure is { } failure ? $"; {failure}" : result.UnreadableInput is { } unreadable ? $"; {unreadable}" : "");
    }

    /// <summary>Where a node with <paramref name="dataDir"/> remembers that the file at <paramref name="path"/>, as it is now, was replayed.</summary>
    internal static string MarkerOf(string dataDir, string path)
    {
        var info = new FileInfo(path);
        var identity = $"{info.FullName}\n{info.Length}\n{info.LastWriteTimeUtc.Ticks}";
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..32];
        return Path.Combine(Path.GetFullPath(dataDir), "replayed", name);
    }
}
