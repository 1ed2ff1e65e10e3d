using System.Globalization;
using System.Text;
using StreamEngine.Domain.Matching;
using StreamEngine.Domain.Posts;

namespace StreamEngine.Domain.Query;

internal enum TokenKind : byte
{
    Literal,
    And,
    Or,
    Not,
    Near,
    LeftParen,
    RightParen,
    End,
}

/// <summary>One token of a query; <see cref="Start"/> and <see cref="End"/> index the query text.</summary>
internal sealed record QueryToken(TokenKind Kind, int Start, int End, string Text, QueryNode? Node = null, int MaxGap = 0, bool Ordered = false);

/// <summary>
/// Cuts a query into tokens. Outside quotes, white space separates tokens; a '(' at the start of a
/// token and the ')'s at its end are tokens of their own; a '"' at the start of a token opens a
/// phrase that runs to the next '"' (white space included), and so does <c>raw:"</c>. Everything
/// else up to white space is one bare token: an operator, a field filter or a term. Inside a bare
/// token, '(', ')' and '"' are punctuation, as they were in the earlier OR-only form.
/// </summary>
internal static class QueryLexer
{
    private const string RawStart = "raw:\"";

    public static List<QueryToken> Read(string query)
    {
        var tokens = new List<QueryToken>();
        var pos = 0;
        while (true)
        {
            while (pos < query.Length && char.IsWhiteSpace(query[pos]))
            {
                pos++;
            }

            if (pos >= query.Length)
            {
                tokens.Add(new QueryToken(TokenKind.End, query.Length, query.Length, ""));
                return tokens;
            }

            var c = query[pos];
            if (c is '(' or ')')
            {
                tokens.Add(new QueryToken(c == '(' ? TokenKind.LeftParen : TokenKind.RightParen, pos, pos + 1, c.ToString()));
                pos++;
            }
            else if (c == '"' || query.AsSpan(pos).StartsWith(RawStart, StringComparison.OrdinalIgnoreCase))
            {
                var raw = c != '"';
                var open = raw ? pos + RawStart.Length - 1 : pos;
                var close = query.IndexOf('"', open + 1);
                if (close < 0)
                {
                    throw Errors.At(query[pos..], pos, raw ? "expected a closing '\"' to end the raw phrase" : "expected a closing '\"' to end the phrase");
                }

                var text = query[pos..(close + 1)];
                var content = query.AsSpan((open + 1)..close);
                var node = raw ? RawPhrase(text, pos, content) : Phrase(text, pos, content);
                tokens.Add(new QueryToken(TokenKind.Literal, pos, close + 1, text, node));
                pos = close + 1;
            }
            else
            {
                var end = pos;
                while (end < query.Length && !char.IsWhiteSpace(query[end]))
                {
                    end++;
                }

                var stop = end;
                while (query[stop - 1] == ')')
                {
                    stop--;
                }

                tokens.Add(Bare(query[pos..stop], pos));
                for (var p = stop; p < end; p++)
                {
                    tokens.Add(new QueryToken(TokenKind.RightParen, p, p + 1, ")"));
                }

                pos = end;
            }
        }
    }

    private static QueryNode Phrase(string text, int start, ReadOnlySpan<char> content)
    {
        RefuseKeycap(text, start, content);
        RefuseLetterBeyondBmp(text, start, content);
        var words = QueryText.FoldedWords(content);
        return words.Count switch
        {
            0 => throw Errors.At(text, start, "expected a phrase with at least one letter or digit"
                + (QueryText.EmojiSymbols(content).Count > 0 ? "; write an emoji without quotes" : "")),
            1 => new TermNode(WordPrefix.None, words[0]),
            _ => new PhraseNode(new ValueArray<string>(words)),
        };
    }

    private static RawNode RawPhrase(string text, int start, ReadOnlySpan<char> content)
    {
        var words = QueryText.RawWords(content);
        return words.Count == 0
            ? throw Errors.At(text, start, "expected a raw phrase with at least one letter or digit, e.g. raw:\"Acme\"")
            : new RawNode(new ValueArray<string>(words));
    }

    private static QueryToken Bare(string text, int start)
    {
        var end = start + text.Length;
        switch (text)
        {
            case "AND":
                return new QueryToken(TokenKind.And, start, end, text);
            case "OR":
                return new QueryToken(TokenKind.Or, start, end, text);
            case "NOT":
                return new QueryToken(TokenKind.Not, start, end, text);
        }

        if (IsOperator(text, "NEAR") || IsOperator(text, "ONEAR"))
        {
            var ordered = text[0] == 'O';
            return new QueryToken(TokenKind.Near, start, end, text, MaxGap: Distance(text, start, ordered ? "ONEAR" : "NEAR"), Ordered: ordered);
        }

        RefuseOperatorBesideParenthesis(text, start);

        var nameLength = 0;
        while (nameLength < text.Length && char.IsAsciiLetter(text[nameLength]))
        {
            nameLength++;
        }

        var node = nameLength > 0 && nameLength < text.Length && text[nameLength] == ':'
            ? Field(text, start, text[..nameLength], text[(nameLength + 1)..])
            : Term(text, start);
        return new QueryToken(TokenKind.Literal, start, end, text, node);
    }

    /// <summary>
    /// Inside a bare token '(', ')' and '"' are punctuation, so <c>(acme)AND(corp)</c> would read as
    /// the phrase "acme and corp" and match quietly where the writer meant two terms; an operator
    /// written against a parenthesis or a quote inside a token (<c>x OR"acme"</c>) is refused instead.
    /// </summary>
    private static void RefuseOperatorBesideParenthesis(string text, int start)
    {
        if (text.AsSpan().IndexOfAny('(', ')', '"') < 0)
        {
            return;
        }

        var partStart = 0;
        foreach (var part in text.Split(['(', ')', '"']))
        {
            if (part is "AND" or "OR" or "NOT" || IsOperator(part, "NEAR") || IsOperator(part, "ONEAR"))
            {
                var before = partStart > 0 ? $"{text[partStart - 1]} " : "";
                var partEnd = partStart + part.Length;
                var after = partEnd < text.Length ? $" {text[partEnd]}" : "";
                var mark = (partStart > 0 && text[partStart - 1] == '"') || (partEnd < text.Length && text[partEnd] == '"')
                    ? "quote" : "parenthesis";
                throw Errors.At(text, start,
                    $"'{part}' beside a {mark} inside a term is read as a word of that term, not as an operator; "
                    + $"put white space around the {mark}: '{before}{part}{after}'");
            }

            partStart += part.Length + 1;
        }
    }

    private static bool IsOperator(string text, string op) =>
        text.StartsWith(op, StringComparison.Ordinal) && (text.Length == op.Length || text[op.Length] == '/');

    private static int Distance(string text, int start, string op)
    {
        if (text.Length == op.Length)
        {
            throw Errors.At(text, start, $"expected {op}/n, n the most words allowed between the two terms, e.g. {op}/3");
        }

        var digits = text.AsSpan(op.Length + 1);
        if (digits.Length == 0 || digits.ContainsAnyExceptInRange('0', '9'))
        {
            throw Errors.At(text, start, $"expected a whole number of words (0 or more) after '{op}/', e.g. {op}/3"
                + (digits.IndexOf('(') >= 0 ? " (put white space before '(')" : ""));
        }

        // No cap: a distance beyond int.MaxValue means the same as int.MaxValue, since no post has that many words.
        var value = 0L;
        foreach (var d in digits)
        {
            value = Math.Min(value * 10 + (d - '0'), int.MaxValue);
        }

        return (int)value;
    }

    private static QueryNode Field(string text, int start, string name, string value)
    {
        switch (name.ToLowerInvariant())
        {
            case "raw":
                throw Errors.At(text, start, "expected a quoted phrase after raw:, e.g. raw:\"Acme\"");
            case "network":
                return NetworkNames.TryParse(value, out var network)
                    ? new NetworkField(network)
                    : throw Errors.At(text, start, (value.Length == 0 ? "expected a network after 'network:'" : $"unknown network '{value}'")
                        + $"; expected one of {string.Join(", ", NetworkNames.Accepted)}");
            case "lang":
                // Read as a post's lang is, so lang:deu finds the posts tagged de, deu or ger.
                if (value.Length is not (2 or 3) || !value.All(char.IsAsciiLetter) || !LanguageCode.TryPrimary(value, out var language))
                {
                    throw Errors.At(text, start, "expected a primary language subtag of 2 or 3 letters after 'lang:', e.g. lang:en (pt, not pt-BR)");
                }

                return language is null
                    ? throw Errors.At(text, start, $"'lang:{value}' names no language (a post tagged so reads as one without lang), so it is never true; expected a language, e.g. lang:en")
                    : new LangField(language);
            case "country":
                return value.Length == 2 && value.All(char.IsAsciiLetter)
                    ? new CountryField(value.ToUpperInvariant())
                    : throw Errors.At(text, start, "expected a two-letter ISO 3166-1 country code after 'country:', e.g. country:US");
            case "author":
                return AuthorField.IsHandle(value)
                    ? new AuthorField(value.ToLowerInvariant())
                    : throw Errors.At(text, start, value.StartsWith('@')
                        ? "expected the handle without '@' after 'author:', e.g. author:acme"
                        : "expected a handle of letters, digits, '_', '.' or '-' after 'author:', e.g. author:acme");
            case "followers":
                return Followers(text, start, value);
            case "verified":
                return value.ToLowerInvariant() switch
                {
                    "true" => new VerifiedField(true),
                    "false" => new VerifiedField(false),
                    _ => throw Errors.At(text, start, "expected true or false after 'verified:'"),
                };
            default:
                throw Errors.At(text, start,
                    $"unknown field '{name}'; expected one of {string.Join(", ", FieldNode.Names)} or raw:\"...\" (to search for the words, put them in quotes)");
        }
    }

    private static FollowersField Followers(string text, int start, string value)
    {
        var (comparison, length) = value switch
        {
            _ when value.StartsWith(">=", StringComparison.Ordinal) => (FollowersComparison.GreaterOrEqual, 2),
            _ when value.StartsWith("<=", StringComparison.Ordinal) => (FollowersComparison.LessOrEqual, 2),
            _ when value.StartsWith('>') => (FollowersComparison.GreaterThan, 1),
            _ when value.StartsWith('<') => (FollowersComparison.LessThan, 1),
            _ when value.StartsWith('=') => (FollowersComparison.Equal, 1),
            _ => (FollowersComparison.Equal, 0),
        };
        var digits = value.AsSpan(length);
        if (length == 0 || digits.Length == 0 || digits.ContainsAnyExceptInRange('0', '9'))
        {
            throw Errors.At(text, start, "expected a comparison (>, >=, <, <= or =) and a whole number after 'followers:', e.g. followers:>1000");
        }

        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw Errors.At(text, start, $"the number after 'followers:' is too large; at most {long.MaxValue.ToString(CultureInfo.InvariantCulture)}");
        }

        return new FollowersField(comparison, count);
    }

    private static LiteralNode Term(string text, int start)
    {
        RefuseKeycap(text, start, text);

        // Signs fold as the text's do: '＃acme' is the hashtag, as '＃acme' in a post is.
        var prefix = TextFolding.Fold(text[0]) switch
        {
            '#' => WordPrefix.Hashtag,
            '@' => WordPrefix.Handle,
            '$' => WordPrefix.Cashtag,
            _ => WordPrefix.None,
        };
        var body = prefix == WordPrefix.None ? text : text[1..];
        if (prefix != WordPrefix.None && body.StartsWith('"'))
        {
            throw Errors.At(text, start, $"a {Kind(prefix)} is a single word, not a phrase: write {prefix.ToChar()}word without quotes, or the phrase in quotes without '{prefix.ToChar()}'");
        }

        var wildcard = body.AsSpan().IndexOfAny('*', '?') >= 0;
        var fuzzy = body.Contains('~', StringComparison.Ordinal);
        if (wildcard && fuzzy)
        {
            throw Errors.At(text, start, "expected a wildcard or a fuzzy term, not both");
        }

        if (wildcard)
        {
            return Wildcard(text, start, prefix, body);
        }

        if (fuzzy)
        {
            return Fuzzy(text, start, prefix, body);
        }

        RefuseLetterBeyondBmp(text, start, body);
        var words = QueryText.FoldedWords(body);
        if (prefix != WordPrefix.None)
        {
            return words.Count switch
            {
                1 => new TermNode(prefix, words[0]),
                0 => throw Errors.At(text, start, $"expected a word after '{prefix.ToChar()}'"),
                _ when !HasSeparator(body) => new PhraseNode(new ValueArray<string>(words), prefix),
                _ => throw Errors.At(text, start, $"a {Kind(prefix)} is a single word; to match several words write a phrase in quotes"),
            };
        }

        if (words.Count > 0)
        {
            return words.Count == 1 ? new TermNode(WordPrefix.None, words[0]) : new PhraseNode(new ValueArray<string>(words));
        }

        var symbols = QueryText.EmojiSymbols(body);
        return symbols.Count > 0
            ? new EmojiNode(new ValueArray<string>(symbols))
            : throw Errors.At(text, start, "expected a term with at least one letter, digit or emoji");
    }

    /// <summary>
    /// A keycap emoji (1️⃣, #️⃣, *️⃣) is a digit, '#' or '*' with U+20E3 after it, a mark that folding
    /// drops: read on, <c>1️⃣</c> would be the word 1 and match every 1 of the firehose, and <c>#️⃣</c>
    /// and <c>*️⃣</c> would meet errors about signs and wildcards that do not say why.
    /// </summary>
    private static void RefuseKeycap(string text, int start, ReadOnlySpan<char> body)
    {
        if (body.Contains('\u20E3'))
        {
            throw Errors.At(text, start,
                "a keycap emoji (1️⃣, #️⃣, *️⃣: a digit, '#' or '*' and U+20E3) cannot be matched: posts are read with it as its digit or sign alone; write the digit to match it with every plain one");
        }
    }

    /// <summary>A letter the posts' words never hold would leave its word out of the query unseen (𠮷野家 read as 野家): refused instead.</summary>
    private static void RefuseLetterBeyondBmp(string text, int start, ReadOnlySpan<char> body)
    {
        if (QueryText.LetterBeyondBmp(body) is { } letter)
        {
            throw Errors.At(text, start,
                $"'{letter}' (U+{letter.Value:X4}) is a letter beyond U+FFFF, which posts are read with as a symbol, not as part of a word: a term holding it cannot be matched");
        }
    }

    /// <summary>Whether anything but word characters and marks lies in <paramref name="body"/>: then its words are not written together.</summary>
    private static bool HasSeparator(string body)
    {
        foreach (var c in body)
        {
            var folded = TextFolding.Fold(c);
            if (folded != TextFolding.Dropped && !TextFolding.IsWordChar(folded))
            {
                return true;
            }
        }

        return false;
    }

    private static string CjkWordsAlone(string kind) =>
        $"{kind} cannot hold a Chinese, Japanese or Korean character: each such character is a word by itself, "
        + "so a term of them written together (ソニー, 東京) already finds them inside a longer run";

    private static string Kind(WordPrefix prefix) => prefix switch
    {
        WordPrefix.Hashtag => "hashtag",
        WordPrefix.Handle => "handle",
        _ => "cashtag",
    };

    private static WildcardNode Wildcard(string text, int start, WordPrefix prefix, string body)
    {
        var pattern = new StringBuilder(body.Length);
        var literals = 0;
        foreach (var c in body)
        {
            if (c == '*')
            {
                if (pattern.Length == 0 || pattern[^1] != '*')
                {
                    pattern.Append('*');
                }

                continue;
            }

            if (c == '?')
            {
                pattern.Append('?');
                continue;
            }

            var folded = TextFolding.Fold(c);
            if (folded == TextFolding.Dropped)
            {
                continue;
            }

            if (!TextFolding.IsWordChar(folded))
            {
                throw Errors.At(text, start, "a wildcard is one word: letters, digits, '_', '*' and '?' only");
            }

            if (TextFolding.IsSoloWordChar(folded))
            {
                throw Errors.At(text, start, CjkWordsAlone("a wildcard"));
            }

            pattern.Append(folded);

            // '_' alone would make a wildcard of nearly any word that has one (_* or _?).
            literals += folded == '_' ? 0 : 1;
        }

        return literals == 0
            ? throw Errors.At(text, start, "expected at least one letter or digit in a wildcard besides '*' and '?'")
            : new WildcardNode(prefix, pattern.ToString());
    }

    private static FuzzyNode Fuzzy(string text, int start, WordPrefix prefix, string body)
    {
        var tilde = body.IndexOf('~', StringComparison.Ordinal);
        var edits = body[(tilde + 1)..];
        int maxEdits;
        switch (edits)
        {
            case "" or "1":
                maxEdits = 1;
                break;
            case "2":
                maxEdits = 2;
                break;
            default:
                var allDigits = edits.All(char.IsAsciiDigit);
                var significant = edits.TrimStart('0');
                throw Errors.At(text, start, allDigits && significant.Length > 0 && (significant.Length > 1 || significant[0] >= '3')
                    ? $"~{edits} allows too many edits: expected ~1 or ~2"
                    : "expected ~1 or ~2 after the word (the most edits allowed)");
        }

        var word = new StringBuilder(tilde);
        foreach (var c in body.AsSpan(0, tilde))
        {
            var folded = TextFolding.Fold(c);
            if (folded == TextFolding.Dropped)
            {
                continue;
            }

            if (!TextFolding.IsWordChar(folded))
            {
                throw Errors.At(text, start, "a fuzzy term is one word: letters, digits or '_' before '~'");
            }

            if (TextFolding.IsSoloWordChar(folded))
            {
                throw Errors.At(text, start, CjkWordsAlone("a fuzzy term"));
            }

            word.Append(folded);
        }

        if (word.Length == 0)
        {
            throw Errors.At(text, start, "expected a word before '~'");
        }

        if (word.Length <= maxEdits)
        {
            throw Errors.At(text, start, $"expected a word of more than {maxEdits} letter{(maxEdits == 1 ? "" : "s")} before '~{maxEdits}'; a shorter one would match almost any short word");
        }

        return new FuzzyNode(prefix, word.ToString(), maxEdits);
    }
}

internal static class Errors
{
    /// <summary>"'token' at column N: expectation", N 1-based.</summary>
    public static QuerySyntaxException At(string token, int start, string expectation) =>
        new($"'{token}' at column {start + 1}: {expectation}", start + 1, token);
}
