using System.Text.Json;
using StreamEngine.LoadGenerator.Drive;

namespace StreamEngine.LoadGenerator.Tests;

/// <summary>perf/firehose/summarize.py takes the medians of sound runs only.</summary>
public sealed class SummarizeScriptTests
{
    [Fact]
    public void A_run_that_measured_nothing_sound_is_left_out_and_named()
    {
        // A drive stopped mid-run wrote a JSON like any other, and its 2,833 posts/s went into the median.
        var results = Directory.CreateTempSubdirectory("streamengine-summarize-");
        try
        {
            var sound = SampleReport.Of();
            var failed = SampleReport.Of() with { RequestsUnanswered = 3 };
            File.WriteAllText(Path.Combine(results.FullName, "demo.max.1.json"), JsonSerializer.Serialize(sound, DriveReport.Json));
            File.WriteAllText(Path.Combine(results.FullName, "demo.max.2.json"), JsonSerializer.Serialize(failed with { Failure = DriveVerdict.Failure(failed) }, DriveReport.Json));

            var (exitCode, output, error) = PerfScripts.Run("summarize.py", "http", results.FullName);

            Assert.True(exitCode == 0, error);
            Assert.Contains("| demo | max, 4 conns | 1 |", output, StringComparison.Ordinal);
            Assert.Contains("left out demo.max.2.json: 3 requests were still unanswered", error, StringComparison.Ordinal);
        }
        finally
        {
            results.Delete(recursive: true);
        }
    }
}
