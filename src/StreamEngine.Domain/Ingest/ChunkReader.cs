using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Matching;
using StreamEngine.Domain.Model;
using StreamEngine.Domain.Posts;

namespace StreamEngine.Domain.Ingest;

/// <summary>
/// Reads a chunk of NDJSON: one post per line, each parsed, validated against the clock and matched
/// against the model. A bad line is reported by number and never affects the lines around it.
/// </summary>
public static class ChunkReader
{
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <param name="firstLine">The 1-based number, in the caller's input, of the chunk's first line.</param>
    public static ChunkReading Read(ReadOnlySpan<byte> chunk, int firstLine, ListeningModel model, DateTimeOffset now, MatchScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(model);
        var reading = new ChunkReading();
        var brands = new List<int>();
        var concepts = new List<int>();
        if (firstLine == 1 && chunk.StartsWith(Utf8Bom))
        {
            chunk = chunk[Utf8Bom.Length..];
        }

        var lineNumber = firstLine;
        while (!chunk.IsEmpty)
        {
            var end = chunk.IndexOf((byte)'\n');
            var line = end < 0 ? chunk : chunk[..end];
            chunk = end < 0 ? [] : chunk[(end + 1)..];
            if (line.EndsWith((byte)'\r'))
            {
                line = line[..^1];
            }

            if (!line.Trim(" \t"u8).IsEmpty)
            {
                ReadLine(line, lineNumber, model, now, scratch, reading, brands, concepts);
            }

            lineNumber++;
        }

        return reading;
    }

    private static void ReadLine(ReadOnlySpan<byte> line, int lineNumber, ListeningModel model, DateTimeOffset now,
        MatchScratch scratch, ChunkReading reading, List<int> brands, List<int> concepts)
    {
        if (!PostParser.TryParse(line, out var post, out var error))
        {
            reading.Errors.Add(new LineError(lineNumber, error!));
            return;
        }

        if (RetentionPolicy.IsTooFarAhead(post!.CreatedAt, now))
        {
            reading.Errors.Add(new LineError(lineNumber,
                $"'createdAt' {post.CreatedAt:O} is more than {RetentionPolicy.MaxFutureSkew.TotalMinutes:0} minutes ahead of the engine's clock ({now:O})"));
            return;
        }

        reading.Accepted++;
        if (RetentionPolicy.IsLate(post.CreatedAt, now))
        {
            reading.Late++;
            return;
        }

        model.Match(post.Text, scratch, brands, concepts);
        if (brands.Count == 0)
        {
            reading.Unmatched++;
            return;
        }

        reading.Mentions.Add(new MatchedPost(post, brands.Select(b => model.Brands[b].Id).ToArray(), concepts.Select(c => model.Concepts[c].Id).ToArray()));
    }
}
