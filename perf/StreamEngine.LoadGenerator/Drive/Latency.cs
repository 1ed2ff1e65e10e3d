using HdrHistogram;

namespace StreamEngine.LoadGenerator.Drive;

/// <summary>A latency histogram in microseconds (HdrHistogram, 3 significant digits, up to 10 minutes).</summary>
public sealed class Latency
{
    private const long Highest = 600L * 1_000_000;
    private readonly LongHistogram _histogram = new(Highest, 3);

    public long Count => _histogram.TotalCount;

    public void Record(long microseconds) => _histogram.RecordValue(Math.Clamp(microseconds, 1, Highest));

    public void RecordTicks(long stopwatchTicks) => Record(stopwatchTicks * 1_000_000 / System.Diagnostics.Stopwatch.Frequency);

    public void Add(Latency other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _histogram.Add(other._histogram);
    }

    public LatencySummary Summary() => _histogram.TotalCount == 0
        ? new LatencySummary(0, null, null, null, null, null)
        : new LatencySummary(
            _histogram.TotalCount,
            Ms(_histogram.GetValueAtPercentile(50)),
            Ms(_histogram.GetValueAtPercentile(99)),
            Ms(_histogram.GetValueAtPercentile(99.9)),
            Ms(_histogram.GetMaxValue()),
            Math.Round(_histogram.GetMean() / 1000.0, 3));

    private static double Ms(long microseconds) => Math.Round(microseconds / 1000.0, 3);
}

/// <summary>Latency percentiles in milliseconds; with nothing measured (<see cref="Count"/> 0) there are no figures, not zeros, which would read as instant.</summary>
public sealed record LatencySummary(long Count, double? P50, double? P99, double? P999, double? Max, double? Mean)
{
    /// <summary>The row of a latency table: name, count, p50, p99, p99.9 and max; '-' for figures not measured.</summary>
    public string Row(string name, int nameWidth) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{name.PadRight(nameWidth)} {Count,7} {Figure(P50),10} {Figure(P99),9} {Figure(P999),9} {Figure(Max),9}");

    private static string Figure(double? ms) => ms is { } v ? v.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : "-";
}
