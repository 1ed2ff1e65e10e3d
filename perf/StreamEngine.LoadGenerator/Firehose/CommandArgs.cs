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
            var name = eq > 0 ? arg[2..eq] : arg[2..];
            var value = eq > 0 ? arg[(eq + 1)..]
                : i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal) ? list[++i]
                : null;

            // The last wins: scripts put a run's own options after the ones its runs share.
            _values[name] = value;
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
        if (!_values.TryGetValue(name, out var value))
        {
            return fallback;
        }

        return value ?? throw new ArgumentException($"--{name} needs a value");
    }

    public string Required(string name) =>
        String(name) ?? throw new ArgumentException($"--{name} is required");

    public bool Flag(string name)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out var v) && (v?.ToLowerInvariant() switch
        {
            null or "true" or "1" or "yes" => true,
            "false" or "0" or "no" => false,
            _ => throw new ArgumentException($"--{name} {v}: expected no value, or true or false"),
        });
    }

    /// <summary>A whole number (digits may be grouped with '_' or ','), at least <paramref name="min"/>.</summary>
    public long Long(string name, long fallback, long min = long.MinValue)
    {
        var s = String(name);
        if (s is null)
        {
            return fallback;
        }

        var digits = s.Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
        if (!long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new ArgumentException($"--{name} is '{s}': expected a whole number");
        }

        return value >= min ? value : throw new ArgumentException($"--{name} is {value}: expected {min} or more");
    }

    public int Int(string name, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        var value = Long(name, fallback, min);
        return value <= max ? (int)value : throw new ArgumentException($"--{name} is {value}: expected at most {max}");
    }

    /// <summary>A number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public double Double(string name, double fallback, double min = double.MinValue, double max = double.MaxValue)
    {
        var s = String(name);
        if (s is null)
        {
            return fallback;
        }

        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new ArgumentException($"--{name} is '{s}': expected a number");
        }

        var expected = max == double.MaxValue
            ? string.Create(CultureInfo.InvariantCulture, $"{min} or more")
            : string.Create(CultureInfo.InvariantCulture, $"a number from {min} to {max}");
        return value >= min && value <= max
            ? value
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--{name} is {value}: expected {expected}"));
    }

    /// <summary>A node's address, http or https with a host, such as http://127.0.0.1:5000.</summary>
    public Uri Url(string name)
    {
        var s = Required(name);
        return Uri.TryCreate(s, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new ArgumentException($"--{name} is '{s}': expected an address such as http://127.0.0.1:5000");
    }

    /// <summary>A file to write, checked now so that a run's results are not lost to a missing directory at its end.</summary>
    public string? OutputFile(string name)
    {
        var path = String(name);
        if (path is not null && Directory.Exists(path))
        {
            throw new ArgumentException($"--{name} {path}: a directory; give the path of a file to write");
        }

        if (path is not null && Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory && !Directory.Exists(directory))
        {
            throw new ArgumentException($"--{name} {path}: the directory {directory} does not exist");
        }

        if (path is not null)
        {
            ProbeWritable(name, path);
        }

        return path;
    }

    /// <summary>
    /// Opens the file for writing and closes it again, so that a file system that refuses it (/sys,
    /// /proc, a read-only mount, a name too long) is named before the work whose results it would hold.
    /// A file that was not there is not left behind, and one that was is not truncated.
    /// </summary>
    private static void ProbeWritable(string name, string path)
    {
        var existed = File.Exists(path);
        try
        {
            using (new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite))
            {
            }

            if (!existed)
            {
                File.Delete(path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--{name} {path}: cannot be written ({ex.Message})", ex);
        }
    }

    /// <summary>A number above zero (a duration, an interval, a rate).</summary>
    public double Positive(string name, double fallback)
    {
        var value = Double(name, fallback);
        return value > 0 ? value : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--{name} is {value}: expected a number above 0"));
    }

    /// <summary>A share of the posts, from 0 to 1.</summary>
    public double Share(string name, double fallback) => Double(name, fallback, 0, 1);

    /// <summary>One of <typeparamref name="T"/>'s names, any case.</summary>
    public T Choice<T>(string name, T fallback)
        where T : struct, Enum
    {
        var s = String(name);
        if (s is null)
        {
            return fallback;
        }

        // By name only: Enum.TryParse also reads "1" and "sweep,uniform".
        return Enum.GetNames<T>().FirstOrDefault(n => n.Equals(s, StringComparison.OrdinalIgnoreCase)) is { } known
            ? Enum.Parse<T>(known)
            : throw new ArgumentException($"--{name} is '{s}': expected one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}");
    }

    /// <summary>An ISO 8601 date-time; without an offset it is UTC.</summary>
    public DateTimeOffset? Time(string name)
    {
        var s = String(name);
        if (s is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw new ArgumentException($"--{name} is '{s}': expected an ISO 8601 date-time such as 2026-11-25T12:00:00Z");
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
