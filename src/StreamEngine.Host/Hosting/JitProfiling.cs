using System.Globalization;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// How the runtime counts while it profiles hot code, which a node cannot set for itself: the JIT reads
/// <c>DOTNET_JitScalableProfiling</c> (or <c>COMPlus_JitScalableProfiling</c>) from the environment only.
/// By default the methods instrumented for profile-guided optimisation call into the runtime at every
/// count (a thread-local random number, to count approximately once a count is high); at 0 they
/// increment. A restart replays in such methods: after a month of history its hottest runtime code
/// was those calls, and it took less CPU at 0 (perf/README.md, <i>A restart after a month</i>). Once
/// the JIT has settled no method counts any more, so ingest runs the same either way.
/// </summary>
internal static class JitProfiling
{
    /// <summary>The variable and the value a node should be started with (Properties/launchSettings.json sets it for <c>dotnet run</c>).</summary>
    public const string Variable = "DOTNET_JitScalableProfiling";

    public const string Value = "0";

    // The runtime's older prefix, which it reads when the newer one is not set.
    private const string LegacyVariable = "COMPlus_JitScalableProfiling";

    /// <summary>What to tell the operator of a node started without the setting, or null when it is set.</summary>
    public static string? Advice(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var name = Variable;
        var value = environment(Variable);
        if (value is null && environment(LegacyVariable) is { } legacy)
        {
            (name, value) = (LegacyVariable, legacy);
        }

        return IsZero(value)
            ? null
            : $"{name} is {(value is null ? "not set" : $"'{value}'")}: set {Variable}={Value} in the node's environment, " +
              "or a restart replaying long journals spends more CPU in the runtime's profiling counters (README.md, Running a node)";
    }

    // As the runtime reads its settings: a hexadecimal number, 0x allowed.
    private static bool IsZero(string? value)
    {
        var digits = value.AsSpan().Trim();
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            digits = digits[2..];
        }

        return uint.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var number) && number == 0;
    }
}
