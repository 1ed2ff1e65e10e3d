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

    public async Task SaveAsync(string yaml, DateTimeOffset swappedAt, CancellationToken cancellationToken)
    {
        // Write beside, then rename over: a crash mid-write never leaves half a model behind.
        await ReplaceAsync(Path, yaml, cancellationToken);
        await ReplaceAsync(SwappedAtPath, swappedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), cancellationToken);
    }

    private static async Task ReplaceAsync(string path, string text, CancellationToken cancellationToken)
    {
        var temporary = path + ".new";
        await File.WriteAllTextAsync(temporary, text, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
