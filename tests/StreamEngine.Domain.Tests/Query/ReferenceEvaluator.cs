using System.Globalization;
using System.Text;
using StreamEngine.Domain.Matching;
using StreamEngine.Domain.Query;

namespace StreamEngine.Domain.Tests.Query;

/// <summary>
/// The meaning of a boolean query, written to be read rather than to be fast: the text is cut into
/// tokens one unit at a time with <see cref="TextFolding"/>, and every construct is decided by brute
/// force over those tokens. A compiled matcher is correct when it agrees with this on every query
/// and text. Nothing here is shared with the production matcher but folding itself.
/// </summary>
internal static class ReferenceEvaluator
{
    public enum TokenKind
    {
        Word,
        Emoji,
    }

    /// <summary>
    /// A word or an emoji of the text. <see cref="Start"/>..<see cref="End"/> index the original
    /// text. For a word, <see cref="Key"/> is the folded word and <see cref="Original"/> the original
    /// units (combining marks included); for an emoji, <see cref="Key"/> is the symbol.
    /// <see cref="Before"/> is the folded unit right before the token, combining marks skipped
    /// (' ' at the start of the text).
    /// </summary>
    /// <see cref="BeforeAt"/> is where that unit is (-1 at the start of the text): a signed literal's
    /// match starts there.
    public sealed record Token(TokenKind Kind, string Key, string Original, int Start, int End, char Before, int BeforeAt = -1);

    /// <summary>A place in the text where a literal matched: tokens First..Last, and their extent in the original text.</summary>
    public sealed record Match(int First, int Last, int Start, int End);

    public static bool Matches(ParsedQuery query, string text, PostFields fields) => Evaluate(query.Root, Tokenize(text), fields);

    public static bool Matches(QueryNode node, string text, PostFields fields) => Evaluate(node, Tokenize(text), fields);

    /// <summary>
    /// The UTF-16 [start, end) spans of the original text that made the query match, sorted, as
    /// maximal runs (overlapping or touching spans are joined); empty when it does not match. A
    /// span is a match of a literal that counts towards the result: every match of a literal reached
    /// through the true operands of OR, every operand of AND and proximity (for a proximity, only the
    /// matches that pair up within the distance). Field filters contribute nothing, nor does a literal
    /// under NOT, unless a second NOT turns it positive again (see <see cref="Contributing"/>).
    /// </summary>
    public static IReadOnlyList<(int Start, int End)> Spans(ParsedQuery query, string text, PostFields fields)
    {
        var tokens = Tokenize(text);
        if (!Evaluate(query.Root, tokens, fields))
        {
            return [];
        }

        var covered = new bool[text.Length];
        foreach (var match in Contributing(query.Root, positive: true, tokens, fields))
        {
            for (var i = match.Start; i < match.End; i++)
            {
                covered[i] = true;
            }
        }

        var spans = new List<(int Start, int End)>();
        for (var i = 0; i < covered.Length; i++)
        {
            if (covered[i] && (i == 0 || !covered[i - 1]))
            {
                var end = i;
                while (end < covered.Length && covered[end])
                {
                    end++;
                }

                spans.Add((i, end));
            }
        }

        return spans;
    }

    /// <summary>
    /// Cuts the text into tokens. A unit that folds to <see cref="TextFolding.Dropped"/> is skipped
    /// (inside a word it belongs to the word). A word starts at a unit whose folded form is a word
    /// character and runs over word characters and dropped units. An emoji is a surrogate pair
    /// (but skin-tone modifiers, tag characters and supplementary variation selectors are skipped)
    /// or a BMP unit of category OtherSymbol, keyed by its folded unit. Everything else separates.
    /// </summary>
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var before = ' ';
        var beforeAt = -1;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var folded = TextFolding.Fold(c);
            if (folded == TextFolding.Dropped)
            {
                i++;
                continue;
            }

            if (TextFolding.IsWordChar(folded))
            {
                // A CJK character is a word by itself, with the marks after it; other word
                // characters run on until anything else but a mark.
                var start = i;
                var word = new StringBuilder();
                var prefix = before;
                var prefixAt = beforeAt;
                var solo = TextFolding.IsSoloWordChar(folded);
                while (i < text.Length && (TextFolding.Fold(text[i]) == TextFolding.Dropped
                    || (i == start || (!solo && !TextFolding.IsSoloWordChar(TextFolding.Fold(text[i])))) && TextFolding.IsWordChar(TextFolding.Fold(text[i]))))
                {
                    if (TextFolding.Fold(text[i]) != TextFolding.Dropped)
                    {
                        word.Append(TextFolding.Fold(text[i]));
                        before = TextFolding.Fold(text[i]);
                        beforeAt = i;
                    }

                    i++;
                }

                tokens.Add(new Token(TokenKind.Word, word.ToString(), text[start..i], start, i, prefix, prefixAt));
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var codePoint = char.ConvertToUtf32(c, text[i + 1]);
                var skinTone = codePoint is >= 0x1F3FB and <= 0x1F3FF;
                var tag = codePoint is >= 0xE0000 and <= 0xE007F;
                var variationSelector = codePoint is >= 0xE0100 and <= 0xE01EF;
                if (!skinTone && !tag && !variationSelector)
                {
                    tokens.Add(new Token(TokenKind.Emoji, text.Substring(i, 2), text.Substring(i, 2), i, WithModifiers(text, i + 2), before));
                }

                before = TextFolding.Fold(text[i + 1]);
                beforeAt = i + 1;
                i += 2;
                continue;
            }

            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherSymbol)
            {
                tokens.Add(new Token(TokenKind.Emoji, folded.ToString(), c.ToString(), i, WithModifiers(text, i + 1), before));
            }

            before = folded;
            beforeAt = i;
            i++;
        }

        return tokens;
    }

    private static bool IsRegionalIndicator(Token token) =>
        token.Kind == TokenKind.Emoji && token.Key.Length == 2 && char.IsSurrogatePair(token.Key[0], token.Key[1])
        && char.ConvertToUtf32(token.Key[0], token.Key[1]) is >= 0x1F1E6 and <= 0x1F1FF;

    /// <summary>An emoji's end, past the skin tones, tags and selectors after it that the tokenizer skips.</summary>
    private static int WithModifiers(string text, int end)
    {
        while (end < text.Length)
        {
            if (char.IsHighSurrogate(text[end]) && end + 1 < text.Length && char.IsLowSurrogate(text[end + 1])
                && char.ConvertToUtf32(text[end], text[end + 1]) is (>= 0x1F3FB and <= 0x1F3FF) or (>= 0xE0000 and <= 0xE007F) or (>= 0xE0100 and <= 0xE01EF))
            {
                end += 2;
            }
            else if (TextFolding.Fold(text[end]) == TextFolding.Dropped)
            {
                end++;
            }
            else
            {
                return end;
            }
        }

        return end;
    }

    /// <summary>Every place <paramref name="literal"/> matches, in text order.</summary>
    public static List<Match> MatchesOf(LiteralNode literal, List<Token> tokens)
    {
        var matches = new List<Match>();
        var words = tokens.Select((t, i) => (Token: t, Index: i)).Where(x => x.Token.Kind == TokenKind.Word).ToList();
        switch (literal)
        {
            case TermNode term:
                foreach (var (t, i) in words)
                {
                    if (t.Key == term.Word && PrefixOk(term.Prefix, t))
                    {
                        matches.Add(new Match(i, i, StartOf(term.Prefix, t), t.End));
                    }
                }

                break;
            case WildcardNode wildcard:
                foreach (var (t, i) in words)
                {
                    if (PrefixOk(wildcard.Prefix, t) && WildcardMatches(wildcard.Pattern, t.Key))
                    {
                        matches.Add(new Match(i, i, StartOf(wildcard.Prefix, t), t.End));
                    }
                }

                break;
            case FuzzyNode fuzzy:
                foreach (var (t, i) in words)
                {
                    if (PrefixOk(fuzzy.Prefix, t) && Levenshtein(fuzzy.Word, t.Key) <= fuzzy.MaxEdits)
                    {
                        matches.Add(new Match(i, i, StartOf(fuzzy.Prefix, t), t.End));
                    }
                }

                break;
            case PhraseNode phrase:
                var phraseMatches = new List<Match>();
                AddConsecutiveWords(phrase.Words, words, t => t.Key, phraseMatches);
                matches.AddRange(phraseMatches.Where(m => PrefixOk(phrase.Prefix, tokens[m.First])).Select(m => m with { Start = StartOf(phrase.Prefix, tokens[m.First]) }));
                break;
            case RawNode raw:
                AddConsecutiveWords(raw.Words, words, t => t.Original.Normalize(NormalizationForm.FormC), matches);
                break;
            case EmojiNode emoji:
                for (var i = 0; i + emoji.Symbols.Count <= tokens.Count; i++)
                {
                    // Regional indicators written together pair from the first: the second of a pair starts no flag.
                    var pairedBefore = 0;
                    for (var k = i; k > 0 && IsRegionalIndicator(tokens[k]) && IsRegionalIndicator(tokens[k - 1]) && tokens[k - 1].End == tokens[k].Start; k--)
                    {
                        pairedBefore++;
                    }

                    var all = pairedBefore % 2 == 0;
                    for (var k = 0; k < emoji.Symbols.Count; k++)
                    {
                        all &= tokens[i + k].Kind == TokenKind.Emoji && tokens[i + k].Key == emoji.Symbols[k];
                    }

                    if (all)
                    {
                        var last = i + emoji.Symbols.Count - 1;
                        matches.Add(new Match(i, last, tokens[i].Start, tokens[last].End));
                    }
                }

                break;
            default:
                throw new ArgumentException($"unknown literal {literal}");
        }

        return matches;
    }

    /// <summary>Whether <paramref name="pattern"/> ('*' any run of units, '?' one unit) matches the whole of <paramref name="word"/>.</summary>
    public static bool WildcardMatches(string pattern, string word)
    {
        if (pattern.Length == 0)
        {
            return word.Length == 0;
        }

        return pattern[0] switch
        {
            '*' => Enumerable.Range(0, word.Length + 1).Any(skip => WildcardMatches(pattern[1..], word[skip..])),
            '?' => word.Length > 0 && WildcardMatches(pattern[1..], word[1..]),
            _ => word.Length > 0 && word[0] == pattern[0] && WildcardMatches(pattern[1..], word[1..]),
        };
    }

    /// <summary>Levenshtein distance over UTF-16 units: insertions, deletions and substitutions, each costing 1.</summary>
    public static int Levenshtein(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                d[i, j] = Math.Min(substitution, Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1));
            }
        }

        return d[a.Length, b.Length];
    }

    /// <summary>
    /// The number of words strictly between two matches, or null when they overlap. Emoji and
    /// punctuation do not count.
    /// </summary>
    public static int? WordsBetween(Match a, Match b, List<Token> tokens)
    {
        var (first, second) = a.End <= b.Start ? (a, b) : b.End <= a.Start ? (b, a) : (null, null);
        if (first is null || second is null)
        {
            return null;
        }

        return tokens.Count(t => t.Kind == TokenKind.Word && t.Start >= first.End && t.End <= second.Start);
    }

    private static bool Evaluate(QueryNode node, List<Token> tokens, PostFields fields) => node switch
    {
        LiteralNode literal => MatchesOf(literal, tokens).Count > 0,
        AndNode and => and.Operands.All(o => Evaluate(o, tokens, fields)),
        OrNode or => or.Operands.Any(o => Evaluate(o, tokens, fields)),
        NotNode not => !Evaluate(not.Operand, tokens, fields),
        NearNode near => PairedMatches(near, tokens).Count > 0,
        FieldNode field => FieldMatches(field, fields),
        _ => throw new ArgumentException($"unknown node {node}"),
    };

    /// <summary>Every (left, right) pair of matches that satisfies the proximity.</summary>
    private static List<(Match Left, Match Right)> PairedMatches(NearNode near, List<Token> tokens)
    {
        var lefts = NearNode.LiteralsOf(near.Left).SelectMany(l => MatchesOf(l, tokens)).ToList();
        var rights = NearNode.LiteralsOf(near.Right).SelectMany(l => MatchesOf(l, tokens)).ToList();
        var pairs = new List<(Match, Match)>();
        foreach (var left in lefts)
        {
            foreach (var right in rights)
            {
                var between = WordsBetween(left, right, tokens);
                var orderOk = !near.Ordered || left.End <= right.Start;
                if (between is { } gap && gap <= near.MaxGap && orderOk)
                {
                    pairs.Add((left, right));
                }
            }
        }

        return pairs;
    }

    /// <summary>
    /// The matches that decide <paramref name="node"/>: with <paramref name="positive"/> the node is
    /// true and these made it true; otherwise the node is false and these made it false (the
    /// operand of a NOT that is false is true, so its matches count again: NOT NOT acme shows acme).
    /// Absence of a literal shows nothing.
    /// </summary>
    private static IEnumerable<Match> Contributing(QueryNode node, bool positive, List<Token> tokens, PostFields fields) => node switch
    {
        LiteralNode literal => positive ? MatchesOf(literal, tokens) : [],
        NearNode near => positive ? PairedMatches(near, tokens).SelectMany(p => new[] { p.Left, p.Right }) : [],
        NotNode not => Contributing(not.Operand, !positive, tokens, fields),
        // A true AND: every operand made it true. A false OR: every operand made it false.
        AndNode all when positive => all.Operands.SelectMany(o => Contributing(o, positive, tokens, fields)),
        OrNode any when !positive => any.Operands.SelectMany(o => Contributing(o, positive, tokens, fields)),
        // A true OR: its true operands. A false AND: its false operands.
        AndNode and => and.Operands.Where(o => !Evaluate(o, tokens, fields)).SelectMany(o => Contributing(o, positive, tokens, fields)),
        OrNode or => or.Operands.Where(o => Evaluate(o, tokens, fields)).SelectMany(o => Contributing(o, positive, tokens, fields)),
        _ => [],
    };

    private static bool FieldMatches(FieldNode field, PostFields fields) => field switch
    {
        NetworkField n => fields.Network == n.Network,
        LangField l => fields.Language is not null && string.Equals(fields.Language, l.Language, StringComparison.OrdinalIgnoreCase),
        CountryField c => fields.Country is not null && string.Equals(fields.Country, c.Country, StringComparison.OrdinalIgnoreCase),
        AuthorField a => fields.AuthorHandle is not null
            && string.Equals(fields.AuthorHandle.StartsWith('@') ? fields.AuthorHandle[1..] : fields.AuthorHandle, a.Handle, StringComparison.OrdinalIgnoreCase),
        FollowersField f => f.Comparison switch
        {
            FollowersComparison.GreaterThan => fields.Followers > f.Count,
            FollowersComparison.GreaterOrEqual => fields.Followers >= f.Count,
            FollowersComparison.LessThan => fields.Followers < f.Count,
            FollowersComparison.LessOrEqual => fields.Followers <= f.Count,
            _ => fields.Followers == f.Count,
        },
        VerifiedField v => fields.Verified == v.Verified,
        _ => throw new ArgumentException($"unknown field {field}"),
    };

    /// <summary>Where a match of a literal starts: at its sign when it has one.</summary>
    private static int StartOf(WordPrefix prefix, Token word) => prefix == WordPrefix.None ? word.Start : word.BeforeAt;

    private static bool PrefixOk(WordPrefix prefix, Token word) => prefix switch
    {
        WordPrefix.Hashtag => word.Before == '#',
        WordPrefix.Handle => word.Before == '@',
        WordPrefix.Cashtag => word.Before == '$',
        _ => true,
    };

    private static void AddConsecutiveWords(
        IReadOnlyList<string> wanted, List<(Token Token, int Index)> words, Func<Token, string> key, List<Match> matches)
    {
        for (var i = 0; i + wanted.Count <= words.Count; i++)
        {
            var all = true;
            for (var k = 0; k < wanted.Count; k++)
            {
                all &= key(words[i + k].Token) == wanted[k];
            }

            if (all)
            {
                var last = words[i + wanted.Count - 1];
                matches.Add(new Match(words[i].Index, last.Index, words[i].Token.Start, last.Token.End));
            }
        }
    }
}
