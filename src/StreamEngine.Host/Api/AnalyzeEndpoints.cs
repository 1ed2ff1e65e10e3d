using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Analysis;
using StreamEngine.Domain.Ingest;
using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Sentiment;
using StreamEngine.Engine.Ingest;

namespace StreamEngine.Host.Api;

/// <summary>
/// POST /api/analyze: posts in (NDJSON, the ingest schema), one item out per line in input order,
/// saying what the engine reads in each and why. Touches no aggregate.
/// </summary>
internal static class AnalyzeEndpoints
{
    /// <summary>Analysis is for checking a model on samples, not for bulk: bigger inputs belong to /api/ingest.</summary>
    private const int MaxBodyBytes = 16 * 1024 * 1024;

    public sealed record SpanMatch(string Id, IReadOnlyList<int[]> Spans);

    public sealed record SentimentResult(double Compound, string Label, double Pos, double Neu, double Neg);

    public sealed record AnalyzedPost(
        int Line,
        string? Id,
        IReadOnlyList<SpanMatch>? Brands,
        IReadOnlyList<SpanMatch>? Concepts,
        IReadOnlyList<SpanMatch>? Intents,
        SentimentResult? Sentiment,
        IReadOnlyList<string>? Emotions,
        string? Error);

    public static void MapAnalyzeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/analyze", async (HttpContext http, CurrentModel current, TimeProvider clock) =>
        {
            if (http.Request.ContentLength > MaxBodyBytes)
            {
                return ApiErrors.TooLarge($"the body is larger than {MaxBodyBytes / 1024 / 1024} MiB; analyze samples, ingest bulk");
            }

            using var body = await RequestBody.ReadAsync(http.Request, MaxBodyBytes, http.RequestAborted);
            if (body is null)
            {
                return ApiErrors.TooLarge($"the body is larger than {MaxBodyBytes / 1024 / 1024} MiB; analyze samples, ingest bulk");
            }

            var analyzer = current.Analyzer;
            var scratch = new AnalysisScratch();
            var results = new List<AnalyzedPost>();
            var lines = new NdjsonLines(new ReadOnlySpan<byte>(body.GetBuffer(), 0, (int)body.Length));

            // One clock for the request, as ingest reads one per chunk: its lines are judged alike.
            var now = clock.GetUtcNow();
            while (lines.MoveNext(out var line, out var number))
            {
                // A line ingest would refuse is refused here for the same reason.
                results.Add(ChunkReader.TryReadPost(line, now, out var post, out var error)
                    ? Describe(number, post, analyzer.Explain(post, scratch))
                    : new AnalyzedPost(number, null, null, null, null, null, null, error));
            }

            return Results.Ok(results);
        })
            .Reading();
    }

    private static AnalyzedPost Describe(int line, Post post, PostExplanation e) =>
        new(
            line,
            post.Id,
            e.Brands.Select(Spans).ToList(),
            e.Concepts.Select(Spans).ToList(),
            e.Intents.Select(Spans).ToList(),
            e.Sentiment is { } s
                ? new SentimentResult(Rounded.To(s.Compound, 4), s.Label.ToName(), Rounded.To(s.Positive, 3), Rounded.To(s.Neutral, 3), Rounded.To(s.Negative, 3))
                : new SentimentResult(0, SentimentNames.Unscored, 0, 0, 0),
            e.Emotions.Names().ToList(),
            null);

    private static SpanMatch Spans(MatchExplanation m) => new(m.Id, m.Spans.Select(s => new[] { s.Start, s.End }).ToList());
}
