using CsCheck;
using StreamEngine.Domain.Query;

namespace StreamEngine.Domain.Tests.Generators;

/// <summary>
/// Query trees of every construct: literals, field filters, AND, OR, NOT and NEAR/ONEAR over
/// literals or parenthesised ORs of them. Trees are canonical (no AND directly under AND, no OR
/// directly under OR) and <see cref="Required"/> ones always require a term, so the parser must
/// accept their printed form and read it back to an equal tree.
/// </summary>
internal static class QueryGen
{
    public const int MaxDepth = 4;

    private static readonly Gen<QueryNode> Literal = LiteralGen.Literal.Select(l => (QueryNode)l);

    private static readonly Gen<QueryNode> ProximityOperand = Gen.Frequency<QueryNode>(
        (2, Literal),
        (1, LiteralGen.Literal.Array[2, 3].Select(ls => (QueryNode)new OrNode(new ValueArray<QueryNode>(ls)))));

    // Now and then no distance at all: the largest n the language accepts.
    private static readonly Gen<int> Gap = Gen.Frequency<int>((9, Gen.Int[0, 5]), (1, Gen.Const(int.MaxValue)));

    private static readonly Gen<QueryNode> Proximity = Gen.Select(
        ProximityOperand, ProximityOperand, Gap, Gen.Bool, (left, right, gap, ordered) => (QueryNode)new NearNode(left, right, gap, ordered));

    private static readonly Gen<QueryNode> Filter = FieldGen.Filter.Select(f => (QueryNode)f);

    // One generator per depth, each built on the one below: building depth n makes n levels, not a tree of them.
    private static readonly Gen<QueryNode>[] RequiredAt = Build();

    /// <summary>A listening model: 1–30 queries, 1–3 operators deep, as the parser reads their printed form.</summary>
    public static readonly Gen<ParsedQuery[]> Model =
        Gen.OneOf(Required(1), Required(2), Required(3))
            .Select(tree => BooleanQueryParser.Parse(tree.ToString()))
            .Array[1, 30];

    /// <summary>A tree at most <paramref name="depth"/> operators deep that is false when none of its terms occur (a query the parser accepts).</summary>
    public static Gen<QueryNode> Required(int depth) => RequiredAt[depth];

    /// <summary>
    /// The required trees by depth, leaves first so that a failure shrinks towards one. A tree that
    /// may be true without its terms (field filters, NOT) is only ever an operand of an AND that also
    /// has a required operand. At each depth one choice in three is a leaf, which keeps most trees small.
    /// </summary>
    private static Gen<QueryNode>[] Build()
    {
        var required = new Gen<QueryNode>[MaxDepth + 1];
        var any = new Gen<QueryNode>[MaxDepth + 1];
        required[0] = Gen.OneOf(Literal, Proximity);
        any[0] = Gen.OneOf(Literal, Filter, Proximity);
        for (var depth = 1; depth <= MaxDepth; depth++)
        {
            var (requiredBelow, anyBelow) = (required[depth - 1], any[depth - 1]);
            required[depth] = Gen.OneOf(
                Literal,
                Proximity,
                requiredBelow,
                requiredBelow.Select(r => (QueryNode)new NotNode(new NotNode(r))),
                Gen.Select(requiredBelow, anyBelow.Array[2, 3], (first, rest) => (QueryNode)And([first, .. rest])),
                requiredBelow.Array[2, 3].Select(Or));
            any[depth] = Gen.OneOf(
                Literal,
                Filter,
                Proximity,
                anyBelow.Select(a => (QueryNode)new NotNode(a)),
                anyBelow.Array[2, 3].Select(And),
                anyBelow.Array[2, 3].Select(Or));
        }

        return required;
    }

    private static QueryNode And(QueryNode[] operands) =>
        new AndNode(new ValueArray<QueryNode>(operands.SelectMany(o => o is AndNode and ? and.Operands : (IEnumerable<QueryNode>)[o])));

    private static QueryNode Or(QueryNode[] operands) =>
        new OrNode(new ValueArray<QueryNode>(operands.SelectMany(o => o is OrNode or ? or.Operands : (IEnumerable<QueryNode>)[o])));
}
