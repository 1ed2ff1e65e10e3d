using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using StreamEngine.Engine.Telemetry;

namespace StreamEngine.Engine.Ingest;

/// <summary>
/// The threads that read chunks (parse, match, score) and fold rounds, run below the operating
/// system's priority of the rest of the node. On the thread pool, a chunk takes a core for a couple
/// of milliseconds and a dashboard query, an acknowledgement or a brand's journal write woken behind
/// it waited for the scheduler to give it one: at 80 % load that wait was half a dashboard query's
/// median and a third of its 99th percentile (perf/README.md). Here the scheduler hands a core to
/// that work as soon as it wakes, and ingest takes what the cores have left, which under load is
/// nearly all of it.
/// <para>
/// A thread inherits its creator's niceness on Linux, and the thread pool starts a new worker on
/// whichever thread queues work when it wants one more: a worker started by an ingest thread (one
/// finishing a read queues the graph's next step) would serve queries at the lower priority until
/// it retires. It was not seen in the host (a pool minimum of 32); completing the tasks from a
/// relay thread at the default priority instead cost 10–15 % of the throughput over HTTP
/// (perf/README.md), so it is not done.
/// </para>
/// </summary>
internal sealed class IngestThreads : TaskScheduler
{
    /// <summary>
    /// Linux niceness of the ingest threads: at 5 they weigh a third of a thread of the default
    /// priority, so one that wakes preempts them at once. At 10 queries were no faster, and with
    /// 1,000 brands the brands' journal writes preempted reads so often that the engine read some
    /// 15 % fewer posts a second (perf/README.md).
    /// </summary>
    public const int Niceness = 5;

    private static readonly Lazy<IngestThreads> Shared = new(() => new IngestThreads(Environment.ProcessorCount + 1));

    private readonly BlockingCollection<Task> _work = [];

    [ThreadStatic]
    private static bool t_isIngestThread;

    private IngestThreads(int count)
    {
        for (var i = 0; i < count; i++)
        {
            new Thread(Work) { IsBackground = true, Name = $"ingest-{i}" }.Start();
        }

        MaximumConcurrencyLevel = count;
    }

    /// <summary>The process's one set of ingest threads, one per core and one more so a fold never waits behind two reads.</summary>
    public static TaskScheduler Instance => Shared.Value;

    public override int MaximumConcurrencyLevel { get; }

    protected override void QueueTask(Task task) => _work.Add(task);

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        t_isIngestThread && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _work.ToArray();

    private void Work()
    {
        t_isIngestThread = true;
        LowerPriority();
        foreach (var task in _work.GetConsumingEnumerable())
        {
            TryExecuteTask(task);
        }
    }

    /// <summary>
    /// Where the priority cannot be lowered the threads run at the default, as the thread pool's do:
    /// slower queries under load, nothing worse.
    /// </summary>
    private static void LowerPriority()
    {
        if (!OperatingSystem.IsLinux())
        {
            Thread.CurrentThread.Priority = ThreadPriority.BelowNormal;
            return;
        }

        try
        {
            // A thread's niceness is its own on Linux: PRIO_PROCESS with a thread id sets that
            // thread's. A node started niced already keeps its own, higher value: raising priority
            // back would need a privilege it should not have.
            var thread = NativeMethods.gettid();
            var current = NativeMethods.getpriority(PrioProcess, thread);
            _ = NativeMethods.setpriority(PrioProcess, thread, Math.Max(current, Niceness));

            // Read back rather than trusting the call: a container's seccomp profile or a resource
            // limit can refuse it, and then only this figure says why queries slowed.
            EngineMetrics.IngestThreadNiceness.Set(NativeMethods.getpriority(PrioProcess, thread));
        }
        catch (EntryPointNotFoundException)
        {
        }
        catch (DllNotFoundException)
        {
        }
    }

    private const int PrioProcess = 0;

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = false)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int gettid();

        [DllImport("libc", SetLastError = false)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int getpriority(int which, int who);

        [DllImport("libc", SetLastError = false)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int setpriority(int which, int who, int prio);
    }
}
