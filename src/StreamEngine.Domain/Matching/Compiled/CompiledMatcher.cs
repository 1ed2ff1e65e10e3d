using StreamEngine.Domain.Query;
using StreamEngine.Domain.Text;

namespace StreamEngine.Domain.Matching.Compiled;

/// <summary>
/// Matches a whole model of boolean queries (docs/query-language.md) against a post in one pass,
/// with the meaning the reference evaluator gives them.
/// <para>
/// Built once: every distinct literal of every query gets an id and is indexed by what a word of
/// the text must look like for it to start there (words and phrases by their first folded word,
/// raw phrases by their first NFC word, in <see cref="WordTable{TValue}"/>s probed 16 slots per
/// vector compare; wildcards by the first or last characters of their literal part,
/// <see cref="WildcardIndex"/>; fuzzy terms by their deletion neighbourhoods,
/// <see cref="FuzzyIndex"/>; emoji by their first symbol); every query is compiled to a flat array
/// of nodes.
/// </para>
/// <para>
/// Per post: the words of the single walk (<see cref="TokenizedText"/>) are looked up once to
/// collect the occurrences of every literal (emoji are read from the original text only when the
/// model has emoji literals); then only the queries that have an occurrence of a literal they
/// need positively are evaluated, in ascending order (<see cref="CandidateQueries"/>), proximities
/// over the occurrences' positions. A query whose
/// positive literals are all absent cannot match, since the parser refuses queries that match
/// without a term.
/// </para>
/// Immutable, so one instance serves every thread; each thread brings its own
/// <see cref="CompiledMatchScratch"/>, and steady-state matching allocates nothing.
/// </summary>
public sealed partial class CompiledMatcher
{
    private readonly LiteralNode[] _literals;
    private readonly int[][] _queriesNeeding;
    private readonly Node[] _nodes;
    private readonly int[] _children;

    // Per entry of _children: the literal id when that child is a literal, else -1. Most children
    // of the ORs analysts write are literals, whose value is a bit of the scratch: read here, they
    // cost no call and no memo.
    private readonly int[] _childLiterals;
    private readonly int[] _nearLiterals;
    private readonly int[] _roots;

    private readonly WordTable<WordEntry[]> _words;
    private readonly WildcardIndex _wildcards;
    private readonly FuzzyIndex _fuzzy;
    private readonly WordTable<RawEntry[]> _raw;
    private readonly Dictionary<int, EmojiEntry[]> _emoji;

    // Literals written with a sign (#acme, @acme, $acme, #"acme corp"): their matches start at the sign.
    private readonly bool[] _signed;
    private readonly bool _anySigned;

    public CompiledMatcher(IReadOnlyList<ParsedQuery> queries)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var builder = new Builder();
        _roots = new int[queries.Count];
        for (var q = 0; q < queries.Count; q++)
        {
            ArgumentNullException.ThrowIfNull(queries[q], nameof(queries));
            _roots[q] = builder.Compile(queries[q].Root, q, positive: true);
        }

        _literals = [.. builder.Literals];
        _queriesNeeding = builder.QueriesNeeding.Select(l => l.ToArray()).ToArray();
        _nodes = [.. builder.Nodes];
        _children = [.. builder.Children];
        _childLiterals = [.. _children.Select(c => _nodes[c].Kind == NodeKind.Literal ? _nodes[c].A : -1)];
        _nearLiterals = [.. builder.NearLiterals];
        QueryCount = queries.Count;

        var words = new Dictionary<string, List<WordEntry>>(StringComparer.Ordinal);
        var wildcards = new List<WildcardEntry>();
        var fuzzy = new List<FuzzyEntry>();
        var raw = new Dictionary<string, List<RawEntry>>(StringComparer.Ordinal);
        var emoji = new Dictionary<int, List<EmojiEntry>>();
        for (var id = 0; id < _literals.Length; id++)
        {
            switch (_literals[id])
            {
                case TermNode term:
                    Group(words, term.Word).Add(new WordEntry(id, term.Prefix, []));
                    break;
                case PhraseNode phrase:
                    Group(words, phrase.Words[0]).Add(new WordEntry(id, phrase.Prefix, [.. phrase.Words.Skip(1)]));
                    break;
                case WildcardNode wildcard:
                    wildcards.Add(new WildcardEntry(id, wildcard.Prefix, wildcard.Pattern));
                    break;
                case FuzzyNode f:
                    fuzzy.Add(new FuzzyEntry(id, f.Prefix, f.Word, f.MaxEdits));
                    break;
                case RawNode r:
                    Group(raw, r.Words[0]).Add(new RawEntry(id, [.. r.Words.Skip(1)]));
                    break;
                case EmojiNode e:
                    var symbols = e.Symbols.Select(SymbolCode).ToArray();
                    Group(emoji, symbols[0]).Add(new EmojiEntry(id, symbols));
                    break;
                default:
                    throw new ArgumentException($"unknown literal {_literals[id].GetType().Name}", nameof(queries));
            }
        }

        _words = new WordTable<WordEntry[]>(words.Select(g => KeyValuePair.Create(g.Key, g.Value.ToArray())));
        _wildcards = new WildcardIndex(wildcards);
        _fuzzy = new FuzzyIndex(fuzzy);
        _raw = new WordTable<RawEntry[]>(raw.Select(g => KeyValuePair.Create(g.Key, g.Value.ToArray())));
        _emoji = emoji.ToDictionary(g => g.Key, g => g.Value.ToArray());
        _signed = [.. _literals.Select(l => l switch
        {
            TermNode t => t.Prefix != WordPrefix.None,
            PhraseNode p => p.Prefix != WordPrefix.None,
            WildcardNode w => w.Prefix != WordPrefix.None,
            FuzzyNode f => f.Prefix != WordPrefix.None,
            _ => false,
        })];
        _anySigned = _signed.Contains(true);
    }

    /// <summary>The number of queries; query indices are their positions in the list given.</summary>
    public int QueryCount { get; }

    /// <summary>The number of distinct literals over all queries (ids 0 to LiteralCount - 1).</summary>
    public int LiteralCount => _literals.Length;

    internal int NodeCount => _nodes.Length;

    internal int MaxFuzzyLength => _fuzzy.MaxLength;

    internal int FuzzyCount => _fuzzy.Count;

    /// <summary>The literal with id <paramref name="id"/>, as <see cref="CompiledHit.Literal"/> names it.</summary>
    public LiteralNode Literal(int id) => _literals[id];

    /// <summary>Cuts <paramref name="text"/> into words in <see cref="CompiledMatchScratch.Tokens"/>, then matches it.</summary>
    public void Match(ReadOnlySpan<char> text, in PostFields fields, CompiledMatchScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        scratch.Tokens.TokenizeWords(text);
        Match(scratch.Tokens, text, fields, scratch);
    }

    /// <summary>
    /// Finds the queries the post matches: <paramref name="tokens"/> must be the tokens of
    /// <paramref name="originalText"/>. Read the result from <paramref name="scratch"/>: the matched
    /// queries in ascending query index, for each the first word of its hits and the hits (positive
    /// literal matches that made it match), from which spans are computed exactly as the reference
    /// evaluator does. The scratch forgets the previous post.
    /// </summary>
    public void Match(TokenizedText tokens, ReadOnlySpan<char> originalText, in PostFields fields, CompiledMatchScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(scratch);
        if (tokens.TextLength != originalText.Length)
        {
            throw new ArgumentException("the tokens are not those of this text: tokenize it first", nameof(tokens));
        }

        scratch.Begin(this);
        FindWordLiterals(tokens, originalText, scratch);
        if (_anySigned)
        {
            WidenToSigns(originalText, scratch);
        }
        if (_emoji.Count > 0)
        {
            FindEmoji(tokens, originalText, scratch);
        }

        var candidateSet = scratch.CandidateSet;
        foreach (var literal in scratch.PresentLiterals)
        {
            foreach (var q in _queriesNeeding[literal])
            {
                candidateSet.Add(q);
            }
        }

        var candidates = scratch.Candidates;
        candidateSet.TakeAscending(candidates);
        foreach (var q in candidates)
        {
            if (Evaluate(_roots[q], fields, scratch))
            {
                scratch.BeginQuery(q);
                Contribute(_roots[q], positive: true, q, fields, scratch);
                scratch.EndQuery(q);
            }
        }
    }

    /// <summary>
    /// Starts each match of a signed literal at its sign, so that its span shows what made it match
    /// (<c>#acme</c>, not <c>acme</c>). The sign is the unit that gave the word its prefix: the last
    /// before it that folding keeps. Matches of other literals start at their word, as before.
    /// </summary>
    private void WidenToSigns(ReadOnlySpan<char> text, CompiledMatchScratch scratch)
    {
        foreach (var literal in scratch.PresentLiterals)
        {
            if (!_signed[literal])
            {
                continue;
            }

            for (var o = scratch.FirstOccurrence(literal); o >= 0; o = scratch.NextOccurrence(o))
            {
                var sign = scratch.Occurrence(o).Start - 1;
                while (sign > 0 && TextFolding.Fold(text[sign]) == TextFolding.Dropped)
                {
                    sign--;
                }

                scratch.StartOccurrenceAt(o, Math.Max(sign, 0));
            }
        }
    }

    private static int SymbolCode(string symbol) => symbol.Length == 2 ? char.ConvertToUtf32(symbol[0], symbol[1]) : symbol[0];

    private static List<TValue> Group<TKey, TValue>(Dictionary<TKey, List<TValue>> groups, TKey key)
        where TKey : notnull
    {
        if (!groups.TryGetValue(key, out var group))
        {
            groups[key] = group = [];
        }

        return group;
    }

    private readonly record struct WordEntry(int Literal, WordPrefix Prefix, string[] Rest);

    private readonly record struct RawEntry(int Literal, string[] Rest);

    private readonly record struct EmojiEntry(int Literal, int[] Symbols);

    private enum NodeKind : byte
    {
        Literal,
        And,
        Or,
        Not,
        Near,
        Field,
    }

    /// <summary>
    /// A compiled node. Literal: <see cref="A"/> is the literal id. And, Or: children
    /// <c>_children[A..A+B]</c>. Not: <see cref="A"/> is the operand's node. Near: left literals
    /// <c>_nearLiterals[A..A+B]</c>, right literals <c>_nearLiterals[C..C+D]</c>.
    /// </summary>
    private readonly record struct Node(NodeKind Kind, int A, int B, int C, int D, int MaxGap, bool Ordered, FieldNode? Field);

    private sealed class Builder
    {
        private readonly Dictionary<LiteralNode, int> _ids = [];

        public List<LiteralNode> Literals { get; } = [];

        /// <summary>Per literal, the queries in which it appears under an even number of NOTs.</summary>
        public List<List<int>> QueriesNeeding { get; } = [];

        public List<Node> Nodes { get; } = [];

        public List<int> Children { get; } = [];

        public List<int> NearLiterals { get; } = [];

        public int Compile(QueryNode node, int query, bool positive)
        {
            switch (node)
            {
                case LiteralNode literal:
                    return Add(new Node(NodeKind.Literal, Id(literal, query, positive), 0, 0, 0, 0, false, null));
                case NotNode not:
                    var operand = Compile(not.Operand, query, !positive);
                    return Add(new Node(NodeKind.Not, operand, 0, 0, 0, 0, false, null));
                case AndNode or OrNode:
                    var compiled = node.Children.Select(c => Compile(c, query, positive)).ToList();
                    var first = Children.Count;
                    Children.AddRange(compiled);
                    return Add(new Node(node is AndNode ? NodeKind.And : NodeKind.Or, first, compiled.Count, 0, 0, 0, false, null));
                case NearNode near:
                    var left = NearNode.LiteralsOf(near.Left).Select(l => Id(l, query, positive)).ToList();
                    var right = NearNode.LiteralsOf(near.Right).Select(l => Id(l, query, positive)).ToList();
                    var leftStart = NearLiterals.Count;
                    NearLiterals.AddRange(left);
                    NearLiterals.AddRange(right);
                    return Add(new Node(NodeKind.Near, leftStart, left.Count, leftStart + left.Count, right.Count, near.MaxGap, near.Ordered, null));
                case FieldNode field:
                    return Add(new Node(NodeKind.Field, 0, 0, 0, 0, 0, false, field));
                default:
                    throw new ArgumentException($"unknown query node {node.GetType().Name}", nameof(node));
            }
        }

        private int Add(Node node)
        {
            Nodes.Add(node);
            return Nodes.Count - 1;
        }

        private int Id(LiteralNode literal, int query, bool positive)
        {
            if (!_ids.TryGetValue(literal, out var id))
            {
                id = Literals.Count;
                _ids[literal] = id;
                Literals.Add(literal);
                QueriesNeeding.Add([]);
            }

            var needing = QueriesNeeding[id];
            if (positive && (needing.Count == 0 || needing[^1] != query))
            {
                needing.Add(query);
            }

            return id;
        }
    }
}
