using System.Diagnostics.CodeAnalysis;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Analysis;
using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Threats;

namespace StreamEngine.Domain.Ingest;

/// <summary>
/// Reads a chunk of NDJSON: one post per line, each parsed, validated against the clock and matched
/// against the model. A bad line is reported by number and never affects the lines around it.
/// </summary>
public static class ChunkReader
{
    /// <summary>The longest line read; a longer one is refused unread.</summary>
    public const int MaxLineBytes = 1024 * 1024;

    /// <summary>The refusal of a line longer than <see cref="MaxLineBytes"/>.</summary>
    public static readonly string LineTooLong = $"the line is longer than {MaxLineBytes / 1024 / 1024} MiB and was not read";

    /// <param name="firstLine">The 1-based number, in the caller's input, of the chunk's first line.</param>
    public static ChunkReading Read(ReadOnlySpan<byte> chunk, int firstLine, PostAnalyzer analyzer, DateTimeOffset now, AnalysisScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        var reading = new ChunkReading();
        var brands = new List<int>();
        var lines = new NdjsonLines(chunk, firstLine);
        while (lines.MoveNext(out var line, out var lineNumber))
        {
            ReadLine(line, lineNumber, analyzer, now, scratch, reading, brands);
        }

        return reading;
    }

    /// <summary>
    /// The identities of the posts of <paramref name="chunk"/> that ingest would remember as seen:
    /// those it would fold (mentioning a brand, or carrying a threat), without the rest of their
    /// analysis, which costs the most.
    /// </summary>
    public static void ReadIdentities(ReadOnlySpan<byte> chunk, PostAnalyzer analyzer, DateTimeOffset now, AnalysisScratch scratch, List<ulong> identities)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(identities);
        var brands = new List<int>();
        var lines = new NdjsonLines(chunk, 1);
        while (lines.MoveNext(out var line, out _))
        {
            if (TryReadPost(line, now, out var post, out _) && !RetentionPolicy.IsLate(post.CreatedAt, now) && Folded(post, analyzer, scratch, brands))
            {
                identities.Add(PostIdentity.Of(post));
            }
        }
    }

    /// <summary>
    /// Whether ingest folds the post, without the rest of its analysis. One whose matching fails
    /// ingest refused (<see cref="ReadLine"/>), so never saw; one that failed only later in its
    /// analysis is counted seen here, which no post does today.
    /// </summary>
    private static bool Folded(Post post, PostAnalyzer analyzer, AnalysisScratch scratch, List<int> brands)
    {
        try
        {
            return analyzer.MentionsAnyBrand(post, scratch, brands) || analyzer.Threats.Detect(post).Count > 0;
        }
#pragma warning disable CA1031 // as ReadLine: a post the engine fails to analyse is refused, so was not seen
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    /// <summary>One line as ingest takes it: a post, or the reason it is refused (malformed, invalid, or dated too far ahead of <paramref name="now"/>).</summary>
    public static bool TryReadPost(ReadOnlySpan<byte> line, DateTimeOffset now, [NotNullWhen(true)] out Post? post, [NotNullWhen(false)] out string? error)
    {
        // Ingest's chunker skips such a line as it streams past; a line handed over whole is judged alike.
        if (line.Length > MaxLineBytes)
        {
            (post, error) = (null, LineTooLong);
            return false;
        }

        if (!PostParser.TryParse(line, out post, out error))
        {
            return false;
        }

        error = RetentionPolicy.FutureRefusal(post.CreatedAt, now);
        if (error is null)
        {
            return true;
        }

        post = null;
        return false;
    }

    private static void ReadLine(ReadOnlySpan<byte> line, int lineNumber, PostAnalyzer analyzer, DateTimeOffset now,
        AnalysisScratch scratch, ChunkReading reading, List<int> brands)
    {
        if (!TryReadPost(line, now, out var post, out var error))
        {
            reading.Errors.Add(new LineError(lineNumber, error));
            return;
        }

        if (RetentionPolicy.IsLate(post.CreatedAt, now))
        {
            reading.Accepted++;
            reading.Late++;
            return;
        }

        IReadOnlyList<ThreatFinding> threats;
        MatchedPost? matched;
        try
        {
            (threats, matched) = Analyze(post, analyzer, scratch, brands);
        }
#pragma warning disable CA1031 // a post the engine fails to analyse is refused alone, never its chunk's other lines
        catch (Exception ex)
#pragma warning restore CA1031
        {
            reading.Errors.Add(new LineError(lineNumber, $"the post could not be analysed ({ex.GetType().Name}: {ex.Message}): a fault of the engine's, not of the post; please report it with the line"));
            return;
        }

        reading.Accepted++;
        if (matched is null)
        {
            reading.Unmatched++;
            foreach (var finding in threats)
            {
                reading.Threats.Add((post, finding));
            }

            return;
        }

        reading.Mentions.Add(matched);
    }

    /// <summary>The threats a post carries, and the post as a mention of the brands it names (null when it names none).</summary>
    private static (IReadOnlyList<ThreatFinding> Threats, MatchedPost? Mention) Analyze(Post post, PostAnalyzer analyzer, AnalysisScratch scratch, List<int> brands)
    {
        // Threats are looked for in every accepted post: an impersonator need not name the brand.
        var threats = analyzer.Threats.Detect(post);
        var analysis = analyzer.Analyze(post, scratch, brands);
        if (analysis is null)
        {
            return (threats, null);
        }

        var ids = analyzer.Model.BrandIds(brands);
        var watched = false;
        for (var i = 0; i < ids.Count; i++)
        {
            watched |= analyzer.Threats.Watched.Contains(ids[i]);
        }

        return (threats, new MatchedPost(post, ids, analysis)
        {
            Identity = PostIdentity.Of(post),
            Facts = MentionFacts.Of(post, scratch.Tokens),
            Print = watched ? CoordinatedBurstDetector.PrintOf(post) : null,
            Threats = threats,
        });
    }
}
