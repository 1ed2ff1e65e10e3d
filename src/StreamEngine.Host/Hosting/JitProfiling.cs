namespace StreamEngine.Host.Hosting;

/// <summary>
/// How the runtime counts while it profiles hot code, which a node cannot set for itself: the JIT reads
/// <c>DOTNET_JitScalableProfiling</c> from the environment only. By default the counting code that
/// profiled methods run calls into the runtime at every probe (a thread-local random number to count
/// approximately once a count is high); at 0 it is a plain increment. A restart spends its first
/// seconds in that code: a 1,000-brand node holding a month of history was ready 18.1–23.3 s after it
/// started at 0 against 22.6–23.4 s by default, on 13–22 % less CPU (perf/README.md, <i>A restart after a month</i>).
/// Once the JIT has settled no method counts any more, so ingest runs the same either way.
/// </summary>
internal static class JitProfiling
{
    /// <summary>The variable and the value a node should be started with (Properties/launchSettings.json sets it for <c>dotnet run</c>).</summary>
    public const string Variable = "DOTNET_JitScalableProfiling";

    public const string Value = "0";

    /// <summary>What to tell the operator of a node started without the setting, or null when it is set.</summary>
    public static string? Advice(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var value = environment(Variable)?.Trim();
        return value == Value
            ? null
            : $"{Variable} is {(value is null ? "not set" : $"'{value}'")}: set it to {Value} in the node's environment, " +
              "or a restart replaying long journals runs its profiling counters through the runtime and recovers slower (README.md, Running a node)";
    }
}
