using System.Globalization;

namespace StreamEngine.Domain.Aggregates;

/// <summary>The purchase breakdown's value for a date: its month as yyyy-MM, one shared string per month.</summary>
public static class PurchaseMonths
{
    private const int FirstYear = 1970;
    private const int Years = 200;

    private static readonly string?[] Names = new string?[Years * 12];

    public static string NameOf(DateOnly date)
    {
        var index = ((date.Year - FirstYear) * 12) + date.Month - 1;
        if ((uint)index >= (uint)Names.Length)
        {
            return Format(date);
        }

        // Two threads may both format a month the first time; either string is the same month.
        return Names[index] ??= Format(date);
    }

    private static string Format(DateOnly date) => date.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
