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

    // Now and then no distance at all: the largest n the language accepts.
    private static readonly Gen<int> Gap = Gen.Frequency<int>((9, Gen.Int[0, 5]), (1, Gen.Const(int.MaxValue)));

    private static readonly Gen<QueryNode> Filter = FieldGen.Filter.Select(f => (QueryNode)f);

    // After the generators the trees are built from: static fields are set in the order written.
    private static readonly Trees Every = new(LiteralGen.Literal);

    private static readonly Trees OfScreened = new(LiteralGen.Screened);

    /// <summary>A listening model: 1–30 queries, 1–3 operators deep, as the parser reads their printed form.</summary>
    public static readonly Gen<ParsedQuery[]> Model = Every.Model;

    /// <summary>A model as <see cref="Model"/>, of the literals of <see cref="LiteralGen.Screened"/> alone.</summary>
    public static readonly Gen<ParsedQuery[]> ScreenedModel = OfScreened.Model;

    /// <summary>A tree at most <paramref name="depth"/> operators deep that is false when none of its terms occur (a query the parser accepts).</summary>
    public static Gen<QueryNode> Required(int depth) => Every.RequiredAt[depth];

    private static QueryNode And(QueryNode[] operands) =>
        new AndNode(new ValueArray<QueryNode>(operands.SelectMany(o => o is AndNode and ? and.Operands : (IEnumerable<QueryNode>)[o])));

    private static QueryNode Or(QueryNode[] operands) =>
        new OrNode(new ValueArray<QueryNode>(operands.SelectMany(o => o is OrNode or ? or.Operands : (IEnumerable<QueryNode>)[o])));

    /// <summary>The trees over one generator of literals.</summary>
    private sealed class Trees
    {
        private readonly Gen<QueryNode> _literal;
        private readonly Gen<QueryNode> _proximity;

        public Trees(Gen<LiteralNode> literals)
        {
            _literal = literals.Select(l => (QueryNode)l);
            var operand = Gen.Frequency<QueryNode>(
                (2, _literal),
                (1, literals.Array[2, 3].Select(ls => (QueryNode)new OrNode(new ValueArray<QueryNode>(ls)))));
            _proximity = Gen.Select(operand, operand, Gap, Gen.Bool, (left, right, gap, ordered) => (QueryNode)new NearNode(left, right, gap, ordered));
            RequiredAt = Build();
            Model = Gen.OneOf(RequiredAt[1], RequiredAt[2], RequiredAt[3])
                .Select(tree => BooleanQueryParser.Parse(tree.ToString()))
                .Array[1, 30];
        }

        // One generator per depth, each built on the one below: building depth n makes n levels, not a tree of them.
        public Gen<QueryNode>[] RequiredAt { get; }

        public Gen<ParsedQuery[]> Model { get; }

        /// <summary>
        /// The required trees by depth, leaves first so that a failure shrinks towards one. A tree that
        /// may be true without its terms (field filters, NOT) is only ever an operand of an AND that also
        /// has a required operand. At each depth one choice in three is a leaf, which keeps most trees small.
        /// </summary>
        private Gen<QueryNode>[] Build()
        {
            var required = new Gen<QueryNode>[MaxDepth + 1];
            var any = new Gen<QueryNode>[MaxDepth + 1];
            required[0] = Gen.OneOf(_literal, _proximity);
            any[0] = Gen.OneOf(_literal, Filter, _proximity);
            for (var depth = 1; depth <= MaxDepth; depth++)
            {
                var (requiredBelow, anyBelow) = (required[depth - 1], any[depth - 1]);
                required[depth] = Gen.OneOf(
                    _literal,
                    _proximity,
                    requiredBelow,
                    requiredBelow.Select(r => (QueryNode)new NotNode(new NotNode(r))),
                    Gen.Select(requiredBelow, anyBelow.Array[2, 3], (first, rest) => (QueryNode)And([first, .. rest])),
                    requiredBelow.Array[2, 3].Select(Or));
                any[depth] = Gen.OneOf(
                    _literal,
                    Filter,
                    _proximity,
                    anyBelow.Select(a => (QueryNode)new NotNode(a)),
                    anyBelow.Array[2, 3].Select(And),
                    anyBelow.Array[2, 3].Select(Or));
            }

            return required;
        }
    }
}
