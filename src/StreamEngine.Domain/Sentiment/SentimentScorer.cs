using System.Runtime.CompilerServices;
using StreamEngine.Domain.Text;

namespace StreamEngine.Domain.Sentiment;

/// <summary>
/// Scores the sentiment of a post with the rules of VADER (Hutto and Gilbert, ICWSM 2014) over its
/// valence lexicon. Built once; immutable, so one instance serves every thread, each bringing its
/// own <see cref="TokenizedText"/>. Scoring allocates nothing.
/// </summary>
public sealed partial class SentimentScorer
{
    internal const string LexiconResource = "StreamEngine.Domain.Sentiment.Data.vader_lexicon.txt";

    private readonly SentimentLexicon _lexicon;

    // The traits of every word of the shipped emoji descriptions, found once: a post's emoji
    // bring several such words each, the same few over and over.
    private readonly EmojiDescriptions _emoji = EmojiDescriptions.Default;
    private readonly TermTraits[] _descriptionTraits;

    // The emotion word list merged into the lexicon, if any.
    private readonly EmotionDetector? _emotions;

    private SentimentScorer(SentimentLexicon lexicon, EmotionDetector? emotions)
    {
        _lexicon = lexicon;
        _emotions = emotions;
        _descriptionTraits = new TermTraits[_emoji.DescriptionWordCount];
        for (var w = 0; w < _descriptionTraits.Length; w++)
        {
            // With the flags the tokenizer hands on for the word, so the table answers what a
            // look-up per post would.
            var flags = _emoji.DescriptionWordFlags(w);
            _descriptionTraits[w] = lexicon.Find(
                _emoji.DescriptionWordForm(w),
                (flags & TokenizedText.TokenFlags.HasApostrophe) != 0,
                (flags & TokenizedText.TokenFlags.AllCaps) != 0);
        }
    }

    /// <summary>Whether a word of a post, folded, would weigh in its sentiment or emotions (<see cref="SentimentLexicon.HasPart"/>).</summary>
    internal bool HasPart(string word) => _lexicon.HasPart(word);

    /// <summary>Number of distinct look-up forms: lexicon entries, rule words and any merged emotion words.</summary>
    public int TermCount => _lexicon.Count;

    /// <summary>The scorer over VADER's lexicon, embedded in this assembly.</summary>
    public static SentimentScorer Load()
    {
        using var reader = EmbeddedText.Open(LexiconResource);
        return Parse(reader);
    }

    /// <summary>
    /// The scorer over VADER's lexicon with the words of <paramref name="emotions"/> merged in: it
    /// also detects emotions, from the look-ups it makes for sentiment (<see cref="DetectEmotions"/>).
    /// </summary>
    public static SentimentScorer Load(EmotionDetector emotions)
    {
        ArgumentNullException.ThrowIfNull(emotions);
        using var reader = EmbeddedText.Open(LexiconResource);
        return Parse(reader, emotions);
    }

    /// <summary>A scorer over a lexicon in VADER's format: token TAB mean valence (TAB anything).</summary>
    public static SentimentScorer Parse(TextReader lexicon) => new(SentimentLexicon.Parse(lexicon), null);

    /// <summary>
    /// A scorer over a lexicon in VADER's format with the words of <paramref name="emotions"/> merged
    /// in (see <see cref="Load(EmotionDetector)"/>).
    /// </summary>
    public static SentimentScorer Parse(TextReader lexicon, EmotionDetector emotions)
    {
        ArgumentNullException.ThrowIfNull(emotions);
        return new(SentimentLexicon.Parse(lexicon, emotions.Words), emotions);
    }

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
        text.RequireSentimentTokens();
        var count = text.TokenCount;
        return count == 0 ? default : Score(text, ScoringScratch.For(count), 0, count);
    }

    /// <summary>
    /// Scores the tokens [<paramref name="first"/>, <paramref name="end"/>) of the text last tokenized
    /// (a clause, for aspect sentiment) as if they stood alone: a negation, modifier or idiom of the
    /// clause before does not reach into it ("not cheap, good quality" is good about quality). Two
    /// things stay the whole text's: capitals are shouting only in a text that has lower case too
    /// ("GREAT PRICE, awful service" shouts its first clause), and its '!' and '?' belong to no single
    /// clause, unless the clause is the whole text.
    /// </summary>
    public SentimentScore ScoreTokens(TokenizedText text, int first, int end)
    {
        ArgumentNullException.ThrowIfNull(text);
        text.RequireSentimentTokens();
        var count = text.TokenCount;
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(end, count);
        return first >= end ? default : Score(text, ScoringScratch.For(count), first, end);
    }

    /// <summary>
    /// Whether any token of [<paramref name="first"/>, <paramref name="end"/>) of the text last
    /// tokenized carries a valence of its own: whether a stretch of a post holds an opinion.
    /// </summary>
    public bool HoldsValence(TokenizedText text, int first, int end)
    {
        ArgumentNullException.ThrowIfNull(text);
        text.RequireSentimentTokens();
        var count = text.TokenCount;
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(end, count);
        var scratch = ScoringScratch.For(count);
        var (valenced, _) = TraitsOf(text, scratch);
        foreach (var i in scratch.Valenced.AsSpan(0, valenced))
        {
            if (i >= first && i < end)
            {
                return true;
            }
        }

        return false;
    }

    private SentimentScore Score(TokenizedText text, ScoringScratch scratch, int first, int end)
    {
        var count = text.TokenCount;
        var whole = first == 0 && end == count;
        var traits = scratch.Traits.AsSpan(0, count);
        var valencedAt = scratch.Valenced.AsSpan(0, count);
        var (valenced, roles) = TraitsOf(text, scratch);

        if (valenced == 0)
        {
            // Every token is neutral, and punctuation has nothing to stress.
            return new SentimentScore(0, 0, 1, 0);
        }

        var but = whole && (roles & TermRole.But) != 0 ? FirstBut(traits) : -1;
        var composition = new SentimentComposition(end - first);
        var mixedCase = text.IsMixedCase;
        var scope = traits[first..end];
        foreach (var i in valencedAt[..valenced])
        {
            if (i < first || i >= end)
            {
                continue;
            }

            var valence = ValenceRules.Valence(i - first, scope, mixedCase);
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

    /// <summary>The text's traits in <paramref name="scratch"/>, read now unless they were read for it already.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (int Valenced, TermRole Roles) TraitsOf(TokenizedText text, ScoringScratch scratch) =>
        scratch.IsReadFrom(this, text) ? (scratch.ValencedCount, scratch.Roles) : ReadTraits(text, scratch);

    /// <summary>
    /// Reads every token's traits into <paramref name="scratch"/>, since the rules look both ways
    /// from a word, and remembers for which text: a post's clauses (aspect sentiment) are scored
    /// from the traits its whole text was scored with, not looked up again.
    /// </summary>
    private (int Valenced, TermRole Roles) ReadTraits(TokenizedText text, ScoringScratch scratch)
    {
        var count = text.TokenCount;
        var traits = scratch.Traits.AsSpan(0, count);
        var valencedAt = scratch.Valenced.AsSpan(0, count);

        // Most tokens carry no valence, so the few that do are listed as they come (without a
        // branch: every index is written, only those with a valence are kept) for the rules to
        // visit alone.
        var tokens = text.Tokens;
        var forms = text.Forms;
        var descriptionWords = text.DescriptionWords;
        var fromEmoji = ReferenceEquals(text.Emoji, _emoji) ? TokenizedText.TokenFlags.FromEmoji : TokenizedText.TokenFlags.None;
        var valenced = 0;
        var roles = TermRole.None;
        var emotions = Emotions.None;
        for (var i = 0; i < traits.Length; i++)
        {
            var token = tokens[i];
            var term = (token.Flags & fromEmoji) != 0
                ? _descriptionTraits[descriptionWords[i]]
                : _lexicon.Find(
                    forms.Slice(token.FormStart, token.FormLength),
                    (token.Flags & TokenizedText.TokenFlags.HasApostrophe) != 0,
                    token.IsAllCaps);
            traits[i] = term;
            valencedAt[valenced] = i;
            valenced += term.HasValence ? 1 : 0;
            roles |= term.Roles;
            emotions |= term.Emotions;
        }

        if (Elongation.MayHaveStretch(forms[tokens[0].FormStart..(tokens[count - 1].FormStart + tokens[count - 1].FormLength)]))
        {
            (valenced, roles, emotions) = ReadStretchedTokens(text, traits, valencedAt);
        }

        if (text.NameCount > 0 && SilenceNames(text, traits))
        {
            (valenced, roles, emotions) = ListTraits(traits, valencedAt);
        }

        scratch.Remember(this, text, valenced, roles, emotions);
        return (valenced, roles);
    }

    /// <summary>
    /// Gives each stretched token the traits of the entry it stretches ("goooood" those of "good"),
    /// then lists the tokens with a valence again: the rare second walk of a text with a letter
    /// written three times in a row. Answers the count listed and every role and emotion present.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private (int Valenced, TermRole Roles, Emotions Emotions) ReadStretchedTokens(TokenizedText text, Span<TermTraits> traits, Span<int> valencedAt)
    {
        var tokens = text.Tokens;
        var forms = text.Forms;
        for (var i = 0; i < traits.Length; i++)
        {
            if ((traits[i].Roles & ~SentimentLexicon.TokenRoles) == 0)
            {
                var token = tokens[i];
                traits[i] = _lexicon.FindStretched(forms.Slice(token.FormStart, token.FormLength), traits[i]);
            }
        }

        return ListTraits(traits, valencedAt);
    }

    /// <summary>Clears the traits of every token that starts within a name; whether any had a part to play.</summary>
    private static bool SilenceNames(TokenizedText text, Span<TermTraits> traits)
    {
        var tokens = text.Tokens;
        var silenced = false;
        foreach (var (start, end) in text.Names)
        {
            for (var i = FirstTokenFrom(tokens, start); i < tokens.Length && tokens[i].Start < end; i++)
            {
                // Capitals alone stress nothing in a word without a part to play: a name in
                // capitals (ACME) is left as it is, and the traits need not be listed again.
                if ((traits[i].Roles & ~TermRole.AllCaps) != 0 || traits[i].Emotions != Emotions.None)
                {
                    traits[i] = default;
                    silenced = true;
                }
            }
        }

        return silenced;
    }

    /// <summary>The first token starting at or after <paramref name="offset"/>: tokens are in the text's order.</summary>
    private static int FirstTokenFrom(ReadOnlySpan<TokenizedText.TokenSpan> tokens, int offset)
    {
        int low = 0, high = tokens.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (tokens[middle].Start < offset)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>Lists the tokens with a valence again, with every role and emotion present, after traits were changed.</summary>
    private static (int Valenced, TermRole Roles, Emotions Emotions) ListTraits(ReadOnlySpan<TermTraits> traits, Span<int> valencedAt)
    {
        var valenced = 0;
        var roles = TermRole.None;
        var emotions = Emotions.None;
        for (var i = 0; i < traits.Length; i++)
        {
            if (traits[i].HasValence)
            {
                valencedAt[valenced++] = i;
            }

            roles |= traits[i].Roles;
            emotions |= traits[i].Emotions;
        }

        return (valenced, roles, emotions);
    }

    private static int FirstBut(ReadOnlySpan<TermTraits> traits)
    {
        for (var i = 0; i < traits.Length; i++)
        {
            if (traits[i].Is(TermRole.But))
            {
                return i;
            }
        }

        return -1;
    }
}
