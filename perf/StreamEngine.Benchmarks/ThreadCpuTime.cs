using System.Runtime.InteropServices;

namespace StreamEngine.Benchmarks;

/// <summary>
/// CPU time consumed by the calling thread (Linux, CLOCK_THREAD_CPUTIME_ID). On a machine shared
/// with other work, wall-clock timings include the time other processes held the core; the thread's
/// own CPU time does not, so comparisons between builds stay meaningful under load.
/// </summary>
internal static class ThreadCpuTime
{
    private const int ClockThreadCpuTimeId = 3;

    public static bool IsAvailable => OperatingSystem.IsLinux();

    /// <summary>Nanoseconds of CPU this thread has used.</summary>
    public static long Now()
    {
        if (NativeMethods.clock_gettime(ClockThreadCpuTimeId, out var time) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
        }

        return (time.Seconds * 1_000_000_000) + time.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = false)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int clock_gettime(int clock, out TimeSpec time);
    }
}
