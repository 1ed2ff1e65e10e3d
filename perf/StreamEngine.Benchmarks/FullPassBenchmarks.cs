using BenchmarkDotNet.Attributes;
using StreamEngine.Domain.Analysis;
using StreamEngine.Domain.Model;
using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Query;
using StreamEngine.Domain.Sentiment;

namespace StreamEngine.Benchmarks;

/// <summary>
/// The whole per-post pass of the engine over the same 1,000 posts as <see cref="SentimentBenchmarks"/>,
/// on one thread, against the compiled demo model (config/model.yaml): tokenize once, match brands
/// and concepts, then sentiment and emotions from the same tokens, as <see cref="PostAnalyzer"/> does.
/// Every figure is per post; the last column turns it into posts per second on one core.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PerPostConfig))]
public class FullPassBenchmarks
{
    private const int Posts = 1000;

    private readonly List<int> _brands = [];
    private readonly List<int> _concepts = [];
    private string[] _texts = [];
    private Post[] _posts = [];
    private PostFields[] _fields = [];
    private ListeningModel _model = null!;
    private SentimentScorer _scorer = null!;
    private EmotionDetector _emotions = null!;
    private PostAnalyzer _analyzer = null!;
    private AnalysisScratch _scratch = null!;

    [GlobalSetup]
    public void Setup()
    {
        _texts = PostCorpus.Generate(Posts);
        var author = new Author("author", "author", null, 100, false, Gender.Unknown, null, null);
        _posts = [.. _texts.Select((text, i) => new Post($"post-{i}", Network.X, DateTimeOffset.UnixEpoch, text, "en", author, default, null, null))];
        _fields = [.. _posts.Select(PostFields.From)];
        _model = BenchmarkFirehose.DemoModel();
        _emotions = EmotionDetector.Load();
        _scorer = SentimentScorer.Load(_emotions);
        _analyzer = new PostAnalyzer(_model, _scorer, _emotions);
        _scratch = new AnalysisScratch();
    }

    /// <summary>Tokenize and match only: what the pass costs without sentiment and emotions.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Posts)]
    public int TokenizeAndMatch()
    {
        var found = 0;
        for (var p = 0; p < _texts.Length; p++)
        {
            Match(p);
            found += _brands.Count + _concepts.Count;
        }

        return found;
    }

    /// <summary>Tokenize once, match, then sentiment and emotions from the same tokens.</summary>
    [Benchmark(OperationsPerInvoke = Posts)]
    public double FullPass()
    {
        var sum = 0.0;
        for (var p = 0; p < _texts.Length; p++)
        {
            Match(p);
            sum += _brands.Count + _concepts.Count
                + _scorer.Score(_scratch.Tokens).Compound
                + (int)_scorer.DetectEmotions(_scratch.Tokens);
        }

        return sum;
    }

    /// <summary>
    /// <see cref="PostAnalyzer.Analyze"/> itself: the full pass plus aspect sentiment per matched
    /// topic and the analysis it hands on (whose lists allocate), for posts naming a brand.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Posts)]
    public int Analyze()
    {
        var analysed = 0;
        foreach (var post in _posts)
        {
            analysed += _analyzer.Analyze(post, _scratch, _brands) is null ? 0 : 1;
        }

        return analysed;
    }

    private void Match(int post)
    {
        var text = _texts[post];
        _scratch.Tokens.Tokenize(text);
        _model.Match(_scratch.Tokens, text, _fields[post], _scratch.Match, _brands, _concepts);
    }
}
