using System.Globalization;
using StreamEngine.Engine.Ingest;
using StreamEngine.Engine.Telemetry;

namespace StreamEngine.Engine.Tests;

public class IngestThreadsTests
{
    [Fact]
    public async Task Ingest_work_runs_on_its_own_threads_below_the_default_priority()
    {
        var (name, niceness) = await Task.Factory.StartNew(
            () => (Thread.CurrentThread.Name, OwnNiceness()),
            CancellationToken.None,
            TaskCreationOptions.DenyChildAttach,
            IngestThreads.Instance);

        Assert.StartsWith("ingest-", name, StringComparison.Ordinal);
        if (OperatingSystem.IsLinux())
        {
            Assert.True(niceness >= IngestThreads.Niceness, $"an ingest thread ran at niceness {niceness}");

            // What operators read in /metrics is what the threads got.
            Assert.Equal(niceness, EngineMetrics.IngestThreadNiceness.Value);
        }
    }

    [Fact]
    public async Task A_continuation_of_ingest_work_stays_on_the_ingest_threads()
    {
        var first = Task.Factory.StartNew(() => 1, CancellationToken.None, TaskCreationOptions.DenyChildAttach, IngestThreads.Instance);
        var name = await first.ContinueWith(_ => Thread.CurrentThread.Name, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, IngestThreads.Instance);

        Assert.StartsWith("ingest-", name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Code_after_awaiting_ingest_work_runs_off_the_ingest_threads()
    {
        // What the ingest graph does after a fold (the brands' asks, then the acknowledgements) must
        // run at the default priority: the await leaves the ingest threads. Outside xunit's context,
        // as in the graph, and with the work still running when the await begins.
        var name = await Task.Run(async () =>
        {
            using var release = new ManualResetEventSlim();
            var work = Task.Factory.StartNew(() => release.Wait(), CancellationToken.None, TaskCreationOptions.DenyChildAttach, IngestThreads.Instance);
            var after = ThreadAfterAsync(work);
            release.Set();
            return await after;
        });

        Assert.False(name?.StartsWith("ingest-", StringComparison.Ordinal) ?? false, $"code after the await ran on {name}");
    }

    private static async Task<string?> ThreadAfterAsync(Task work)
    {
        await work;
        return Thread.CurrentThread.Name;
    }

    /// <summary>The calling thread's niceness, the 19th field of its stat line (after the name in parentheses).</summary>
    private static int OwnNiceness()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], CultureInfo.InvariantCulture);
    }
}
