using System.Diagnostics;

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

    /// <summary>Runs the script with python3 and answers its exit code and what it wrote to each stream.</summary>
    public static (int ExitCode, string Output, string Error) Run(string name, params string[] args)
    {
        using var python = Process.Start(new ProcessStartInfo("python3", [Path(name), .. args]) { RedirectStandardOutput = true, RedirectStandardError = true })!;

        // Both streams at once: a script filling one pipe while the other is read would never end.
        var error = python.StandardError.ReadToEndAsync();
        var output = python.StandardOutput.ReadToEnd();
        python.WaitForExit();
        return (python.ExitCode, output, error.Result);
    }
}
