using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Query;

namespace StreamEngine.Domain.Tests.Query;

/// <summary>
/// Seeded generators of query trees and texts for property-style tests. Trees are canonical (no
/// AND directly under AND, no OR directly under OR) and always require a term, so the parser must
/// accept their printed form.
/// </summary>
internal sealed class RandomQueries(int seed)
{
    // Folded words, some of them spelling operators or field names in lower case.
    private static readonly string[] Words =
        ["acme", "corp", "globex", "deal", "cafe", "straße", "東京", "ж", "x1", "_a", "2026", "and", "or", "not", "near", "raw", "lang", "øre"];

    private static readonly string[] RawWords = ["Acme", "ACME", "Café", "Straße", "東京", "iPhone", "O2", "corp"];

    private static readonly string[] Symbols = ["🔥", "👍", "❤", "™", "🇺", "🇸", "😀"];

    private const string PatternLetters = "acmeorpgløß中";

    private readonly Random _random = new(seed);

    public QueryNode Required(int depth)
    {
        var choice = depth <= 0 ? _random.Next(2) : _random.Next(6);
        return choice switch
        {
            0 => Literal(),
            1 => Proximity(),
            2 => And([Required(depth - 1), .. Many(depth - 1, Any)]),
            3 => Or(Many(depth - 1, Required)),
            4 => new NotNode(new NotNode(Required(depth - 1))),
            _ => Required(depth - 1),
        };
    }

    public QueryNode Any(int depth)
    {
        var choice = depth <= 0 ? _random.Next(3) : _random.Next(6);
        return choice switch
        {
            0 => Literal(),
            1 => Field(),
            2 => Proximity(),
            3 => new NotNode(Any(depth - 1)),
            4 => And(Many(depth - 1, Any)),
            _ => Or(Many(depth - 1, Any)),
        };
    }

    public LiteralNode Literal()
    {
        var prefix = (WordPrefix)_random.Next(4);
        switch (_random.Next(7))
        {
            case 0:
            case 1:
                return new TermNode(prefix, Word());
            case 2:
                return new PhraseNode(new ValueArray<string>(Enumerable.Range(0, _random.Next(2, 4)).Select(_ => Word())));
            case 3:
                return new WildcardNode(prefix, Pattern());
            case 4:
                var word = Word();
                var edits = _random.Next(1, 3);
                return word.Length > edits ? new FuzzyNode(prefix, word, edits) : new TermNode(prefix, word);
            case 5:
                return new RawNode(new ValueArray<string>(Enumerable.Range(0, _random.Next(1, 3)).Select(_ => RawWords[_random.Next(RawWords.Length)])));
            default:
                return new EmojiNode(new ValueArray<string>(Enumerable.Range(0, _random.Next(1, 3)).Select(_ => Symbols[_random.Next(Symbols.Length)])));
        }
    }

    public FieldNode Field() => _random.Next(6) switch
    {
        0 => new NetworkField((Network)_random.Next(1, 12)),
        1 => new LangField(_random.Next(2) == 0 ? "en" : "pt"),
        2 => new CountryField(_random.Next(2) == 0 ? "US" : "GB"),
        3 => new AuthorField(_random.Next(2) == 0 ? "jo" : "acme.official"),
        4 => new FollowersField((FollowersComparison)_random.Next(5), _random.Next(3) == 0 ? long.MaxValue : _random.Next(0, 5000)),
        _ => new VerifiedField(_random.Next(2) == 0),
    };

    public NearNode Proximity()
    {
        var gap = _random.Next(10) == 0 ? int.MaxValue : _random.Next(0, 6);
        return new NearNode(ProximityOperand(), ProximityOperand(), gap, ordered: _random.Next(2) == 0);
    }

    public PostFields Fields() => new(
        (Network)_random.Next(0, 12),
        _random.Next(3) switch { 0 => null, 1 => "en", _ => "pt" },
        _random.Next(3) switch { 0 => null, 1 => "US", _ => "GB" },
        _random.Next(3) switch { 0 => null, 1 => "Jo", _ => "@acme.official" },
        _random.Next(3) == 0 ? 0 : _random.Next(0, 5000),
        _random.Next(2) == 0);

    /// <summary>
    /// A text of the words and symbols the queries use, with prefixes, accents, widths and
    /// punctuation, and now and then one of <paramref name="literals"/> written out, so that queries
    /// built of them match often enough.
    /// </summary>
    public string Text(IReadOnlyList<LiteralNode>? literals = null)
    {
        string[] pieces =
        [
            "acme", "ACME", "ＡＣＭＥ", "corp", "Corp.", "globex", "deal", "Café", "cafe\u0301", "straße", "東京", "ж", "x1", "_a",
            "2026", "and", "or", "not", "near", "raw", "lang", "øre", "Acme", "iPhone", "O2", "acmes", "corpo", "glob", "acne",
            "🔥", "👍🏽", "❤️", "™", "🇺🇸", "😀", "中", "gløß",
        ];
        string[] before = ["", "", "", "#", "@", "$", "(", "\""];
        string[] after = [" ", " ", " ", ", ", ". ", "-", "\n", "! ", ""];
        var count = _random.Next(0, 30);
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var piece = literals is { Count: > 0 } && _random.Next(4) == 0
                ? WrittenOut(literals[_random.Next(literals.Count)])
                : pieces[_random.Next(pieces.Length)];
            text.Append(before[_random.Next(before.Length)]).Append(piece).Append(after[_random.Next(after.Length)]);
        }

        return text.ToString();
    }

    /// <summary>Text a literal may match: its words, with the wildcards filled in and the prefix written.</summary>
    private string WrittenOut(LiteralNode literal) => literal switch
    {
        TermNode t => t.Prefix.ToText() + t.Word,
        PhraseNode p => string.Join(' ', p.Words),
        WildcardNode w => w.Prefix.ToText() + w.Pattern.Replace("*", _random.Next(2) == 0 ? "" : "zz", StringComparison.Ordinal).Replace('?', 'q'),
        FuzzyNode f => f.Prefix.ToText() + (_random.Next(2) == 0 ? f.Word : f.Word[1..]),
        RawNode r => string.Join(' ', r.Words),
        EmojiNode e => string.Concat(e.Symbols),
        _ => "",
    };

    private QueryNode ProximityOperand()
    {
        if (_random.Next(3) > 0)
        {
            return Literal();
        }

        return new OrNode(new ValueArray<QueryNode>(Enumerable.Range(0, _random.Next(2, 4)).Select(_ => (QueryNode)Literal())));
    }

    private string Word() => Words[_random.Next(Words.Length)];

    private string Pattern()
    {
        while (true)
        {
            var chars = new System.Text.StringBuilder();
            var length = _random.Next(1, 6);
            for (var i = 0; i < length; i++)
            {
                var r = _random.Next(5);
                var c = r == 0 ? '*' : r == 1 ? '?' : PatternLetters[_random.Next(PatternLetters.Length)];
                if (c == '*' && chars.Length > 0 && chars[^1] == '*')
                {
                    continue;
                }

                chars.Append(c);
            }

            var pattern = chars.ToString();
            if (pattern.Any(c => c is '*' or '?') && pattern.Any(c => c is not ('*' or '?')))
            {
                return pattern;
            }
        }
    }

    private List<QueryNode> Many(int depth, Func<int, QueryNode> make) =>
        Enumerable.Range(0, _random.Next(2, 4)).Select(_ => make(depth)).ToList();

    private static AndNode And(List<QueryNode> operands) =>
        new(new ValueArray<QueryNode>(operands.SelectMany(o => o is AndNode and ? and.Operands : (IEnumerable<QueryNode>)[o])));

    private static OrNode Or(List<QueryNode> operands) =>
        new(new ValueArray<QueryNode>(operands.SelectMany(o => o is OrNode or ? or.Operands : (IEnumerable<QueryNode>)[o])));
}
