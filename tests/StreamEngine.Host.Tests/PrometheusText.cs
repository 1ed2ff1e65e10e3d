using System.Globalization;
using System.Text.RegularExpressions;

namespace StreamEngine.Host.Tests;

/// <summary>A strict reader of the Prometheus text exposition format: any line it cannot read fails the test.</summary>
public static partial class PrometheusText
{
    [GeneratedRegex("""^(?<series>[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*",?)*\})?) (?<value>[^ ]+)( -?\d+)?$""")]
    private static partial Regex Sample();

    [GeneratedRegex("^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*$")]
    private static partial Regex Comment();

    public static Dictionary<string, double> Parse(string text)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || Comment().IsMatch(line))
            {
                continue;
            }

            var match = Sample().Match(line);
            Assert.True(match.Success, $"not a Prometheus sample line: '{line}'");
            var raw = match.Groups["value"].Value;
            var value = raw switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                _ => double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            samples[match.Groups["series"].Value] = value;
        }

        return samples;
    }
}
