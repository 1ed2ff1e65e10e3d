using StreamEngine.Domain.Text;

namespace StreamEngine.Domain.Sentiment;

// Emotions read from the traits that a scorer loaded with an emotion word list looks up for sentiment.
public sealed partial class SentimentScorer
{
    /// <summary>
    /// Whether this scorer was loaded with <paramref name="emotions"/>' word list, so that
    /// <see cref="DetectEmotions"/> reads the emotions of that list (and, unlike the detector on its
    /// own, reads stretched words, negations included).
    /// </summary>
    public bool ReadsEmotionsOf(EmotionDetector emotions)
    {
        ArgumentNullException.ThrowIfNull(emotions);
        return ReferenceEquals(_emotions, emotions);
    }

    /// <summary>
    /// The emotions expressed by the text last tokenized into <paramref name="text"/>, read from the
    /// traits its sentiment was scored with (looked up now if it was not scored): an emotion word
    /// counts unless it stands within the three tokens after a negation, as for <see cref="EmotionDetector"/>.
    /// A stretched word is read as the word it stretches here too: "haaappy" is joy, and "nooot happy"
    /// expresses none.
    /// </summary>
    public Emotions DetectEmotions(TokenizedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text.RequireSentimentTokens();
        if (_emotions is null)
        {
            throw new InvalidOperationException("this scorer was built without an emotion word list: load it with an EmotionDetector");
        }

        var count = text.TokenCount;
        if (count == 0)
        {
            return Emotions.None;
        }

        var scratch = ScoringScratch.For(count);
        if (!scratch.IsReadFrom(this, text))
        {
            ReadTraits(text, scratch);
        }

        // Most texts hold no negation, and then every emotion word counts.
        return (scratch.Roles & UnnegatedEmotions.Negating) == 0 || scratch.Emotions == Emotions.None
            ? scratch.Emotions
            : EmotionsOutsideNegations(scratch.Traits.AsSpan(0, count));
    }

    private static Emotions EmotionsOutsideNegations(ReadOnlySpan<TermTraits> traits)
    {
        var found = new UnnegatedEmotions();
        for (var i = 0; i < traits.Length; i++)
        {
            found.Read(i, traits[i].Emotions, traits[i].Roles);
        }

        return found.Found;
    }
}

