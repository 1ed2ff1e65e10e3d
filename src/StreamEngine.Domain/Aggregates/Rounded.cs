namespace StreamEngine.Domain.Aggregates;

/// <summary>
/// Figures rounded for a reader. <see cref="Math.Round(double, int)"/> keeps the sign of a small
/// negative value rounded to zero, and JSON and CSV then read "-0": a net sentiment of -0 tells an
/// analyst nothing a 0 does not, and looks like a fault.
/// </summary>
public static class Rounded
{
    public static double To(double value, int digits) => Math.Round(value, digits) + 0.0;
}
