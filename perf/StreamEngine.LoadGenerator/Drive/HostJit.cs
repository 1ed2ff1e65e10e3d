using System.Globalization;

namespace StreamEngine.LoadGenerator.Drive;

/// <summary>
/// What a node's JIT has done so far, read from its /metrics: the runtime's own
/// <c>dotnet.jit.compiled_methods</c> and <c>dotnet.jit.compilation.time</c>, as prometheus-net names them.
/// </summary>
public readonly record struct HostJit(long CompiledMethods, double CompilationSeconds)
{
    private const string MethodsName = "system_runtime_dotnet_jit_compiled_methods";
    private const string SecondsName = "system_runtime_dotnet_jit_compilation_time";

    /// <summary>The counts from a scrape in Prometheus' text format; null when it holds neither.</summary>
    public static HostJit? Parse(string scrape)
    {
        ArgumentNullException.ThrowIfNull(scrape);
        long? methods = null;
        double? seconds = null;
        foreach (var line in scrape.AsSpan().EnumerateLines())
        {
            if (Value(line, MethodsName) is { } m)
            {
                methods = (long)m;
            }
            else if (Value(line, SecondsName) is { } s)
            {
                seconds = s;
            }
        }

        return methods is { } found ? new HostJit(found, seconds ?? 0) : null;
    }

    public static async Task<HostJit?> ReadAsync(HttpClient http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        try
        {
            using var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative), cancellationToken);
            return response.IsSuccessStatusCode ? Parse(await response.Content.ReadAsStringAsync(cancellationToken)) : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            // Unreachable, too slow or cancelled: the warm-up goes on without this reading.
            return null;
        }
    }

    private static double? Value(ReadOnlySpan<char> line, string name) =>
        line.StartsWith(name, StringComparison.Ordinal) && line.Length > name.Length && line[name.Length] == ' '
        && double.TryParse(line[(name.Length + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
