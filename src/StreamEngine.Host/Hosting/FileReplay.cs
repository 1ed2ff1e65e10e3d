using System.Diagnostics;
using System.Globalization;
using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Text;
using StreamEngine.Domain.Ingest;
using StreamEngine.Engine.Ingest;
using StreamEngine.Host.Configuration;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// Replays an NDJSON file through the graph at start-up (--replay), as fast as the graph takes it.
/// The lines journaled are remembered in the data directory under the file's path
/// (<see cref="ReplayProgress"/>), so a node restarted with the same setting goes on after them: a
/// file replayed in full is not counted again, a replay cut short goes on, and lines appended since
/// are replayed. The node is not ready until the replay is over.
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

        // Older engines marked a file replayed in full by its path, length and time of change.
        var legacy = MarkerOf(options.DataDir, path);
        if (File.Exists(legacy))
        {
            log.LogInformation("Replay file {Path} was replayed in full before; not replayed again (delete {Marker} to replay it)", path, legacy);
            return;
        }

        var progress = ReplayProgress.For(options.DataDir, path);
        var journaled = progress.LinesJournaled(out var another);
        if (another)
        {
            log.LogWarning("Replay file {Path} is not the file replayed from that path before (its first MiB differs): it is replayed from its first line, and a post in both counts again unless the duplicate filter still remembers it", path);
        }
        else if (journaled == 0 && File.Exists(legacy + ".lines"))
        {
            journaled = int.TryParse(File.ReadAllText(legacy + ".lines").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var lines) ? lines : 0;
        }

        await using var file = File.OpenRead(path);
        var resumed = ReplayProgress.SkipLines(file, journaled);
        if (resumed < journaled)
        {
            log.LogWarning("Replay file {Path} has {Lines} lines, fewer than the {Journaled} journaled from it before: it was cut short or replaced, and none of its lines is replayed (delete {Progress} to replay it from its first line)",
                path, resumed, journaled, progress.Location);
            return;
        }

        if (resumed > 0 && file.Position == file.Length)
        {
            log.LogInformation("Replay file {Path} was replayed in full before ({Lines} lines); lines added to it later are replayed at the next start", path, journaled);
            return;
        }

        if (resumed > 0)
        {
            log.LogInformation("Replay {Path} goes on after line {Line}: the lines before were journaled at an earlier start", path, resumed);
            var started = Stopwatch.GetTimestamp();
            var resumeAt = file.Position;
            var from = await Task.Run(() => RememberJournaledPostsAsync(path, resumed, resumeAt), stoppingToken);
            log.LogInformation("Replay {Path}: the posts of lines {From} to {Line} are remembered as seen, for the duplicates among the lines after ({Seconds:0.0} s)",
                path, from, resumed, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }

        var result = await IngestSubmission.SubmitAsync(
            ingest.Pipeline!, PipeReader.Create(file), Timeout.InfiniteTimeSpan, stoppingToken, firstLine: resumed + 1, new JournaledLines(progress.Record));
        foreach (var error in result.Total.Errors.Take(20))
        {
            log.LogWarning("Replay {Path} line {Line}: {Reason}", path, error.Line, error.Reason);
        }

        // A last line without its line break, refused, is most likely still being written: it is
        // read again at the next start, once whole.
        if (progress.Recorded is var last and > 0 && result.Total.Errors.Any(e => e.Line == last) && !EndsWithLineBreak(path))
        {
            progress.RecordBack(last - 1);
            log.LogWarning("Replay {Path}: its last line, {Line}, has no line break and was refused; it is read again at the next start", path, last);
        }

        if (result.Total.Journaled && result.UnreadFromLine is null)
        {
            log.LogInformation(
                "Replayed {Path}: {Accepted} accepted ({Late} late, {Unmatched} mentioning no brand, {Duplicates} duplicates), {Rejected} rejected, all journaled",
                path, result.Total.Accepted, result.Total.Late, result.Total.Unmatched, result.Total.Duplicates, result.Total.Rejected);
            return;
        }

        log.LogWarning(
            "Replay {Path} stopped before its end: {Accepted} accepted ({Late} late, {Unmatched} mentioning no brand, {Duplicates} duplicates), {Rejected} rejected{Failure}; the next start goes on from the first line not journaled",
            path, result.Total.Accepted, result.Total.Late, result.Total.Unmatched, result.Total.Duplicates, result.Total.Rejected,
            result.Total.Failure is { } failure ? $"; {failure}" : result.UnreadableInput is { } unreadable ? $"; {unreadable}" : "");
    }

    /// <summary>
    /// Reads again the last lines journaled before <paramref name="resumed"/>, up to the posts the
    /// graph remembers, so that a copy of one of their posts further on is a duplicate, as it was to
    /// the replay before it stopped; answers the first line read. Blocks of lines are read on every
    /// core, and remembered in their order.
    /// </summary>
    private async Task<int> RememberJournaledPostsAsync(string path, int resumed, long resumeAt)
    {
        var pipeline = ingest.Pipeline!;
        var first = Math.Max(0, resumed - pipeline.PostsRemembered);
        await using var file = File.OpenRead(path);
        ReplayProgress.SkipLines(file, first);

        // Whole lines at a time; a line longer than the buffer (which ingest refuses unread) is read in pieces.
        var buffer = new byte[4 * ChunkReader.MaxLineBytes];
        var held = 0;
        var reading = new Queue<Task<List<ulong>>>();
        while (file.Position < resumeAt || held > 0)
        {
            var read = await file.ReadAsync(buffer.AsMemory(held, (int)Math.Min(buffer.Length - held, resumeAt - file.Position)));
            var filled = held + read;
            var end = read == 0 ? filled : buffer.AsSpan(0, filled).LastIndexOf((byte)'\n') + 1;
            end = end == 0 ? filled : end;
            var block = buffer.AsSpan(0, end).ToArray();
            reading.Enqueue(Task.Run(() => pipeline.JournaledIdentities(block)));
            if (reading.Count >= Environment.ProcessorCount)
            {
                pipeline.RememberJournaled(await reading.Dequeue());
            }

            held = filled - end;
            buffer.AsSpan(end, held).CopyTo(buffer);
            if (read == 0)
            {
                break;
            }
        }

        while (reading.Count > 0)
        {
            pipeline.RememberJournaled(await reading.Dequeue());
        }

        return first + 1;
    }

    private static bool EndsWithLineBreak(string path)
    {
        using var file = File.OpenRead(path);
        if (file.Length == 0)
        {
            return true;
        }

        file.Position = file.Length - 1;
        return file.ReadByte() == '\n';
    }

    /// <summary>Where older engines with <paramref name="dataDir"/> marked the file at <paramref name="path"/>, as it is now, replayed in full (and, beside it, the lines of a replay cut short).</summary>
    internal static string MarkerOf(string dataDir, string path)
    {
        var info = new FileInfo(path);
        var identity = $"{info.FullName}\n{info.Length}\n{info.LastWriteTimeUtc.Ticks}";
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..32];
        return Path.Combine(Path.GetFullPath(dataDir), "replayed", name);
    }
}
