using System.Buffers;
using System.Globalization;
using System.Net;
using StreamEngine.Domain.Aggregates;

namespace StreamEngine.Host.Reports;

/// <summary>
/// How text and figures read in the HTML report. Every piece of text that comes from the model or
/// the posts (brand names, ids, segment values) goes through <see cref="Encode"/>; its output uses
/// only XML's own entities and numeric references, so the page also parses as XHTML.
/// </summary>
internal static class HtmlText
{
    public static string Encode(string text) => WebUtility.HtmlEncode(WithoutControls(text));

    public static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Decimal(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    /// <summary>A fraction (0.25) as a percentage ("25.0%").</summary>
    public static string Share(double fraction) => Percent(fraction * 100);

    public static string Percent(double percent) => percent.ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string PercentToHundredths(double percent) => percent.ToString("0.00", CultureInfo.InvariantCulture) + "%";

    /// <summary>A difference of percentages, in points with its sign and two places whatever its digits ("+1.60 pt", "-0.90 pt").</summary>
    public static string PointsToHundredths(double points) => Rounded.To(points, 2).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + " pt";

    /// <summary>Net sentiment with its sign, since its zero is the middle of the scale.</summary>
    public static string Signed(double value) => value.ToString("+0.##;-0.##;0", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>SVG coordinates: invariant, two decimals at most.</summary>
    public static string Coordinate(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>
    /// XML 1.0 admits no control character but tab, line feed and carriage return, not even as a
    /// reference, so a handle holding U+0001 would break the page: such characters read as U+FFFD.
    /// </summary>
    private static string WithoutControls(string text)
    {
        if (!text.AsSpan().ContainsAny(Controls))
        {
            return text;
        }

        return string.Create(text.Length, text, static (chars, source) =>
        {
            source.CopyTo(chars);
            var rest = chars;
            for (var at = rest.IndexOfAny(Controls); at >= 0; at = rest.IndexOfAny(Controls))
            {
                rest[at] = '\uFFFD';
                rest = rest[(at + 1)..];
            }
        });
    }

    private static readonly SearchValues<char> Controls = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\uFFFE\uFFFF");

    /// <summary>Cuts a label to <paramref name="max"/> characters as the reader sees them (never inside a surrogate pair or an accent).</summary>
    public static string Shorten(string text, int max)
    {
        var info = new StringInfo(text);
        return info.LengthInTextElements <= max ? text : info.SubstringByTextElements(0, max - 1) + "…";
    }
}
