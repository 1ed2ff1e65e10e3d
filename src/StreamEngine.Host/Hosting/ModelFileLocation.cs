namespace StreamEngine.Host.Hosting;

/// <summary>Where the model in force lives on disk, so a model swapped in live survives a restart.</summary>
internal sealed class ModelFileLocation(string path)
{
    public string Path { get; } = path;

    public async Task SaveAsync(string yaml, CancellationToken cancellationToken)
    {
        // Write beside, then rename over: a crash mid-write never leaves half a model behind.
        var temporary = Path + ".new";
        await File.WriteAllTextAsync(temporary, yaml, cancellationToken);
        File.Move(temporary, Path, overwrite: true);
    }
}
