namespace StreamEngine.Domain.Query;

/// <summary>
/// A query the parser accepted: its source text and its tree, plus what a matcher must look for.
/// Built only by <see cref="BooleanQueryParser.Parse"/>, so its <see cref="Root"/> always requires
/// at least one term.
/// </summary>
public sealed class ParsedQuery
{
    internal ParsedQuery(string source, QueryNode root)
    {
        Source = source;
        Root = root;
        Literals = QueryLiterals.Of(root);
        Fields = QueryLiterals.FieldsOf(root);
    }

    /// <summary>The query as written.</summary>
    public string Source { get; }

    public QueryNode Root { get; }

    /// <summary>
    /// The distinct literals of the query (words, phrases, wildcards, fuzzy terms, raw phrases,
    /// emoji), in the order they first appear, including those under NOT: everything a matcher must
    /// find in the text to evaluate the query.
    /// </summary>
    public IReadOnlyList<LiteralNode> Literals { get; }

    /// <summary>The distinct field filters of the query, in the order they first appear.</summary>
    public IReadOnlyList<FieldNode> Fields { get; }

    /// <summary>The query printed canonically; it parses back to an equal tree.</summary>
    public override string ToString() => Root.ToString();
}

/// <summary>Enumerates what a query tree needs of a post.</summary>
public static class QueryLiterals
{
    /// <summary>The distinct literals under <paramref name="node"/>, depth first, left to right, compared by value.</summary>
    public static IReadOnlyList<LiteralNode> Of(QueryNode node) => Distinct<LiteralNode>(node);

    /// <summary>The distinct field filters under <paramref name="node"/>, depth first, left to right, compared by value.</summary>
    public static IReadOnlyList<FieldNode> FieldsOf(QueryNode node) => Distinct<FieldNode>(node);

    /// <summary>Every node of the tree, <paramref name="node"/> first, depth first, left to right.</summary>
    public static IEnumerable<QueryNode> DescendantsAndSelf(QueryNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var stack = new Stack<QueryNode>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            yield return current;
            for (var i = current.Children.Count - 1; i >= 0; i--)
            {
                stack.Push(current.Children[i]);
            }
        }
    }

    private static List<T> Distinct<T>(QueryNode node)
        where T : QueryNode
    {
        var seen = new HashSet<T>();
        var result = new List<T>();
        foreach (var n in DescendantsAndSelf(node))
        {
            if (n is T t && seen.Add(t))
            {
                result.Add(t);
            }
        }

        return result;
    }
}
