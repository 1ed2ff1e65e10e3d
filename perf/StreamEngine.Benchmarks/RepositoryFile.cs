namespace StreamEngine.Benchmarks;

/// <summary>
/// Finds a file of the repository from wherever the benchmark runs: BenchmarkDotNet starts each
/// benchmark from a generated directory under bin/, so the path is looked for up the tree.
/// </summary>
public static class RepositoryFile
{
    public static string Find(string relativePath)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"'{relativePath}' is in no directory above {AppContext.BaseDirectory}");
    }
}
