using StreamEngine.Domain.Analysis;
using StreamEngine.Domain.Model;
using StreamEngine.Domain.Sentiment;

namespace StreamEngine.Engine.Ingest;

/// <summary>
/// The model in force and the analyzer compiled from it, read by every stage; swapping them is one
/// reference write, so a chunk sees one model throughout. The lexicons are loaded once per process.
/// </summary>
public sealed class CurrentModel
{
    private static readonly Lazy<EmotionDetector> Emotions = new(EmotionDetector.Load);

    // With the emotion words merged in, so that one look-up per token serves both.
    private static readonly Lazy<SentimentScorer> Scorer = new(() => SentimentScorer.Load(Emotions.Value));

    private volatile PostAnalyzer _analyzer;

    public CurrentModel(ListeningModel initial) =>
        _analyzer = new PostAnalyzer(initial, Scorer.Value, Emotions.Value);

    public ListeningModel Model => _analyzer.Model;

    public PostAnalyzer Analyzer => _analyzer;

    /// <summary>Raised on the replacing thread once a new model is in force.</summary>
    public event EventHandler? Replaced;

    public void Replace(ListeningModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _analyzer = new PostAnalyzer(model, Scorer.Value, Emotions.Value);
        Replaced?.Invoke(this, EventArgs.Empty);
    }
}
