using StreamEngine.Domain.Text;

namespace StreamEngine.Domain.Threats;

/// <summary>Which section of the pattern list a pattern came from.</summary>
internal enum PatternKind : byte
{
    Threat = 1,
    Call,
    Ignore,
}

/// <summary>One slot of a pattern: a set of words, any word, or a brand name; optional or not.</summary>
internal sealed record PatternSlot(string[] Words, bool Any, bool Brand, bool Optional);

internal sealed record ThreatPattern(PatternKind Kind, PatternSlot[] Slots, string Text, int Line);

/// <summary>
/// The threat and call-to-attack patterns (<c>Data/threat_patterns.txt</c>, embedded; its header
/// documents the syntax). Patterns are indexed by the words of their first slot, so a post costs one
/// hash look-up per word until one of those words turns up.
/// </summary>
public sealed class ThreatPatterns
{
    internal const string Resource = "StreamEngine.Domain.Threats.Data.threat_patterns.txt";

    private readonly Dictionary<string, ThreatPattern[]>.AlternateLookup<ReadOnlySpan<char>> _byFirst;

    private ThreatPatterns(List<ThreatPattern> patterns)
    {
        Ignores = patterns.Where(p => p.Kind == PatternKind.Ignore).ToArray();
        Count = patterns.Count - Ignores.Length;
        _byFirst = patterns
            .Where(p => p.Kind != PatternKind.Ignore)
            .SelectMany(p => p.Slots[0].Words.Select(w => (Word: w, Pattern: p)))
            .GroupBy(x => x.Word, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Pattern).Distinct().ToArray(), StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        Vocabulary = patterns
            .Where(p => p.Kind != PatternKind.Ignore)
            .SelectMany(p => p.Slots.SelectMany(s => s.Words))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Every word a threat or call pattern names in a slot of its own.</summary>
    internal IReadOnlySet<string> Vocabulary { get; }

    /// <summary>Threat and call patterns, ignores not counted.</summary>
    public int Count { get; }

    internal ThreatPattern[] Ignores { get; }

    /// <summary>The list embedded in this assembly.</summary>
    public static ThreatPatterns Load()
    {
        using var reader = EmbeddedText.Open(Resource);
        return Parse(reader);
    }

    public static ThreatPatterns Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var patterns = new List<ThreatPattern>();
        PatternKind? kind = null;
        var number = 0;
        while (reader.ReadLine() is { } raw)
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line[0] == '[')
            {
                kind = line switch
                {
                    "[threat]" => PatternKind.Threat,
                    "[call]" => PatternKind.Call,
                    "[ignore]" => PatternKind.Ignore,
                    _ => throw new FormatException($"threat patterns line {number}: '{line}' is not [threat], [call] or [ignore]"),
                };
                continue;
            }

            if (kind is null)
            {
                throw new FormatException($"threat patterns line {number}: a pattern before any section");
            }

            var slots = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => Slot(s, number)).ToArray();
            if (slots[0].Optional || slots[0].Any || slots[0].Brand)
            {
                throw new FormatException($"threat patterns line {number}: the first slot must be a word or words");
            }

            patterns.Add(new ThreatPattern(kind.Value, slots, line, number));
        }

        return new ThreatPatterns(patterns);
    }

    /// <summary>The patterns whose first slot holds <paramref name="word"/>.</summary>
    internal ReadOnlySpan<ThreatPattern> StartingWith(ReadOnlySpan<char> word) =>
        _byFirst.TryGetValue(word, out var patterns) ? patterns : default;

    private static PatternSlot Slot(string text, int line)
    {
        var optional = text.Length > 2 && text[0] == '(' && text[^1] == ')';
        var body = optional ? text[1..^1] : text;
        if (body == "*")
        {
            return new PatternSlot([], Any: true, Brand: false, optional);
        }

        var alternatives = body.Split('|');
        var brand = alternatives.Contains("{brand}");
        var words = alternatives.Where(w => w != "{brand}").Select(w =>
        {
            var split = ThreatWords.Split(w);
            return split.Length == 1
                ? split[0]
                : throw new FormatException($"threat patterns line {line}: '{w}' is not one word as posts are read");
        }).ToArray();
        return new PatternSlot(words, Any: false, brand, optional);
    }
}
