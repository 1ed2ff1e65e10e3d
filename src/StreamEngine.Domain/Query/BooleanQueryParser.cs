using StreamEngine.Domain.Matching;

namespace StreamEngine.Domain.Query;

/// <summary>
/// Parses the boolean query language of brand and concept queries (docs/query-language.md):
/// terms, phrases, hashtags, handles, cashtags, emoji, wildcards, fuzzy terms, raw phrases and
/// field filters joined by upper-case AND, OR, NOT, NEAR/n and ONEAR/n, with parentheses.
/// NEAR and ONEAR bind tightest, then NOT, then AND, then OR; two operands side by side are an
/// error. Every query of the earlier OR-only form parses here to the same meaning.
/// </summary>
public static class BooleanQueryParser
{
    /// <summary>Parses <paramref name="query"/>, or throws a <see cref="QuerySyntaxException"/> naming the column, the token and what was expected.</summary>
    public static ParsedQuery Parse(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parser = new Parser(query, QueryLexer.Read(query));
        var root = parser.ParseQuery();
        parser.RequireTerm(root);
        return new ParsedQuery(query, root);
    }

    /// <summary>Recursive descent over the tokens; remembers where each node came from, for error messages.</summary>
    private sealed class Parser(string source, List<QueryToken> tokens)
    {
        private const string Operand = "a term or '('";
        private const string ProximityOperand = "a term, a phrase, a wildcard, a fuzzy term or '('";

        /// <summary>How deep parentheses and NOTs may nest: far beyond any real query, well within the stack.</summary>
        private const int MaxDepth = 200;

        private readonly Dictionary<QueryNode, (int Start, int End)> _spans = new(ReferenceEqualityComparer.Instance);
        private int _index;
        private int _depth;

        private QueryToken Current => tokens[_index];

        public QueryNode ParseQuery()
        {
            if (Current.Kind == TokenKind.End)
            {
                throw new QuerySyntaxException("the query is empty: expected at least one term", 1, "");
            }

            var root = ParseOr();
            return Current.Kind switch
            {
                TokenKind.End => root,
                TokenKind.RightParen => throw Errors.At(")", Current.Start, "expected AND, OR or NOT; this ')' closes no '('"
                    + tokens.Take(_index).Select(ParenthesisHint).LastOrDefault(h => h.Length > 0, "")),
                _ => throw SideBySide(),
            };
        }

        /// <summary>
        /// Refuses a query that can be true of a post in which none of its terms occur: evaluated
        /// with every literal false and every field filter unknown (three-valued logic), the query
        /// must come out false.
        /// </summary>
        public void RequireTerm(QueryNode root)
        {
            if (WithoutTerms(root) == Truth.False)
            {
                return;
            }

            var culprit = root;
            while (culprit is OrNode or)
            {
                culprit = or.Operands.First(o => WithoutTerms(o) != Truth.False);
            }

            var (start, end) = _spans[culprit];
            throw Errors.At(source[start..end], start,
                "a query must require at least one term; this part can match a post that contains none of the query's terms (through NOT or field filters alone), which would match the whole firehose");
        }

        private QueryNode ParseOr()
        {
            var first = ParseAnd();
            if (Current.Kind != TokenKind.Or)
            {
                return first;
            }

            var operands = new List<QueryNode>();
            Add(operands, first, n => n is OrNode);
            while (Current.Kind == TokenKind.Or)
            {
                _index++;
                Add(operands, ParseAnd(), n => n is OrNode);
            }

            return Track(new OrNode(new ValueArray<QueryNode>(operands)), _spans[first].Start, _spans[operands[^1]].End);
        }

        private QueryNode ParseAnd()
        {
            var first = ParseUnary();
            if (Current.Kind is not (TokenKind.And or TokenKind.Not))
            {
                return first;
            }

            var operands = new List<QueryNode>();
            Add(operands, first, n => n is AndNode);
            while (Current.Kind is TokenKind.And or TokenKind.Not)
            {
                // "a NOT b" reads as "a AND NOT b": leave the NOT for ParseUnary.
                if (Current.Kind == TokenKind.And)
                {
                    _index++;
                }

                Add(operands, ParseUnary(), n => n is AndNode);
            }

            return Track(new AndNode(new ValueArray<QueryNode>(operands)), _spans[first].Start, _spans[operands[^1]].End);
        }

        private QueryNode ParseUnary()
        {
            if (Current.Kind != TokenKind.Not)
            {
                return ParseNear();
            }

            var not = Current;
            Enter(not);
            _index++;
            var operand = ParseUnary();
            _depth--;
            return Track(new NotNode(operand), not.Start, _spans[operand].End);
        }

        private QueryNode ParseNear()
        {
            var left = ParsePrimary(Operand);
            if (Current.Kind != TokenKind.Near)
            {
                return left;
            }

            var op = Current;
            RequireProximityOperand(left, op);
            _index++;
            var right = ParsePrimary(ProximityOperand);
            RequireProximityOperand(right, op);
            if (Current.Kind == TokenKind.Near)
            {
                throw Errors.At(Current.Text, Current.Start,
                    "expected AND, OR or NOT; NEAR and ONEAR do not chain, so join two proximities with AND");
            }

            return Track(new NearNode(left, right, op.MaxGap, op.Ordered), _spans[left].Start, _spans[right].End);
        }

        private QueryNode ParsePrimary(string expected)
        {
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.Literal:
                    _index++;
                    return Track(token.Node!, token.Start, token.End);
                case TokenKind.LeftParen:
                    Enter(token);
                    _index++;
                    var inner = ParseOr();
                    switch (Current.Kind)
                    {
                        case TokenKind.RightParen:
                            var close = Current;
                            _index++;
                            _depth--;
                            return Track(inner, token.Start, close.End);
                        case TokenKind.End:
                            throw Errors.At("(", token.Start, "expected ')' to close this '(', but the query ends");
                        default:
                            throw SideBySide();
                    }

                case TokenKind.End:
                    var previous = tokens[_index - 1];
                    throw Errors.At(previous.Text, previous.Start, $"expected {expected} after {Describe(previous)}, but the query ends");
                default:
                    var context = _index == 0 ? "at the start of the query" : "after " + Describe(tokens[_index - 1]);
                    throw Errors.At(token.Text, token.Start, $"expected {expected} {context}");
            }
        }

        private void RequireProximityOperand(QueryNode operand, QueryToken op)
        {
            if (NearNode.IsProximityOperand(operand))
            {
                return;
            }

            var culprit = operand is OrNode or ? or.Operands.First(o => o is not LiteralNode) : operand;
            var reason = culprit switch
            {
                FieldNode => "a field filter cannot be",
                NotNode => "NOT cannot be used in",
                AndNode => "AND cannot be used in",
                _ => "a proximity cannot be",
            };
            var (start, end) = _spans[culprit];
            throw Errors.At(source[start..end], start,
                $"{reason} an operand of {op.Text}; expected a term, a phrase, a wildcard, a fuzzy term or a parenthesised OR of those on each side of {op.Text}");
        }

        private QuerySyntaxException SideBySide()
        {
            var token = Current;
            if (token.Kind == TokenKind.LeftParen)
            {
                return Errors.At("(", token.Start, "expected AND, OR or NOT before '('" + ParenthesisHint(tokens[_index - 1]));
            }

            var hint = ParenthesisHint(token) + ParenthesisHint(tokens[_index - 1]);

            // Full-width letters (ＡＮＤ), as an IME types them, read as a word too: named as such.
            var plain = token.Text.Normalize(System.Text.NormalizationForm.FormKC);
            foreach (var op in (string[])["AND", "OR", "NOT", "NEAR/", "ONEAR/"])
            {
                if (op[^1] == '/' ? plain.StartsWith(op, StringComparison.OrdinalIgnoreCase) : plain.Equals(op, StringComparison.OrdinalIgnoreCase))
                {
                    hint = plain == token.Text
                        ? $" (operators are upper case: a lower-case '{token.Text}' is a word)"
                        : $" (operators are written in plain upper-case letters: '{token.Text}' is a word)";
                }
            }

            // A phrase pasted from a word processor comes in typographic quotes, which are punctuation.
            if (hint.Length == 0 && (tokens[_index - 1].Text.StartsWith('\u201C') || tokens[_index - 1].Text.StartsWith('\u201E') || token.Text.EndsWith('\u201D')))
            {
                hint = " (a phrase is written in straight quotes, \"like this\"; typographic quotes are punctuation)";
            }

            return Errors.At(token.Text, token.Start, "expected AND, OR or NOT between two terms" + hint);
        }

        /// <summary>
        /// Inside a bare token '(' and ')' are punctuation, as they were in the earlier OR-only form, so
        /// <c>b)AND(c</c> is one term; say so when such a term is where an operator was expected.
        /// </summary>
        private static string ParenthesisHint(QueryToken token) =>
            token.Kind == TokenKind.Literal && token.Text[0] != '"' && !token.Text.StartsWith("raw:", StringComparison.OrdinalIgnoreCase)
                && token.Text.AsSpan().IndexOfAny('(', ')') >= 0
                ? $" ('{token.Text}' is read as one term: put white space around a parenthesis inside it)"
                : "";

        private static string Describe(QueryToken token) => token.Kind == TokenKind.LeftParen ? "'('" : token.Text;

        private void Enter(QueryToken token)
        {
            if (++_depth > MaxDepth)
            {
                throw Errors.At(token.Text, token.Start, $"expected at most {MaxDepth} nested parentheses and NOTs");
            }
        }

        private QueryNode Track(QueryNode node, int start, int end)
        {
            _spans[node] = (start, end);
            return node;
        }

        private static void Add(List<QueryNode> operands, QueryNode operand, Func<QueryNode, bool> flatten)
        {
            if (flatten(operand))
            {
                operands.AddRange(operand.Children);
            }
            else
            {
                operands.Add(operand);
            }
        }

        private enum Truth : byte
        {
            False,
            Unknown,
            True,
        }

        private static Truth WithoutTerms(QueryNode node) => node switch
        {
            LiteralNode or NearNode => Truth.False,
            FieldNode => Truth.Unknown,
            NotNode not => (Truth)(2 - (int)WithoutTerms(not.Operand)),
            AndNode and => and.Operands.Select(WithoutTerms).Min(),
            OrNode or => or.Operands.Select(WithoutTerms).Max(),
            _ => throw new ArgumentException($"unknown query node {node.GetType().Name}", nameof(node)),
        };
    }
}
