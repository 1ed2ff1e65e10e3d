using StreamEngine.Domain.Text;

namespace StreamEngine.Domain.Sentiment;

/// <summary>
/// Finds which of Ekman's six emotions a post expresses: an emotion is present when one of its
/// words (or an emoji whose description holds one) occurs outside a negation window, that is not
/// within the three tokens after a negation ("not happy" expresses no joy). Immutable and shared by
/// every thread; detecting allocates nothing.
/// </summary>
public sealed class EmotionDetector
{
    internal const string WordsResource = "StreamEngine.Domain.Sentiment.Data.emotion_words.txt";

    private readonly FormTable<EmotionTerm> _terms;

    // What every word of the shipped emoji descriptions is, found once (see SentimentScorer).
    private readonly EmojiDescriptions _emoji = EmojiDescriptions.Default;
    private readonly EmotionTerm[] _descriptionTerms;

    private EmotionDetector(Dictionary<string, EmotionTerm> terms)
    {
        _terms = new FormTable<EmotionTerm>(terms);
        Words = terms.Where(t => t.Value.Emotions != Emotions.None).ToDictionary(t => t.Key, t => t.Value.Emotions, StringComparer.Ordinal);
        _descriptionTerms = new EmotionTerm[_emoji.DescriptionWordCount];
        for (var w = 0; w < _descriptionTerms.Length; w++)
        {
            _terms.TryGetValue(_emoji.DescriptionWordForm(w), out _descriptionTerms[w]);
        }
    }

    /// <summary>
    /// Every word of the list with the emotions it expresses, for a <see cref="SentimentScorer"/> to
    /// merge into its lexicon: then one look-up per token serves both (<see cref="SentimentScorer.DetectEmotions"/>).
    /// </summary>
    internal IReadOnlyDictionary<string, Emotions> Words { get; }

    /// <summary>Number of emotion words known.</summary>
    public int WordCount { get; private init; }

    /// <summary>The detector over the word list embedded in this assembly.</summary>
    public static EmotionDetector Load()
    {
        using var reader = EmbeddedText.Open(WordsResource);
        return Parse(reader);
    }

    /// <summary>
    /// Reads a word list: '#' starts a comment line, "[anger]" (any <see cref="Emotions"/> name)
    /// starts a section, and the words of a section are separated by white space.
    /// </summary>
    public static EmotionDetector Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var terms = new Dictionary<string, EmotionTerm>(StringComparer.Ordinal);
        var current = Emotions.None;
        var lineNumber = 0;
        var words = 0;
        while (reader.ReadLine() is { } raw)
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line[0] == '[')
            {
                var name = line.TrimStart('[').TrimEnd(']');
                if (!Enum.TryParse(name, ignoreCase: true, out current) || current == Emotions.None
                    || !Enum.IsDefined(current))
                {
                    throw new FormatException($"emotion words line {lineNumber}: '{name}' is not one of Ekman's six emotions");
                }

                continue;
            }

            if (current == Emotions.None)
            {
                throw new FormatException($"emotion words line {lineNumber}: words before any [emotion] section");
            }

            foreach (var word in line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                terms.TryGetValue(word, out var term);
                if (term.Emotions == Emotions.None)
                {
                    words++;
                }

                terms[word] = term with { Emotions = term.Emotions | current };
            }
        }

        foreach (var word in ModifierWords.Negations.Append("no"))
        {
            terms.TryGetValue(word, out var term);
            terms[word] = term with { Roles = term.Roles | TermRole.Negation };
        }

        foreach (var (word, role) in ModifierWords.RoleWords().Where(r => r.Role is TermRole.Least or TermRole.AtOrVery or TermRole.Never or TermRole.SoOrThis or TermRole.Without or TermRole.Doubt))
        {
            terms.TryGetValue(word, out var term);
            terms[word] = term with { Roles = term.Roles | role };
        }

        return new EmotionDetector(terms) { WordCount = words };
    }

    /// <summary>The emotions expressed by the text last tokenized into <paramref name="text"/>.</summary>
    public Emotions Detect(TokenizedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text.RequireSentimentTokens();
        var found = new UnnegatedEmotions();
        var tokens = text.Tokens;
        var forms = text.Forms;
        var descriptionWords = text.DescriptionWords;
        var fromEmoji = ReferenceEquals(text.Emoji, _emoji) ? TokenizedText.TokenFlags.FromEmoji : TokenizedText.TokenFlags.None;
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            EmotionTerm term;
            if ((token.Flags & fromEmoji) != 0)
            {
                // A description word in no list has the default term, which neither expresses nor negates.
                term = _descriptionTerms[descriptionWords[i]];
            }
            else
            {
                var form = forms.Slice(token.FormStart, token.FormLength);
                if (!_terms.TryGetValue(form, out term))
                {
                    if ((token.Flags & TokenizedText.TokenFlags.HasApostrophe) != 0 && form.Contains("n't", StringComparison.Ordinal))
                    {
                        found.Read(i, Emotions.None, TermRole.Negation);
                    }

                    continue;
                }
            }

            found.Read(i, term.Emotions, term.Roles);
        }

        return found.Found;
    }

    /// <param name="Roles">Only those <see cref="UnnegatedEmotions"/> reads: negation, "least", "at" / "very".</param>
    private readonly record struct EmotionTerm(Emotions Emotions, TermRole Roles = TermRole.None);
}
