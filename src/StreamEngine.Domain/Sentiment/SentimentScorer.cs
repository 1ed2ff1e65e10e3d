using StreamEngine.Domain.Text;

namespace StreamEngine.Domain.Sentiment;

/// <summary>
/// Scores the sentiment of a post with the rules of VADER (Hutto and Gilbert, ICWSM 2014) over its
/// valence lexicon. Built once; immutable, so one instance serves every thread, each bringing its
/// own <see cref="TokenizedText"/>. Scoring allocates nothing.
/// </summary>
public sealed class SentimentScorer
{
    internal const string LexiconResource = "StreamEngine.Domain.Sentiment.Data.vader_lexicon.txt";

    [ThreadStatic]
    private static TermTraits[]? t_traits;

    private readonly SentimentLexicon _lexicon;

    private SentimentScorer(SentimentLexicon lexicon) => _lexicon = lexicon;

    /// <summary>Number of distinct look-up forms: lexicon entries and rule words.</summary>
    public int TermCount => _lexicon.Count;

    /// <summary>The scorer over VADER's lexicon, embedded in this assembly.</summary>
    public static SentimentScorer Load()
    {
        using var reader = EmbeddedText.Open(LexiconResource);
        return Parse(reader);
    }

    /// <summary>A scorer over a lexicon in VADER's format: token TAB mean valence (TAB anything).</summary>
    public static SentimentScorer Parse(TextReader lexicon) => new(SentimentLexicon.Parse(lexicon));

    /// <summary>Tokenizes <paramref name="text"/> into <paramref name="scratch"/>, then scores it.</summary>
    public SentimentScore Score(ReadOnlySpan<char> text, TokenizedText scratch)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        scratch.Tokenize(text);
        return Score(scratch);
    }

    /// <summary>Scores the sentiment tokens of the text last tokenized into <paramref name="text"/>.</summary>
    public SentimentScore Score(TokenizedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = text.TokenCount;
        if (count == 0)
        {
            return default;
        }

        // Each thread keeps one array of token traits, grown to its longest post: no allocation,
        // and unlike stackalloc no zeroing, per post.
        var traits = t_traits;
        if (traits is null || traits.Length < count)
        {
            t_traits = traits = new TermTraits[Math.Max(count, 256)];
        }

        return Score(text, traits.AsSpan(0, count));
    }

    /// <summary>
    /// Scores the tokens [<paramref name="first"/>, <paramref name="end"/>) of the text last tokenized
    /// (a clause, for aspect sentiment). Negations and boosters just before the clause still apply,
    /// since they are read from the whole text; the text's '!' and '?' belong to no single clause.
    /// </summary>
    public SentimentScore ScoreTokens(TokenizedText text, int first, int end)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = text.TokenCount;
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(end, count);
        if (first >= end)
        {
            return default;
        }

        var traits = t_traits;
        if (traits is null || traits.Length < count)
        {
            t_traits = traits = new TermTraits[Math.Max(count, 256)];
        }

        return Score(text, traits.AsSpan(0, count), first, end);
    }

    private SentimentScore Score(TokenizedText text, Span<TermTraits> traits) => Score(text, traits, 0, traits.Length);

    private SentimentScore Score(TokenizedText text, Span<TermTraits> traits, int first, int end)
    {
        var whole = first == 0 && end == traits.Length;
        // First every token's traits, since the rules look both ways from a word.
        var tokens = text.Tokens;
        var forms = text.Forms;
        var but = -1;
        var valenced = 0;
        for (var i = 0; i < traits.Length; i++)
        {
            var token = tokens[i];
            var term = _lexicon.Find(
                forms.Slice(token.FormStart, token.FormLength),
                (token.Flags & TokenizedText.TokenFlags.HasApostrophe) != 0,
                token.IsAllCaps);
            traits[i] = term;
            if (term.HasValence && i >= first && i < end)
            {
                valenced++;
            }

            if (but < 0 && whole && term.Is(TermRole.But))
            {
                but = i;
            }
        }

        if (valenced == 0)
        {
            // Every token is neutral, and punctuation has nothing to stress.
            return new SentimentScore(0, 0, 1, 0);
        }

        var composition = new SentimentComposition(end - first);
        var mixedCase = text.IsMixedCase;
        for (var i = first; i < end; i++)
        {
            if (!traits[i].HasValence)
            {
                continue;
            }

            var valence = ValenceRules.Valence(i, traits, text, mixedCase);
            if (but >= 0)
            {
                // Rule 4: after a contrastive "but" the writer's real opinion follows.
                valence *= i < but ? VaderConstants.BeforeButScalar
                    : i > but ? VaderConstants.AfterButScalar
                    : 1;
            }

            composition.Add(valence);
        }

        return whole
            ? composition.Compose(text.ExclamationCount, text.QuestionCount)
            : composition.Compose(0, 0);
    }
}
