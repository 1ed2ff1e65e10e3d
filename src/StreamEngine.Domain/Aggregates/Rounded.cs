namespace StreamEngine.Domain.Aggregates;

/// <summary>
/// Figures rounded for a reader. <see cref="Math.Round(double, int)"/> keeps the sign of a small
/// negative value rounded to zero, and JSON and CSV then read "-0": a net sentiment of -0 tells an
/// analyst nothing a 0 does not, and looks like a fault.
/// </summary>
public static class Rounded
{
    public static double To(double value, int digits) => Math.Round(value, digits) + 0.0;

    /// <summary>
    /// Parts of a whole, each rounded to <paramref name="digits"/> places so that the rounded parts
    /// add up to the whole rounded: each is rounded down, and the units left over go to the parts
    /// that lost most, the first of equals first (largest remainders). Rounded each alone, shares of
    /// voice of 46.0576, 23.9485, 16.6167 and 13.3771 % read 46.06, 23.95, 16.62 and 13.38, 100.01 in all.
    /// </summary>
    public static double[] Apportioned(IReadOnlyList<double> parts, int digits)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var unit = Math.Pow(10, digits);
        var units = parts.Select(p => p * unit).ToArray();
        var floors = units.Select(Math.Floor).ToArray();
        var left = (long)Math.Round(units.Sum()) - (long)floors.Sum();
        foreach (var i in Enumerable.Range(0, units.Length).OrderByDescending(i => units[i] - floors[i]).ThenBy(i => i).Take((int)Math.Clamp(left, 0, units.Length)))
        {
            floors[i]++;
        }

        return [.. floors.Select(f => To(f / unit, digits))];
    }
}
