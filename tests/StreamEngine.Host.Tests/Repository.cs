namespace StreamEngine.Host.Tests;

/// <summary>The checkout the tests run from, for the files of it they read (the host's build output, the shipped model, its settings).</summary>
internal static class Repository
{
    /// <summary>The directory above the tests' build output that holds StreamEngine.sln.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "StreamEngine.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException($"no StreamEngine.sln above {AppContext.BaseDirectory}");
    }
}
