using System.Globalization;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// Where the model in force lives on disk, so a model swapped in live survives a restart, and when
/// it was swapped in: beside it, <c>MODEL.swapped-at</c> holds the time of the live swap it came
/// from, which decides between nodes that disagree (the later swap wins). A model file no swap
/// wrote has no such time and gives way to any swapped one.
/// </summary>
internal sealed class ModelFileLocation(string path)
{
    public string Path { get; } = path;

    private string SwappedAtPath => Path + ".swapped-at";

    /// <summary>When the model on file was swapped in live, by the clock of the node that took the swap; <see cref="DateTimeOffset.MinValue"/> if no swap wrote it.</summary>
    public DateTimeOffset SwappedAt()
    {
        try
        {
            return DateTimeOffset.TryParse(File.ReadAllText(SwappedAtPath).Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : DateTimeOffset.MinValue;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return DateTimeOffset.MinValue;
        }
    }

    /// <summary>
    /// Saves a model swapped in at <paramref name="swappedAt"/> over the model file. If it throws,
    /// the model on file is the one before: a model refused here must not come back at a restart.
    /// </summary>
    public async Task SaveAsync(string yaml, DateTimeOffset swappedAt, CancellationToken cancellationToken)
    {
        // Both written beside first, then renamed over: a crash mid-write never leaves half a model
        // behind, and a write refused leaves the files as they were.
        var model = await WriteBesideAsync(Path, yaml, cancellationToken);
        string stamp;
        try
        {
            stamp = await WriteBesideAsync(SwappedAtPath, swappedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), cancellationToken);
        }
        catch
        {
            File.Delete(model);
            throw;
        }

        // From here nothing is cancelled: the two renames belong together. The time goes first, so
        // a model on file is never newer than its time says.
        var before = File.Exists(SwappedAtPath) ? await File.ReadAllTextAsync(SwappedAtPath, CancellationToken.None) : null;
        File.Move(stamp, SwappedAtPath, overwrite: true);
        try
        {
            File.Move(model, Path, overwrite: true);
        }
        catch
        {
            File.Delete(model);
            if (before is null)
            {
                File.Delete(SwappedAtPath);
            }
            else
            {
                await File.WriteAllTextAsync(SwappedAtPath, before, CancellationToken.None);
            }

            throw;
        }
    }

    private static async Task<string> WriteBesideAsync(string path, string text, CancellationToken cancellationToken)
    {
        var beside = path + ".new";
        try
        {
            await File.WriteAllTextAsync(beside, text, cancellationToken);
        }
        catch when (File.Exists(beside))
        {
            // Half written (a full disk, a cancelled request): nothing of it is to stay behind.
            File.Delete(beside);
            throw;
        }

        return beside;
    }
}
