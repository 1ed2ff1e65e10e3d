using StreamEngine.Domain.Matching;

namespace StreamEngine.Domain.Query;

/// <summary>What must immediately precede the word in the text (ignoring combining marks).</summary>
public enum WordPrefix : byte
{
    /// <summary>Anything: a plain <c>acme</c> also matches <c>#acme</c>, <c>@acme</c> and <c>$acme</c>.</summary>
    None = 0,

    /// <summary><c>#acme</c>: a '#' (or its full-width form) right before the word.</summary>
    Hashtag,

    /// <summary><c>@acme</c>: an '@' right before the word.</summary>
    Handle,

    /// <summary><c>$acme</c>: a '$' right before the word.</summary>
    Cashtag,
}

public static class WordPrefixes
{
    /// <summary>The character the prefix stands for, or '\0' for <see cref="WordPrefix.None"/>.</summary>
    public static char ToChar(this WordPrefix prefix) => prefix switch
    {
        WordPrefix.Hashtag => '#',
        WordPrefix.Handle => '@',
        WordPrefix.Cashtag => '$',
        _ => '\0',
    };

    internal static string ToText(this WordPrefix prefix) => prefix == WordPrefix.None ? "" : prefix.ToChar().ToString();
}

/// <summary>
/// A node that matches places in the text rather than the post as a whole: each match is a run of
/// tokens with a start and an end, which proximity measures. These are the literals a matcher
/// looks for.
/// </summary>
public abstract record LiteralNode : QueryNode
{
    private protected LiteralNode()
    {
    }
}

/// <summary>
/// One folded word, optionally a hashtag, handle or cashtag: <c>acme</c>, <c>#acme</c>,
/// <c>@acme</c>, <c>$acme</c>. Matches a whole word of the text whose folded form is
/// <see cref="Word"/>.
/// </summary>
public sealed record TermNode : LiteralNode
{
    public TermNode(WordPrefix prefix, string word)
    {
        Prefix = prefix;
        Word = Check.FoldedWord(word, nameof(word));
    }

    public WordPrefix Prefix { get; }

    public string Word { get; }
}

/// <summary>
/// <c>"acme corp"</c>: two or more folded words, matched as consecutive words of the text. A phrase
/// with a <see cref="Prefix"/> comes from a hashtag, handle or cashtag of CJK characters written
/// together (<c>#東京</c>): the sign must come right before its first word.
/// </summary>
public sealed record PhraseNode : LiteralNode
{
    public PhraseNode(ValueArray<string> words, WordPrefix prefix = WordPrefix.None)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (words.Count < 2)
        {
            throw new ArgumentException("a phrase has at least two words; one word is a TermNode", nameof(words));
        }

        foreach (var word in words)
        {
            Check.FoldedWord(word, nameof(words));
        }

        for (var i = 1; prefix != WordPrefix.None && i < words.Count; i++)
        {
            // Written together, the words must read back as the same words, as the sign's term does.
            if (!TextFolding.IsSoloWordChar(words[i - 1][^1]) && !TextFolding.IsSoloWordChar(words[i][0]))
            {
                throw new ArgumentException("a phrase with a sign holds words that a CJK character separates", nameof(words));
            }
        }

        Words = words;
        Prefix = prefix;
    }

    public WordPrefix Prefix { get; }

    public ValueArray<string> Words { get; }
}

/// <summary>
/// <c>acme*</c>, <c>wo?d</c>, <c>*acme</c>: one word in which <c>*</c> stands for zero or more word
/// characters and <c>?</c> for exactly one. <see cref="Pattern"/> is folded, has at least one
/// literal character and never two <c>*</c> in a row.
/// </summary>
public sealed record WildcardNode : LiteralNode
{
    public WildcardNode(WordPrefix prefix, string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var literals = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i > 0 && pattern[i - 1] == '*')
            {
                throw new ArgumentException("a wildcard pattern never has two '*' in a row", nameof(pattern));
            }

            if (c is not ('*' or '?'))
            {
                Check.FoldedWord(c.ToString(), nameof(pattern));
                if (TextFolding.IsSoloWordChar(c))
                {
                    throw new ArgumentException("a wildcard pattern holds no CJK character, which is a word by itself", nameof(pattern));
                }

                literals++;
            }
        }

        if (literals == 0 || literals == pattern.Length)
        {
            throw new ArgumentException("a wildcard pattern has at least one literal character and at least one '*' or '?'", nameof(pattern));
        }

        Prefix = prefix;
        Pattern = pattern;
    }

    public WordPrefix Prefix { get; }

    public string Pattern { get; }

    /// <summary>The literal characters before the first <c>*</c> or <c>?</c>; empty when the pattern starts with one.</summary>
    public string LiteralPrefix => Pattern[..Pattern.AsSpan().IndexOfAny('*', '?')];
}

/// <summary>
/// <c>acme~1</c>, <c>acme~2</c> (<c>acme~</c> means <c>~1</c>): a word of the text whose folded form is
/// within <see cref="MaxEdits"/> Levenshtein edits (insertions, deletions, substitutions of one
/// UTF-16 unit) of <see cref="Word"/>. The word is longer than the number of edits.
/// </summary>
public sealed record FuzzyNode : LiteralNode
{
    public FuzzyNode(WordPrefix prefix, string word, int maxEdits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEdits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxEdits, 2);
        Check.FoldedWord(word, nameof(word));
        if (word.Length <= maxEdits)
        {
            throw new ArgumentException("a fuzzy word is longer than the number of edits allowed", nameof(word));
        }

        Prefix = prefix;
        Word = word;
        MaxEdits = maxEdits;
    }

    public WordPrefix Prefix { get; }

    public string Word { get; }

    public int MaxEdits { get; }
}

/// <summary>
/// <c>raw:"Acme Corp"</c>: consecutive whole words compared as written — case, accents and width
/// matter — after NFC normalisation of each word. <see cref="Words"/> are those words.
/// </summary>
public sealed record RawNode : LiteralNode
{
    public RawNode(ValueArray<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (words.Count == 0)
        {
            throw new ArgumentException("a raw phrase has at least one word", nameof(words));
        }

        foreach (var word in words)
        {
            ArgumentNullException.ThrowIfNull(word, nameof(words));
            if (QueryText.RawWords(word) is not [var only] || only != word)
            {
                throw new ArgumentException($"'{word}' is not one NFC-normalised word", nameof(words));
            }
        }

        Words = words;
    }

    public ValueArray<string> Words { get; }
}

/// <summary>
/// One or more emoji symbols, <c>🔥</c> or <c>🇺🇸</c>: matches those emoji tokens in a row in the
/// text, with no word or other emoji between them. Skin-tone modifiers and variation selectors are
/// not part of a symbol.
/// </summary>
public sealed record EmojiNode : LiteralNode
{
    public EmojiNode(ValueArray<string> symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        if (symbols.Count == 0)
        {
            throw new ArgumentException("an emoji term has at least one symbol", nameof(symbols));
        }

        foreach (var symbol in symbols)
        {
            ArgumentNullException.ThrowIfNull(symbol, nameof(symbols));
            if (QueryText.EmojiSymbols(symbol) is not [var only] || only != symbol)
            {
                throw new ArgumentException($"'{symbol}' is not one emoji symbol", nameof(symbols));
            }
        }

        Symbols = symbols;
    }

    public ValueArray<string> Symbols { get; }
}
