namespace StreamEngine.Domain.Matching;

/// <summary>
/// Parses the query form this version accepts: terms joined by <c>OR</c>. A term is a word, a
/// <c>"quoted phrase"</c>, an <c>@handle</c> or a <c>#hashtag</c>. Operators are upper case, as in
/// the listening suites, so a lower-case <c>or</c> is a word and needs an <c>OR</c> around it.
/// </summary>
public static class TermQueryParser
{
    private static readonly string[] Unsupported = ["AND", "NOT", "NEAR", "ONEAR"];

    public static TermQuery Parse(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var terms = new List<QueryTerm>();
        var pos = 0;
        var expectTerm = true;
        while (true)
        {
            while (pos < query.Length && char.IsWhiteSpace(query[pos]))
            {
                pos++;
            }

            if (pos >= query.Length)
            {
                break;
            }

            var start = pos;
            string token;
            if (query[pos] == '"')
            {
                var close = query.IndexOf('"', pos + 1);
                if (close < 0)
                {
                    throw new QuerySyntaxException($"unclosed phrase at column {start + 1}: expected a closing '\"'", start + 1, query[start..]);
                }

                token = query[start..(close + 1)];
                pos = close + 1;
            }
            else
            {
                while (pos < query.Length && !char.IsWhiteSpace(query[pos]))
                {
                    pos++;
                }

                token = query[start..pos];
            }

            if (token == "OR")
            {
                if (expectTerm)
                {
                    throw new QuerySyntaxException($"'OR' at column {start + 1}: expected a term before it", start + 1, token);
                }

                expectTerm = true;
                continue;
            }

            RefuseUnsupported(token, start + 1);
            if (!expectTerm)
            {
                throw new QuerySyntaxException($"'{token}' at column {start + 1}: expected OR between terms", start + 1, token);
            }

            terms.Add(ParseTerm(token, start + 1));
            expectTerm = false;
        }

        if (terms.Count == 0)
        {
            throw new QuerySyntaxException("the query is empty: expected at least one term", 1, "");
        }

        if (expectTerm)
        {
            throw new QuerySyntaxException($"the query ends with OR at column {query.TrimEnd().Length - 1}: expected a term after it", query.TrimEnd().Length - 1, "OR");
        }

        return new TermQuery(query, terms);
    }

    private static void RefuseUnsupported(string token, int column)
    {
        foreach (var op in Unsupported)
        {
            if (token.StartsWith(op, StringComparison.Ordinal) && (token.Length == op.Length || token[op.Length] == '/'))
            {
                throw new QuerySyntaxException(
                    $"'{token}' at column {column}: this version accepts terms joined by OR; {op} is not supported yet", column, token);
            }
        }

        if (token.StartsWith('(') || token.EndsWith(')'))
        {
            throw new QuerySyntaxException(
                $"'{token}' at column {column}: this version accepts terms joined by OR; parentheses are not supported yet", column, token);
        }
    }

    private static QueryTerm ParseTerm(string token, int column)
    {
        var prefix = TermPrefix.None;
        var body = token.AsSpan();
        if (body[0] == '"')
        {
            body = body[1..^1];
        }
        else if (body[0] is '@' or '#')
        {
            prefix = body[0] == '@' ? TermPrefix.Handle : TermPrefix.Hashtag;
            body = body[1..];
        }

        var words = Words(body);
        if (words.Count == 0)
        {
            throw new QuerySyntaxException($"'{token}' at column {column}: expected a term with at least one letter or digit", column, token);
        }

        if (prefix != TermPrefix.None && words.Count > 1)
        {
            throw new QuerySyntaxException($"'{token}' at column {column}: a handle or hashtag is a single word", column, token);
        }

        return new QueryTerm(prefix, words);
    }

    /// <summary>Folds and splits text into words exactly as posts are split, so terms and posts agree.</summary>
    internal static List<string> Words(ReadOnlySpan<char> text)
    {
        var words = new List<string>();
        Span<char> buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        var length = 0;
        foreach (var c in text)
        {
            var folded = TextFolding.Fold(c);
            if (folded == TextFolding.Dropped)
            {
                continue;
            }

            if (TextFolding.IsWordChar(folded))
            {
                buffer[length++] = folded;
            }
            else if (length > 0)
            {
                words.Add(buffer[..length].ToString());
                length = 0;
            }
        }

        if (length > 0)
        {
            words.Add(buffer[..length].ToString());
        }

        return words;
    }
}
