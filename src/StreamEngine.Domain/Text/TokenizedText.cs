namespace StreamEngine.Domain.Text;

/// <summary>
/// Per-thread working memory holding one post's text cut two ways by a single walk
/// (<see cref="Tokenize"/>), or into words alone (<see cref="TokenizeWords"/>) where no sentiment is read:
/// <list type="bullet">
/// <item><b>words</b>, as the term matcher reads them: folded runs of word characters, each with
/// the folded character before it ('#' or '@' make hashtags and handles);</item>
/// <item><b>sentiment tokens</b>, as VADER reads them: white-space separated tokens with punctuation
/// stripped from their ends (unless that leaves two characters or fewer, so ":)" and "&lt;3" survive),
/// emoji replaced by the words of their description, plus the '!' and '?' counts.</item>
/// </list>
/// Every position is also given in the original text (UTF-16 offsets), for highlighting spans.
/// Buffers grow to the longest post seen and are reused, so steady-state tokenizing allocates nothing.
/// Not thread-safe: one instance per thread.
/// </summary>
public sealed partial class TokenizedText
{
    private readonly EmojiDescriptions _emoji;

    private char[] _folded = new char[512];
    private WordSpan[] _words = new WordSpan[64];
    private char[] _forms = new char[512];
    private TokenSpan[] _tokens = new TokenSpan[64];

    // For a token from an emoji's description, which word of all the descriptions it is (from
    // EmojiDescriptions.FirstWordOf); other tokens leave their place unwritten.
    private int[] _descriptionWords = new int[64];
    private int _allCapsTokens;

    /// <summary>Tokenizes with the shipped emoji descriptions.</summary>
    public TokenizedText()
        : this(EmojiDescriptions.Default)
    {
    }

    public TokenizedText(EmojiDescriptions emoji)
    {
        ArgumentNullException.ThrowIfNull(emoji);
        _emoji = emoji;
    }

    /// <summary>How many texts this instance has tokenized: tells one text's results from the next's.</summary>
    internal long TextsTokenized { get; private set; }

    /// <summary>Length of the last text tokenized, in UTF-16 units.</summary>
    public int TextLength { get; private set; }

    public int WordCount { get; private set; }

    /// <summary>
    /// The folded characters words index into: after <see cref="Tokenize"/> those of every word, back to
    /// back; after <see cref="TokenizeWords"/> every unit's fold at its own offset, separators included,
    /// then the words that held a combining mark, copied without it.
    /// </summary>
    public ReadOnlySpan<char> FoldedWords => _folded.AsSpan(0, FoldedLength);

    public int TokenCount { get; private set; }

    /// <summary>Number of '!' in the text (full-width ones included).</summary>
    public int ExclamationCount { get; private set; }

    /// <summary>Number of '?' in the text (full-width ones included).</summary>
    public int QuestionCount { get; private set; }

    /// <summary>
    /// Some tokens but not all are in ALL CAPS: only then does VADER read capitals as emphasis,
    /// since a text shouted throughout stresses no word in particular.
    /// </summary>
    public bool IsMixedCase => _allCapsTokens > 0 && _allCapsTokens < TokenCount;

    private int FoldedLength { get; set; }

    /// <summary>The folded word, as the matcher compares it.</summary>
    public ReadOnlySpan<char> Word(int index)
    {
        ref readonly var word = ref WordAt(index);
        return _folded.AsSpan(word.FoldedStart, word.FoldedLength);
    }

    /// <summary>The folded character just before the word, combining marks skipped (' ' at the start of the text).</summary>
    public char WordPrefix(int index)
    {
        ref readonly var word = ref WordAt(index);
        return HasSentimentTokens ? word.Prefix : StoredFoldBefore(word.Start);
    }

    public int FoldedWordStart(int index) => WordAt(index).FoldedStart;

    public int FoldedWordLength(int index) => WordAt(index).FoldedLength;

    /// <summary>Where the word starts in the original text.</summary>
    public int WordStart(int index) => WordAt(index).Start;

    /// <summary>The word's length in the original text, combining marks within or after it included.</summary>
    public int WordLength(int index) => WordAt(index).Length;

    /// <summary>The token's look-up form: folded (lower case, no accents), typographic apostrophes as '.</summary>
    public ReadOnlySpan<char> Token(int index)
    {
        ref readonly var token = ref TokenAt(index);
        return _forms.AsSpan(token.FormStart, token.FormLength);
    }

    /// <summary>
    /// Where the token starts in the original text; for a word of an emoji's description, where the
    /// emoji starts.
    /// </summary>
    public int TokenStart(int index) => TokenAt(index).Start;

    public int TokenLength(int index) => TokenAt(index).Length;

    /// <summary>Has a cased letter and no lower-case one (so ":D" and "I" count, as in VADER).</summary>
    public bool IsAllCaps(int index) => (TokenAt(index).Flags & TokenFlags.AllCaps) != 0;

    /// <summary>The token is a word of an emoji's description rather than text of the post.</summary>
    public bool IsFromEmoji(int index) => (TokenAt(index).Flags & TokenFlags.FromEmoji) != 0;

    /// <summary>
    /// Forgets the previous text, whichever walk cut it, and grows the folded buffer to
    /// <paramref name="foldedChars"/> and the words to as many as a text this long can hold.
    /// </summary>
    private void BeginText(int textLength, int foldedChars, bool sentimentTokens)
    {
        if (_folded.Length < foldedChars + FoldPadding)
        {
            _folded = new char[Math.Max(foldedChars + FoldPadding, _folded.Length * 2)];
        }

        // Every unit of a CJK text is a word.
        if (_words.Length < textLength + 1)
        {
            _words = new WordSpan[Math.Max(textLength + 1, _words.Length * 2)];
        }

        TextsTokenized++;
        HasSentimentTokens = sentimentTokens;
        TextLength = textLength;
        WordCount = 0;
        TokenCount = 0;
        FoldedLength = 0;
        ExclamationCount = 0;
        QuestionCount = 0;
        _allCapsTokens = 0;
        NameCount = 0;
    }

    /// <summary>The most tokens of the text itself a text this long holds: each is separated by at least one unit.</summary>
    private static int MostSeparated(int textLength) => (textLength / 2) + 1;

    private ref readonly WordSpan WordAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, WordCount);
        return ref _words[index];
    }

    private ref readonly TokenSpan TokenAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, TokenCount);
        return ref _tokens[index];
    }

    internal ReadOnlySpan<TokenSpan> Tokens => _tokens.AsSpan(0, TokenCount);

    /// <summary>The words, each a slice of <see cref="FoldBuffer"/>: a matcher reading every word goes through these without a range check per word.</summary>
    internal ReadOnlySpan<WordSpan> Words => _words.AsSpan(0, WordCount);

    /// <summary>
    /// The whole folded buffer, which <see cref="FoldedWords"/> holds a prefix of. The matcher's word
    /// loop slices words out of this one: through <see cref="FoldedWords"/> the same loop measured
    /// about 50 ns a post slower at 10,000 terms (444-462 against 497-573 ns).
    /// </summary>
    internal ReadOnlySpan<char> FoldBuffer => _folded;

    /// <summary>Units the fold buffer keeps past any text, so that four units can be read at any word's start.</summary>
    internal const int FoldPadding = 4;

    /// <summary>The emoji descriptions the tokens were cut with.</summary>
    internal EmojiDescriptions Emoji => _emoji;

    /// <summary>
    /// Per token, for those <see cref="IsFromEmoji"/> only: the index of its word among all the
    /// words of <see cref="Emoji"/>'s descriptions, whose traits a scorer can then look up once, not
    /// per post.
    /// </summary>
    internal ReadOnlySpan<int> DescriptionWords => _descriptionWords.AsSpan(0, TokenCount);

    internal ReadOnlySpan<char> Forms => _forms;

    [Flags]
    internal enum TokenFlags : byte
    {
        None = 0,
        AllCaps = 1,
        FromEmoji = 2,

        /// <summary>Holds an apostrophe, so may be a contraction in "n't".</summary>
        HasApostrophe = 4,
    }

    internal readonly record struct WordSpan(int FoldedStart, int FoldedLength, int Start, int Length, char Prefix);

    internal readonly record struct TokenSpan(int FormStart, int FormLength, int Start, int Length, TokenFlags Flags)
    {
        public bool IsAllCaps => (Flags & TokenFlags.AllCaps) != 0;
    }
}
