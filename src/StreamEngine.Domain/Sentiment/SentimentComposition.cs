using static StreamEngine.Domain.Sentiment.VaderConstants;

namespace StreamEngine.Domain.Sentiment;

/// <summary>
/// Adds up the token valences of a text, then turns them into its <see cref="SentimentScore"/>.
/// Tokens start out neutral; only those with a valence need adding.
/// </summary>
internal struct SentimentComposition(int tokens)
{
    private double _sum;
    private double _positive;
    private double _negative;
    private int _neutral = tokens;

    public void Add(double valence)
    {
        _neutral--;
        _sum += valence;

        // A sentiment-laden token weighs its intensity on top of the one every neutral token
        // weighs, so that the proportions reflect both how much of the text leans and how far.
        if (valence > 0)
        {
            _positive += valence + 1;
        }
        else if (valence < 0)
        {
            _negative += valence - 1;
        }
        else
        {
            _neutral++;
        }
    }

    public readonly SentimentScore Compose(int exclamations, int questions)
    {
        var total = _positive - _negative + _neutral;
        if (total == 0)
        {
            return default;
        }

        // Punctuation stresses whatever the text already says; it has no polarity of its own.
        var emphasis = PunctuationEmphasis(exclamations, questions);
        var sum = _sum > 0 ? _sum + emphasis : _sum < 0 ? _sum - emphasis : 0;
        var positive = _positive;
        var negative = _negative;
        if (positive > -negative)
        {
            positive += emphasis;
        }
        else if (positive < -negative)
        {
            negative -= emphasis;
        }

        var compound = Math.Clamp(sum / Math.Sqrt((sum * sum) + NormalisationAlpha), -1, 1);
        total = positive - negative + _neutral;
        return new SentimentScore(compound, positive / total, _neutral / total, Math.Abs(negative) / total);
    }

    /// <summary>Rule 1: '!' adds intensity up to four of them; '?' only when repeated.</summary>
    private static double PunctuationEmphasis(int exclamations, int questions)
    {
        var emphasis = Math.Min(exclamations, MaxExclamations) * ExclamationIncrement;
        if (questions > 1)
        {
            emphasis += questions <= MaxQuestions ? questions * QuestionIncrement : ManyQuestionsIncrement;
        }

        return emphasis;
    }
}
