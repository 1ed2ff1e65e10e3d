using System.Globalization;
using System.Text;
using static StreamEngine.Host.Reports.HtmlText;

namespace StreamEngine.Host.Reports;

/// <summary>
/// Charts drawn on the server as inline SVG, so the report needs no script and no external asset
/// and prints as it shows. Colours are presentation attributes rather than CSS so a copied chart
/// keeps them.
/// </summary>
internal static class SvgCharts
{
    private const double Width = 760;
    private const string Ink = "#3366cc";
    private const string Highlight = "#1a3d7c";
    private const string Muted = "#8fa8d8";
    private const string Grid = "#dddddd";

    public sealed record Bar(string Label, double Value, string ValueText, bool Highlighted = false);

    /// <summary>
    /// An area chart of a count over time: y from zero to a round top, a few time labels along x,
    /// only at points <paramref name="labelled"/> admits when it is given (a date belongs at midnight).
    /// </summary>
    public static void Area(
        StringBuilder html, string title, IReadOnlyList<(DateTimeOffset T, long Value)> points, string timeFormat, Func<DateTimeOffset, bool>? labelled = null)
    {
        const double height = 240, left = 56, right = 16, top = 16, bottom = 36;
        var plotWidth = Width - left - right;
        var plotHeight = height - top - bottom;
        var max = points.Count == 0 ? 0 : points.Max(p => p.Value);
        var step = max <= 4 ? 1 : NiceStep(max / 4.0);
        var yTop = Math.Max(step, Math.Ceiling(max / step) * step);

        Open(html, title, height);
        for (var tick = 0.0; tick <= yTop; tick += step)
        {
            var y = top + plotHeight * (1 - (tick / yTop));
            html.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{Coordinate(left)}\" y1=\"{Coordinate(y)}\" x2=\"{Coordinate(left + plotWidth)}\" y2=\"{Coordinate(y)}\" stroke=\"{Grid}\" stroke-width=\"1\" />");
            html.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{Coordinate(left - 6)}\" y=\"{Coordinate(y + 4)}\" text-anchor=\"end\">{Count((long)tick)}</text>");
        }

        if (points.Count > 0)
        {
            double X(int i) => points.Count == 1 ? left + (plotWidth / 2) : left + (plotWidth * i / (points.Count - 1));
            double Y(long v) => top + (plotHeight * (1 - (v / yTop)));
            var vertices = points.Select((p, i) => Coordinate(X(i)) + "," + Coordinate(Y(p.Value))).ToList();
            var line = string.Join(' ', vertices);
            var baseline = Coordinate(top + plotHeight);
            var area = $"M{Coordinate(X(0))},{baseline} L{string.Join(" L", vertices)} L{Coordinate(X(points.Count - 1))},{baseline} Z";
            html.Append(CultureInfo.InvariantCulture, $"<path d=\"{area}\" fill=\"{Ink}\" fill-opacity=\"0.18\" stroke=\"none\" />");
            html.Append(CultureInfo.InvariantCulture,
                $"<polyline points=\"{line}\" fill=\"none\" stroke=\"{Ink}\" stroke-width=\"1.5\" stroke-linejoin=\"round\" />");

            var labels = labelled is null
                ? LabelledIndices(points.Count, 7)
                : EveryFew(Enumerable.Range(0, points.Count).Where(i => labelled(points[i].T)).ToList(), 7);
            foreach (var i in labels)
            {
                var anchor = i == 0 ? "start" : i == points.Count - 1 ? "end" : "middle";
                html.Append(CultureInfo.InvariantCulture,
                    $"<text x=\"{Coordinate(X(i))}\" y=\"{Coordinate(height - 14)}\" text-anchor=\"{anchor}\">{Encode(points[i].T.UtcDateTime.ToString(timeFormat, CultureInfo.InvariantCulture))}</text>");
            }
        }

        html.Append("</svg>");
    }

    /// <summary>Horizontal bars scaled to the longest, each with its label on the left and its figure at its end.</summary>
    public static void Bars(StringBuilder html, string title, IReadOnlyList<Bar> bars)
    {
        const double row = 22, labelWidth = 170, valueWidth = 70, barHeight = 14;
        var barSpace = Width - labelWidth - valueWidth;
        var height = (bars.Count * row) + 8;
        var max = bars.Count == 0 ? 0 : bars.Max(b => b.Value);

        Open(html, title, height);
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = 4 + (i * row);
            var length = max <= 0 ? 0 : Math.Max(1, barSpace * bar.Value / max);
            html.Append("<g><title>").Append(Encode(bar.Label)).Append(": ").Append(Encode(bar.ValueText)).Append("</title>");
            html.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{Coordinate(labelWidth - 8)}\" y=\"{Coordinate(y + 12)}\" text-anchor=\"end\">{Encode(Shorten(bar.Label, 24))}</text>");
            html.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{Coordinate(labelWidth)}\" y=\"{Coordinate(y + 1)}\" width=\"{Coordinate(length)}\" height=\"{Coordinate(barHeight)}\" fill=\"{(bar.Highlighted ? Highlight : Muted)}\" />");
            html.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{Coordinate(labelWidth + length + 6)}\" y=\"{Coordinate(y + 12)}\">{Encode(bar.ValueText)}</text>");
            html.Append("</g>");
        }

        html.Append("</svg>");
    }

    private static void Open(StringBuilder html, string title, double height) =>
        html.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Coordinate(Width)} {Coordinate(height)}\" width=\"{Coordinate(Width)}\" height=\"{Coordinate(height)}\" role=\"img\" font-family=\"sans-serif\" font-size=\"11\"><title>{Encode(title)}</title>");

    /// <summary>1, 2 or 5 times a power of ten: the round gap between gridlines nearest above <paramref name="raw"/>.</summary>
    private static double NiceStep(double raw)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var residual = raw / magnitude;
        return (residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10) * magnitude;
    }

    /// <summary>Up to <paramref name="labels"/> of <paramref name="candidates"/>, the first and then every so many, so they stay evenly spaced.</summary>
    private static IEnumerable<int> EveryFew(List<int> candidates, int labels)
    {
        var stride = Math.Max(1, (candidates.Count + labels - 1) / labels);
        return candidates.Where((_, k) => k % stride == 0);
    }

    /// <summary>Up to <paramref name="labels"/> evenly spread points, the first and last included, so time labels never crowd.</summary>
    private static IEnumerable<int> LabelledIndices(int count, int labels) =>
        count <= labels
            ? Enumerable.Range(0, count)
            : Enumerable.Range(0, labels).Select(k => (int)Math.Round((double)k * (count - 1) / (labels - 1))).Distinct();
}
