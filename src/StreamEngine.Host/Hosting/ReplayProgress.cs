using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// How many lines of a replay file are journaled, kept in the data directory under the file's path,
/// with a digest of the file's first MiB as it was when its replay began: at a later start the replay goes on after those lines (none
/// left for a file replayed in full, those appended since, the rest of a replay cut short), and a
/// file whose first MiB changed is another file, replayed from its first line. Written after each
/// run of chunks the journal took, by replacing the file whole.
/// </summary>
internal sealed class ReplayProgress
{
    /// <summary>How much of a file's start tells it from another at the same path.</summary>
    public const int HeadBytes = 1024 * 1024;

    private readonly string _path;
    private readonly string _file;
    private readonly Lock _lock = new();
    private int _recorded;

    // The start of the file as it was when the replay began, which lines appended later leave as it is.
    private string? _head;

    private ReplayProgress(string path, string file)
    {
        _path = path;
        _file = file;
    }

    /// <summary>The progress of the replay of <paramref name="file"/> by the node with <paramref name="dataDir"/>.</summary>
    public static ReplayProgress For(string dataDir, string file)
    {
        // A link is remembered as the file it leads to, so both paths name one replay.
        var target = new FileInfo(file).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(file);
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(target)))[..32];
        return new ReplayProgress(Path.Combine(Path.GetFullPath(dataDir), "replayed", name + ".progress"), file);
    }

    /// <summary>The lines journaled at earlier starts, or 0; <paramref name="another"/> when they were of another file at the same path.</summary>
    public int LinesJournaled(out bool another)
    {
        another = false;
        if (File.Exists(_path)
            && File.ReadAllText(_path).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) is [var count, var length, var digest]
            && int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var lines)
            && int.TryParse(length, NumberStyles.None, CultureInfo.InvariantCulture, out var headBytes))
        {
            another = HeadOf(_file, headBytes) != digest;
            if (!another)
            {
                _head = $"{headBytes} {digest}";
                return lines;
            }
        }

        return 0;
    }

    /// <summary>The file the progress is kept in.</summary>
    public string Location => _path;

    /// <summary>The lines recorded as journaled by this replay, or 0.</summary>
    public int Recorded
    {
        get
        {
            lock (_lock)
            {
                return _recorded;
            }
        }
    }

    /// <summary>Records that the lines up to <paramref name="lines"/> are journaled; an earlier report arriving late changes nothing.</summary>
    public void Record(int lines) => Write(lines, back: false);

    /// <summary>Takes the last lines recorded back: those up to <paramref name="lines"/> alone are journaled.</summary>
    public void RecordBack(int lines) => Write(lines, back: true);

    private void Write(int lines, bool back)
    {
        lock (_lock)
        {
            if (lines <= _recorded && !back)
            {
                return;
            }

            _recorded = lines;
            if (_head is null)
            {
                var headBytes = (int)Math.Min(HeadBytes, new FileInfo(_file).Length);
                _head = string.Create(CultureInfo.InvariantCulture, $"{headBytes} {HeadOf(_file, headBytes)}");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            var written = _path + ".new";
            File.WriteAllText(written, string.Create(CultureInfo.InvariantCulture, $"{lines} {_head}\n"));
            File.Move(written, _path, overwrite: true);
        }
    }

    /// <summary>The digest of the first <paramref name="bytes"/> bytes of the file; empty when it is shorter.</summary>
    private static string HeadOf(string file, int bytes)
    {
        using var stream = File.OpenRead(file);
        if (stream.Length < bytes)
        {
            return "";
        }

        var head = new byte[bytes];
        stream.ReadExactly(head);
        return Convert.ToHexStringLower(SHA256.HashData(head));
    }

    /// <summary>Moves <paramref name="file"/> past its first <paramref name="lines"/> lines; the lines it found, fewer at its end.</summary>
    public static int SkipLines(Stream file, int lines)
    {
        ArgumentNullException.ThrowIfNull(file);
        var buffer = new byte[64 * 1024];
        var skipped = 0;
        long at = 0;
        while (skipped < lines)
        {
            var read = file.Read(buffer);
            if (read == 0)
            {
                return skipped;
            }

            var span = buffer.AsSpan(0, read);
            var left = lines - skipped;
            var found = span.Count((byte)'\n');
            if (found < left)
            {
                skipped += found;
                at += read;
                continue;
            }

            // The line break that ends the last line to skip.
            var end = -1;
            for (var n = 0; n < left; n++)
            {
                end += span[(end + 1)..].IndexOf((byte)'\n') + 1;
            }

            file.Position = at + end + 1;
            return lines;
        }

        return skipped;
    }
}
