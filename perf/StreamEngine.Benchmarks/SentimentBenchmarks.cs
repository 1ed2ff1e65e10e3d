using BenchmarkDotNet.Attributes;
using StreamEngine.Domain.Sentiment;
using StreamEngine.Domain.Text;

namespace StreamEngine.Benchmarks;

/// <summary>
/// Tokenizing, sentiment and emotions over the same 1,000 posts on one thread. Each invocation
/// reads the whole corpus, and BenchmarkDotNet divides by <see cref="Posts"/>, so every figure is
/// per post.
/// </summary>
[MemoryDiagnoser]
public class SentimentBenchmarks
{
    private const int Posts = 1000;

    private string[] _posts = [];
    private TokenizedText _tokens = null!;
    private SentimentScorer _scorer = null!;
    private EmotionDetector _emotions = null!;

    [GlobalSetup]
    public void Setup()
    {
        _posts = PostCorpus.Generate(Posts);
        _tokens = new TokenizedText();
        _emotions = EmotionDetector.Load();
        _scorer = SentimentScorer.Load(_emotions);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Posts)]
    public int Tokenize()
    {
        var tokens = 0;
        foreach (var post in _posts)
        {
            _tokens.Tokenize(post);
            tokens += _tokens.TokenCount + _tokens.WordCount;
        }

        return tokens;
    }

    [Benchmark(OperationsPerInvoke = Posts)]
    public double Sentiment()
    {
        var sum = 0.0;
        foreach (var post in _posts)
        {
            sum += _scorer.Score(post, _tokens).Compound;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Posts)]
    public int Emotions()
    {
        var found = 0;
        foreach (var post in _posts)
        {
            _tokens.Tokenize(post);
            found |= (int)_emotions.Detect(_tokens);
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Posts)]
    public double SentimentAndEmotions()
    {
        var sum = 0.0;
        foreach (var post in _posts)
        {
            _tokens.Tokenize(post);
            sum += _scorer.Score(_tokens).Compound + (int)_scorer.DetectEmotions(_tokens);
        }

        return sum;
    }
}
