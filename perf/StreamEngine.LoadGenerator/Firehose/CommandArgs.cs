using System.Globalization;

namespace StreamEngine.LoadGenerator.Firehose;

/// <summary>
/// A small <c>--name value</c> / <c>--flag</c> parser shared by the perf tools. Every option that is
/// read is remembered, so a misspelt one is reported instead of silently ignored.
/// </summary>
public sealed class CommandArgs
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _read = new(StringComparer.OrdinalIgnoreCase);

    public CommandArgs(IEnumerable<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var arg = list[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{arg}': options look like --name value");
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                _values[arg[2..eq]] = arg[(eq + 1)..];
            }
            else if (i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                _values[arg[2..]] = list[++i];
            }
            else
            {
                _values[arg[2..]] = null;
            }
        }
    }

    public bool Has(string name)
    {
        _read.Add(name);
        return _values.ContainsKey(name);
    }

    public string? String(string name, string? fallback = null)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out var v) ? v ?? fallback : fallback;
    }

    public string Required(string name) =>
        String(name) ?? throw new ArgumentException($"--{name} is required");

    public bool Flag(string name)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out var v) && (v is null || v is "true" or "1" or "yes");
    }

    public long Long(string name, long fallback)
    {
        var s = String(name);
        return s is null ? fallback : long.Parse(s.Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
    }

    public int Int(string name, int fallback) => checked((int)Long(name, fallback));

    public double Double(string name, double fallback)
    {
        var s = String(name);
        return s is null ? fallback : double.Parse(s, CultureInfo.InvariantCulture);
    }

    /// <summary>Options given but never read: almost always a typo.</summary>
    public void RejectUnknown()
    {
        var unknown = _values.Keys.Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}");
        }
    }
}
