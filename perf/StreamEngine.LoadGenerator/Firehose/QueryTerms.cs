using System.Text;
using StreamEngine.Domain.Model;

namespace StreamEngine.LoadGenerator.Firehose;

/// <summary>What to write in a post so that a query matches it.</summary>
public enum TermKind
{
    Word,
    Handle,
    Hashtag,
}

/// <summary>One literal of a query as it can be written in a post: a word, a phrase, an @handle or a #hashtag.</summary>
public sealed record SurfaceTerm(TermKind Kind, IReadOnlyList<string> Words);

/// <summary>
/// Reads a model query from its source text (the only part of the engine's query types the perf
/// tools rely on, so they keep working while the query language grows) into the alternatives of
/// its top-level OR. Each alternative lists the positive literals that must all appear: terms
/// under NOT are left out, NEAR/n and AND are satisfied by writing the terms side by side, and
/// wildcard (<c>overheat*</c>), fuzzy (<c>word~1</c>) and field terms (<c>lang:en</c>) are left out;
/// an alternative with nothing left is dropped.
/// </summary>
public static class QueryTerms
{
    /// <summary>Terms the tools can write for the model's brand and concept queries (reported as the model's size).</summary>
    public static int Count(ListeningModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Brands.Select(b => b.Query.Source).Concat(model.Concepts.Select(c => c.Query.Source))
            .Sum(source => Alternatives(source).Sum(a => a.Count));
    }

    public static IReadOnlyList<IReadOnlyList<SurfaceTerm>> Alternatives(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var tokens = Tokenize(source);
        var alternatives = new List<IReadOnlyList<SurfaceTerm>>();
        var current = new List<SurfaceTerm>();
        var depth = 0;
        var skipDepth = -1;
        var negateNext = false;
        foreach (var token in tokens)
        {
            switch (token)
            {
                case "(":
                    if (negateNext && skipDepth < 0)
                    {
                        skipDepth = depth;
                    }

                    negateNext = false;
                    depth++;
                    continue;
                case ")":
                    depth--;
                    if (skipDepth == depth)
                    {
                        skipDepth = -1;
                    }

                    continue;
                case "OR" when depth == 0:
                    if (current.Count > 0)
                    {
                        alternatives.Add(current);
                    }

                    current = [];
                    continue;
                case "OR" or "AND":
                    continue;
                case "NOT":
                    negateNext = true;
                    continue;
            }

            if (token.StartsWith("NEAR", StringComparison.Ordinal) || token.StartsWith("ONEAR", StringComparison.Ordinal))
            {
                continue;
            }

            var negated = negateNext || skipDepth >= 0 || token.StartsWith('-');
            negateNext = false;
            if (negated || token.Contains('*', StringComparison.Ordinal) || token.Contains('~', StringComparison.Ordinal)
                || token.Contains('?', StringComparison.Ordinal) || (token.Contains(':', StringComparison.Ordinal) && token[0] != '"'))
            {
                continue;
            }

            var text = token.Trim('"');
            var kind = text.StartsWith('@') ? TermKind.Handle : text.StartsWith('#') ? TermKind.Hashtag : TermKind.Word;
            var words = text.TrimStart('@', '#').ToLowerInvariant()
                .Split([' ', '\t', '-', '.', ',', '\''], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > 0)
            {
                current.Add(new SurfaceTerm(kind, words));
            }
        }

        if (current.Count > 0)
        {
            alternatives.Add(current);
        }

        return alternatives;
    }

    private static List<string> Tokenize(string source)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (c == '"')
            {
                var close = source.IndexOf('"', i + 1);
                close = close < 0 ? source.Length - 1 : close;
                var end = close + 1;
                while (end < source.Length && !char.IsWhiteSpace(source[end]) && source[end] is not ('(' or ')'))
                {
                    end++; // a suffix such as "…"~2
                }

                tokens.Add(source[i..end]);
                i = end;
            }
            else
            {
                var token = new StringBuilder();
                while (i < source.Length && !char.IsWhiteSpace(source[i]) && source[i] is not ('(' or ')'))
                {
                    token.Append(source[i++]);
                }

                tokens.Add(token.ToString());
            }
        }

        return tokens;
    }
}
