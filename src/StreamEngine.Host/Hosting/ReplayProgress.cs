using System.Globalization;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// How many lines of a replay file are journaled, kept beside its marker so that a replay cut short
/// (SIGTERM, a crash) goes on from there at the next start instead of counting those posts again.
/// Written after each run of chunks the journal took, by replacing the file whole.
/// </summary>
internal sealed class ReplayProgress(string marker)
{
    private readonly string _path = marker + ".lines";
    private readonly Lock _lock = new();
    private bool _removed;

    /// <summary>The lines journaled at earlier starts, or 0.</summary>
    public int LinesJournaled() =>
        File.Exists(_path) && int.TryParse(File.ReadAllText(_path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var lines) ? lines : 0;

    public void Record(int lines)
    {
        lock (_lock)
        {
            // A report that comes after the whole file was journaled would leave lines to skip
            // behind, for a replay started again by deleting the marker.
            if (_removed)
            {
                return;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            var written = _path + ".new";
            File.WriteAllText(written, lines.ToString(CultureInfo.InvariantCulture) + "\n");
            File.Move(written, _path, overwrite: true);
        }
    }

    /// <summary>Forgets the lines recorded, for good: the file is replayed in full.</summary>
    public void Remove()
    {
        lock (_lock)
        {
            _removed = true;
            File.Delete(_path);
        }
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
