using System.Text;
using StreamEngine.Domain.Analysis;
using StreamEngine.Domain.Ingest;
using StreamEngine.Domain.Model;
using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Sentiment;
using StreamEngine.LoadGenerator.Firehose;

namespace StreamEngine.LoadGenerator.Tests;

/// <summary>A stretch of firehose read back as the engine reads it: each line read as ingest reads it (as of <see cref="Now"/>), then matched against the model.</summary>
internal sealed class GeneratedFirehose
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static readonly EmotionDetector Emotions = EmotionDetector.Load();
    private static readonly SentimentScorer Scorer = SentimentScorer.Load(Emotions);

    public GeneratedFirehose(ListeningModel model, FirehoseOptions options, int lines)
    {
        var generator = new FirehoseGenerator(model, options);
        var analyzer = new PostAnalyzer(model, Scorer, Emotions);
        var scratch = new AnalysisScratch();
        var brands = new List<int>();
        for (var i = 0; i < lines; i++)
        {
            var (line, _) = generator.Next();
            Lines.Add(line);
            if (!ChunkReader.TryReadPost(line.AsSpan(0, line.Length - 1), Now, out var post, out var error))
            {
                Errors.Add($"line {i + 1}: {error}: {Encoding.UTF8.GetString(line)}");
                continue;
            }

            Posts.Add(post);
            analyzer.Analyze(post, scratch, brands);
            BrandsOf.Add([.. brands.Select(b => model.Brands[b].Id)]);
        }
    }

    public List<byte[]> Lines { get; } = [];

    public List<string> Errors { get; } = [];

    public List<Post> Posts { get; } = [];

    /// <summary>For each post, in order, the ids of the brands the engine finds in it.</summary>
    public List<string[]> BrandsOf { get; } = [];

    public static ListeningModel DemoModel() => ModelLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "model.yaml"));
}
