using System.Globalization;

namespace StreamEngine.LoadGenerator.Firehose;

/// <summary>A discrete distribution over indices 0..n-1, sampled by binary search on the cumulative weights.</summary>
public sealed class Discrete
{
    private readonly double[] _cumulative;

    public Discrete(IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0)
        {
            throw new ArgumentException("a distribution needs at least one value", nameof(weights));
        }

        _cumulative = new double[weights.Count];
        var total = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            if (weights[i] < 0 || !double.IsFinite(weights[i]))
            {
                throw new ArgumentException("weights must be finite numbers, zero or more", nameof(weights));
            }

            total += weights[i];
            _cumulative[i] = total;
        }

        if (total <= 0)
        {
            throw new ArgumentException("weights must not all be zero", nameof(weights));
        }

        if (!double.IsFinite(total))
        {
            throw new ArgumentException("weights must add up to a finite number", nameof(weights));
        }

        for (var i = 0; i < _cumulative.Length; i++)
        {
            _cumulative[i] /= total;
        }

        _cumulative[^1] = 1.0;
    }

    public int Count => _cumulative.Length;

    public int Sample(double uniform)
    {
        var i = Array.BinarySearch(_cumulative, uniform);
        i = i < 0 ? ~i : i;
        return Math.Min(i, _cumulative.Length - 1);
    }

    public double Probability(int index) => _cumulative[index] - (index == 0 ? 0 : _cumulative[index - 1]);

    /// <summary>Zipf's law: rank r (1-based) weighs 1 / r^s.</summary>
    public static Discrete Zipf(int n, double s) =>
        new(Enumerable.Range(1, n).Select(rank => 1.0 / Math.Pow(rank, s)).ToArray());

    public static Discrete Uniform(int n) => new(Enumerable.Repeat(1.0, n).ToArray());
}

/// <summary>Named values with weights, given on the command line as <c>x=30,facebook=15,…</c>.</summary>
public sealed class WeightedNames
{
    private readonly Discrete _distribution;

    public WeightedNames(IReadOnlyList<(string Name, double Weight)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Names = entries.Select(e => e.Name).ToArray();
        _distribution = new Discrete(entries.Select(e => e.Weight).ToArray());
    }

    public IReadOnlyList<string> Names { get; }

    public string Sample(double uniform) => Names[_distribution.Sample(uniform)];

    public static WeightedNames Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var entries = new List<(string, double)>();
        foreach (var part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.LastIndexOf('=');
            if (eq <= 0)
            {
                throw new ArgumentException($"'{part}' in '{spec}' should read name=weight");
            }

            entries.Add((part[..eq], double.Parse(part[(eq + 1)..], CultureInfo.InvariantCulture)));
        }

        return new WeightedNames(entries);
    }
}

/// <summary>SplitMix64: a tiny, stable hash-based generator, so per-author attributes depend only on the author index and the seed.</summary>
public static class SplitMix
{
    public static ulong Next(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform double in [0, 1) from 53 random bits.</summary>
    public static double Uniform(ref ulong state) => (Next(ref state) >> 11) * (1.0 / (1UL << 53));
}
