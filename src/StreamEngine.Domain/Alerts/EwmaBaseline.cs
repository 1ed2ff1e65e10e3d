namespace StreamEngine.Domain.Alerts;

/// <summary>
/// An exponentially weighted mean and variance of one series (West's incremental form): what a
/// value is expected to be and how much it usually strays, forgetting old minutes smoothly, in
/// constant space.
/// </summary>
public struct EwmaBaseline
{
    public double Mean { get; private set; }

    public double Variance { get; private set; }

    /// <summary>How many values it has seen.</summary>
    public long Count { get; private set; }

    /// <summary>
    /// How many standard deviations <paramref name="value"/> lies from the mean. The deviation is
    /// floored at √mean (a Poisson count's) and at 1, so a series that has been perfectly flat does
    /// not make a tiny change look infinite.
    /// </summary>
    public readonly double ZScore(double value)
    {
        var deviation = Math.Max(Math.Sqrt(Variance), Math.Max(1.0, Math.Sqrt(Math.Abs(Mean))));
        return (value - Mean) / deviation;
    }

    public void Observe(double value, double smoothing)
    {
        if (Count++ == 0)
        {
            Mean = value;
            Variance = 0;
            return;
        }

        var difference = value - Mean;
        var increment = smoothing * difference;
        Mean += increment;
        Variance = (1 - smoothing) * (Variance + (difference * increment));
    }
}
