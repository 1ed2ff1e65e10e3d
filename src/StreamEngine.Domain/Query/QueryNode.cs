namespace StreamEngine.Domain.Query;

/// <summary>
/// A node of a parsed boolean query. Nodes are immutable and compared by value; <see cref="ToString"/>
/// prints the node in the query language, and a tree the parser built prints to text that parses
/// back to an equal tree. The hierarchy is closed: literals (<see cref="LiteralNode"/>), field
/// filters (<see cref="FieldNode"/>), <see cref="AndNode"/>, <see cref="OrNode"/>,
/// <see cref="NotNode"/> and <see cref="NearNode"/>.
/// </summary>
public abstract record QueryNode
{
    private protected QueryNode()
    {
    }

    /// <summary>The nodes directly below this one, left to right.</summary>
    public virtual IReadOnlyList<QueryNode> Children => [];

    public sealed override string ToString() => QueryPrinter.Print(this);
}

/// <summary>
/// True when every operand is true. Operands number two or more and none is itself an
/// <see cref="AndNode"/>: the parser flattens <c>a AND (b AND c)</c> into one node.
/// </summary>
public sealed record AndNode : QueryNode
{
    public AndNode(ValueArray<QueryNode> operands)
    {
        Operands = Check.Operands(operands, nameof(operands), n => n is AndNode, "AND");
    }

    public ValueArray<QueryNode> Operands { get; }

    public override IReadOnlyList<QueryNode> Children => Operands;
}

/// <summary>
/// True when any operand is true. Operands number two or more and none is itself an
/// <see cref="OrNode"/>: the parser flattens <c>(a OR b) OR c</c> into one node.
/// </summary>
public sealed record OrNode : QueryNode
{
    public OrNode(ValueArray<QueryNode> operands)
    {
        Operands = Check.Operands(operands, nameof(operands), n => n is OrNode, "OR");
    }

    public ValueArray<QueryNode> Operands { get; }

    public override IReadOnlyList<QueryNode> Children => Operands;
}

/// <summary>True when the operand is false. <c>a NOT b</c> parses as <c>a AND NOT b</c>.</summary>
public sealed record NotNode : QueryNode
{
    public NotNode(QueryNode operand)
    {
        ArgumentNullException.ThrowIfNull(operand);
        Operand = operand;
    }

    public QueryNode Operand { get; }

    public override IReadOnlyList<QueryNode> Children => [Operand];
}

/// <summary>
/// Proximity: a match of <see cref="Left"/> and a match of <see cref="Right"/> that do not overlap,
/// with at most <see cref="MaxGap"/> words strictly between them; when <see cref="Ordered"/>
/// (<c>ONEAR/n</c>) the left match comes first. Each operand is a <see cref="LiteralNode"/> or an
/// <see cref="OrNode"/> of literals, whose matches are all its literals' matches.
/// </summary>
public sealed record NearNode : QueryNode
{
    public NearNode(QueryNode left, QueryNode right, int maxGap, bool ordered)
    {
        Left = Check.ProximityOperand(left, nameof(left));
        Right = Check.ProximityOperand(right, nameof(right));
        ArgumentOutOfRangeException.ThrowIfNegative(maxGap);
        MaxGap = maxGap;
        Ordered = ordered;
    }

    public QueryNode Left { get; }

    public QueryNode Right { get; }

    /// <summary>The most words allowed strictly between the two matches; 0 means adjacent.</summary>
    public int MaxGap { get; }

    /// <summary><c>ONEAR</c>: the left match must end before the right match starts.</summary>
    public bool Ordered { get; }

    public override IReadOnlyList<QueryNode> Children => [Left, Right];

    /// <summary>The literals whose matches an operand stands for: itself, or the operands of its OR.</summary>
    public static IReadOnlyList<LiteralNode> LiteralsOf(QueryNode operand) => operand switch
    {
        LiteralNode literal => [literal],
        OrNode or => or.Operands.Cast<LiteralNode>().ToList(),
        _ => throw new ArgumentException("a proximity operand is a literal or an OR of literals", nameof(operand)),
    };

    /// <summary>Whether <paramref name="operand"/> may stand on either side of NEAR: a literal or an OR of literals.</summary>
    public static bool IsProximityOperand(QueryNode operand) =>
        operand is LiteralNode || (operand is OrNode or && or.Operands.All(o => o is LiteralNode));
}

internal static class Check
{
    public static ValueArray<QueryNode> Operands(ValueArray<QueryNode> operands, string name, Func<QueryNode, bool> nested, string op)
    {
        ArgumentNullException.ThrowIfNull(operands, name);
        if (operands.Count < 2)
        {
            throw new ArgumentException($"{op} needs at least two operands", name);
        }

        foreach (var operand in operands)
        {
            ArgumentNullException.ThrowIfNull(operand, name);
            if (nested(operand))
            {
                throw new ArgumentException($"an {op} operand cannot itself be an {op}: flatten it", name);
            }
        }

        return operands;
    }

    public static QueryNode ProximityOperand(QueryNode operand, string name)
    {
        ArgumentNullException.ThrowIfNull(operand, name);
        if (!NearNode.IsProximityOperand(operand))
        {
            throw new ArgumentException("a proximity operand is a literal or an OR of literals", name);
        }

        return operand;
    }

    public static string FoldedWord(string word, string name)
    {
        ArgumentNullException.ThrowIfNull(word, name);
        if (!QueryText.IsFoldedWord(word))
        {
            throw new ArgumentException($"'{word}' is not one folded word (lower-case letters, digits or '_', as TextFolding.Fold gives them)", name);
        }

        return word;
    }
}
