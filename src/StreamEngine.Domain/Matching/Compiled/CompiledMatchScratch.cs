using System.Runtime.InteropServices;
using StreamEngine.Domain.Text;

namespace StreamEngine.Domain.Matching.Compiled;

/// <summary>
/// Per-thread working memory of a <see cref="CompiledMatcher"/>, and where the result of the last
/// post matched is read: <see cref="Queries"/>, <see cref="FirstMention"/>, <see cref="HitsOf"/>,
/// <see cref="Spans"/>. Every buffer is reused from post to post (grown to the largest post seen),
/// and per-post marks are generation stamps, so steady-state matching allocates nothing and
/// nothing of one post leaks into the next. Not thread-safe: one instance per thread. It may be
/// used with several matchers; switching matchers re-sizes it.
/// </summary>
public sealed class CompiledMatchScratch
{
    private readonly List<int> _matched = [];
    private readonly List<CompiledHit> _hits = [];

    private CompiledMatcher? _owner;

    // Occurrences of literals: a singly linked list per literal, valid when its stamp is this generation.
    private int[] _literalStamp = [];
    private int[] _head = [];
    private Occurrence[] _occurrences = new Occurrence[64];
    private int[] _next = new int[64];
    private int[] _hitStamp = new int[64];
    private int _occurrenceCount;
    private int _hitGeneration;

    // One side of a proximity: each literal's occurrences in text order, literal k's ending at
    // _sideEnds[k], so that a match finds its nearest partners by binary search.
    private Occurrence[] _side = new Occurrence[64];
    private int[] _sideEnds = new int[8];

    private EmojiToken[] _emoji = new EmojiToken[16];
    private int _emojiCount;

    // The indexes of the words of a post that pass the WordScreen.
    private int[] _screened = new int[64];

    // Results per query, valid when the matched stamp is this generation.
    private int[] _matchedStamp = [];
    private int[] _firstStart = [];
    private int[] _hitStart = [];
    private int[] _hitCount = [];

    private (int Start, int End)[] _spans = new (int, int)[16];

    /// <summary>The tokens of the last text matched through <see cref="CompiledMatcher.Match(ReadOnlySpan{char}, Query.PostFields, CompiledMatchScratch)"/>.</summary>
    public TokenizedText Tokens { get; } = new();

    /// <summary>The queries the last post matched, in ascending query index.</summary>
    public IReadOnlyList<int> Queries => _matched;

    /// <summary><see cref="Queries"/> as a span, read without an interface call or a boxed enumerator.</summary>
    internal ReadOnlySpan<int> MatchedQueries => CollectionsMarshal.AsSpan(_matched);

    /// <summary>Every hit of every matched query, grouped by query in the order of <see cref="Queries"/>.</summary>
    public IReadOnlyList<CompiledHit> Hits => _hits;

    internal int Generation { get; private set; }

    internal List<int> PresentLiterals { get; } = [];

    internal List<int> Candidates { get; } = [];

    internal CandidateQueries CandidateSet { get; private set; } = new(0);

    internal int[] NodeStamp { get; private set; } = [];

    internal bool[] NodeValue { get; private set; } = [];

    internal int[] FuzzyRows { get; private set; } = [];

    /// <summary>Per fuzzy term, the last word (<see cref="FuzzyWord"/>) it was tried against: a word reaches a term through several of its deletions.</summary>
    internal int[] FuzzyVisits { get; private set; } = [];

    internal int FuzzyWord { get; private set; }

    internal char[] NormalizeBuffer { get; set; } = new char[64];

    internal ReadOnlySpan<EmojiToken> EmojiTokens => _emoji.AsSpan(0, _emojiCount);

    /// <summary>Whether the last post matched <paramref name="query"/>.</summary>
    public bool IsMatch(int query) => (uint)query < (uint)_matchedStamp.Length && _matchedStamp[query] == Generation && Generation != 0;

    /// <summary>
    /// Where the first hit of <paramref name="query"/> starts in the text, a UTF-16 offset (where it
    /// is first mentioned, for aspect sentiment); -1 when it did not match.
    /// </summary>
    public int FirstMention(int query) => IsMatch(query) ? _firstStart[query] : -1;

    /// <summary>The hits of <paramref name="query"/>: the matches of positive literals that made it match; empty when it did not.</summary>
    public ReadOnlySpan<CompiledHit> HitsOf(int query) =>
        IsMatch(query) ? CollectionsMarshal.AsSpan(_hits).Slice(_hitStart[query], _hitCount[query]) : [];

    /// <summary>
    /// The UTF-16 [start, end) spans of the original text that made <paramref name="query"/> match,
    /// sorted, overlapping or touching hits joined: the same as ReferenceEvaluator.Spans. Valid until
    /// the next call.
    /// </summary>
    public ReadOnlySpan<(int Start, int End)> Spans(int query)
    {
        var hits = HitsOf(query);
        if (_spans.Length < hits.Length)
        {
            _spans = new (int, int)[Math.Max(hits.Length, _spans.Length * 2)];
        }

        for (var i = 0; i < hits.Length; i++)
        {
            _spans[i] = (hits[i].Start, hits[i].End);
        }

        var spans = _spans.AsSpan(0, hits.Length);
        spans.Sort();
        var count = 0;
        foreach (var span in spans)
        {
            if (count > 0 && span.Start <= spans[count - 1].End)
            {
                spans[count - 1].End = Math.Max(spans[count - 1].End, span.End);
            }
            else
            {
                spans[count++] = span;
            }
        }

        return spans[..count];
    }

    /// <summary>Room for the indexes of the words of a post that pass the matcher's first test.</summary>
    internal Span<int> ScreenedWords(int words)
    {
        if (_screened.Length < words)
        {
            _screened = new int[Math.Max(words, _screened.Length * 2)];
        }

        return _screened;
    }

    internal void Begin(CompiledMatcher matcher)
    {
        if (!ReferenceEquals(_owner, matcher))
        {
            _owner = matcher;
            _literalStamp = new int[matcher.LiteralCount];
            _head = new int[matcher.LiteralCount];
            CandidateSet = new CandidateQueries(matcher.QueryCount);
            _matchedStamp = new int[matcher.QueryCount];
            _firstStart = new int[matcher.QueryCount];
            _hitStart = new int[matcher.QueryCount];
            _hitCount = new int[matcher.QueryCount];
            NodeStamp = new int[matcher.NodeCount];
            NodeValue = new bool[matcher.NodeCount];
            FuzzyRows = new int[2 * (matcher.MaxFuzzyLength + 1)];
            FuzzyVisits = new int[matcher.FuzzyCount];
            FuzzyWord = 0;
            Generation = 0;
        }

        if (Generation == int.MaxValue)
        {
            Array.Clear(_literalStamp);
            Array.Clear(_matchedStamp);
            Array.Clear(NodeStamp);
            Generation = 0;
        }

        Generation++;
        _occurrenceCount = 0;
        _emojiCount = 0;
        PresentLiterals.Clear();
        Candidates.Clear();
        _matched.Clear();
        _hits.Clear();
    }

    /// <summary>Starts trying the fuzzy terms against another word; returns <see cref="FuzzyVisits"/>.</summary>
    internal int[] BeginFuzzyWord()
    {
        if (FuzzyWord == int.MaxValue)
        {
            Array.Clear(FuzzyVisits);
            FuzzyWord = 0;
        }

        FuzzyWord++;
        return FuzzyVisits;
    }

    internal void AddOccurrence(int literal, int start, int end, int wordsBefore, int wordsThrough)
    {
        if (_literalStamp[literal] != Generation)
        {
            _literalStamp[literal] = Generation;
            _head[literal] = -1;
            PresentLiterals.Add(literal);
        }

        if (_occurrenceCount == _occurrences.Length)
        {
            Array.Resize(ref _occurrences, _occurrences.Length * 2);
            Array.Resize(ref _next, _next.Length * 2);
            Array.Resize(ref _hitStamp, _hitStamp.Length * 2);
        }

        var index = _occurrenceCount++;
        _occurrences[index] = new Occurrence(start, end, wordsBefore, wordsThrough);
        _hitStamp[index] = 0;
        _next[index] = _head[literal];
        _head[literal] = index;
    }

    internal void StartOccurrenceAt(int occurrence, int start) => _occurrences[occurrence] = _occurrences[occurrence] with { Start = start };

    internal bool IsPresent(int literal) => _literalStamp[literal] == Generation;

    internal int FirstOccurrence(int literal) => IsPresent(literal) ? _head[literal] : -1;

    internal int NextOccurrence(int occurrence) => _next[occurrence];

    internal Occurrence Occurrence(int index) => _occurrences[index];

    /// <summary>Lays out the occurrences of <paramref name="literals"/> for <see cref="SideOccurrences"/>, replacing the side laid out before.</summary>
    internal void LayOutSide(ReadOnlySpan<int> literals)
    {
        if (_sideEnds.Length < literals.Length)
        {
            _sideEnds = new int[Math.Max(literals.Length, _sideEnds.Length * 2)];
        }

        var written = 0;
        for (var k = 0; k < literals.Length; k++)
        {
            var count = 0;
            for (var o = FirstOccurrence(literals[k]); o >= 0; o = _next[o])
            {
                count++;
            }

            if (_side.Length < written + count)
            {
                Array.Resize(ref _side, Math.Max(written + count, _side.Length * 2));
            }

            // Each list holds the latest occurrence first: written back to front, they come out in text order.
            var at = written + count;
            for (var o = FirstOccurrence(literals[k]); o >= 0; o = _next[o])
            {
                _side[--at] = _occurrences[o];
            }

            written += count;
            _sideEnds[k] = written;
        }
    }

    /// <summary>The occurrences of the <paramref name="k"/>-th literal of the side laid out last, in text order.</summary>
    internal ReadOnlySpan<Occurrence> SideOccurrences(int k)
    {
        var start = k == 0 ? 0 : _sideEnds[k - 1];
        return _side.AsSpan(start, _sideEnds[k] - start);
    }

    internal void AddEmoji(EmojiToken token)
    {
        if (_emojiCount == _emoji.Length)
        {
            Array.Resize(ref _emoji, _emoji.Length * 2);
        }

        _emoji[_emojiCount++] = token;
    }

    internal void BeginQuery(int query)
    {
        if (_hitGeneration == int.MaxValue)
        {
            Array.Clear(_hitStamp);
            _hitGeneration = 0;
        }

        _hitGeneration++;
        _matchedStamp[query] = Generation;
        _matched.Add(query);
        _hitStart[query] = _hits.Count;
        _firstStart[query] = -1;
    }

    internal void AddHit(int query, int literal, int occurrence)
    {
        if (_hitStamp[occurrence] == _hitGeneration)
        {
            return;
        }

        _hitStamp[occurrence] = _hitGeneration;
        var o = _occurrences[occurrence];
        var words = o.WordsThrough - o.WordsBefore;
        var first = words == 0 ? -1 : o.WordsBefore;
        _hits.Add(new CompiledHit(query, literal, first, words, o.Start, o.End));
        if (_firstStart[query] < 0 || o.Start < _firstStart[query])
        {
            _firstStart[query] = o.Start;
        }
    }

    internal void EndQuery(int query) => _hitCount[query] = _hits.Count - _hitStart[query];
}
