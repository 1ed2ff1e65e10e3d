namespace StreamEngine.LoadGenerator.Tests;

/// <summary>The scripts of perf/firehose, found above the tests' directory.</summary>
internal static class PerfScripts
{
    public static string Path(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var script = System.IO.Path.Combine(dir.FullName, "perf", "firehose", name);
            if (File.Exists(script))
            {
                return script;
            }
        }

        throw new FileNotFoundException($"perf/firehose/{name} above the test's directory");
    }
}
