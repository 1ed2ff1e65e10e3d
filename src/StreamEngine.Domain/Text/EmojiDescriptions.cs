namespace StreamEngine.Domain.Text;

/// <summary>
/// Emoji and their English descriptions (VADER's emoji_utf8_lexicon.txt). VADER scores an emoji
/// through the words of its description ("😂" reads "face with tears of joy"), so each description
/// is cut into sentiment tokens once, here, and the tokenizer copies them in per post.
/// Immutable and shared by every thread.
/// </summary>
public sealed class EmojiDescriptions
{
    internal const string ResourceName = "StreamEngine.Domain.Sentiment.Data.emoji_utf8_lexicon.txt";

    private static readonly Lazy<EmojiDescriptions> Shipped = new(() =>
    {
        using var reader = EmbeddedText.Open(ResourceName);
        return Parse(reader);
    });

    // One bit per UTF-16 unit that starts some emoji: most characters are ruled out by one read.
    private readonly ulong[] _startBits = new ulong[65536 / 64];
    private readonly Dictionary<int, int[]> _byFirstCodePoint = [];
    private readonly string[] _emoji;
    private readonly string[] _descriptions;
    private readonly int[] _firstWord;
    private readonly TokenizedText.TokenSpan[] _words;
    private readonly char[] _chars;

    private EmojiDescriptions(IReadOnlyList<(string Emoji, string Description)> entries)
    {
        _emoji = new string[entries.Count];
        _descriptions = new string[entries.Count];
        _firstWord = new int[entries.Count + 1];
        var words = new List<TokenizedText.TokenSpan>();
        var chars = new List<char>();
        var candidates = new Dictionary<int, List<int>>();
        var cutter = entries.Count == 0 ? null : new TokenizedText(None);
        for (var e = 0; e < entries.Count; e++)
        {
            var (emoji, description) = entries[e];
            _emoji[e] = emoji;
            _descriptions[e] = description;
            _firstWord[e] = words.Count;

            // A flag is described by its country's name, and names are not sentiment ("United
            // Kingdom" would read as positive): a flag adds no words. VADER's reference, reading
            // one code point at a time, finds only the flag's letters, which carry none either.
            cutter!.Tokenize(IsFlag(emoji) ? "" : description);
            for (var t = 0; t < cutter.TokenCount; t++)
            {
                var form = cutter.Token(t);
                var flags = cutter.IsAllCaps(t) ? TokenizedText.TokenFlags.AllCaps : TokenizedText.TokenFlags.None;
                words.Add(new TokenizedText.TokenSpan(chars.Count, form.Length, 0, 0, flags));
                chars.AddRange(form);
            }

            var first = char.ConvertToUtf32(emoji, 0);
            if (!candidates.TryGetValue(first, out var list))
            {
                candidates[first] = list = [];
            }

            list.Add(e);
            _startBits[emoji[0] >> 6] |= 1UL << (emoji[0] & 63);
        }

        _firstWord[entries.Count] = words.Count;
        _words = [.. words];
        _chars = [.. chars];
        foreach (var (first, list) in candidates)
        {
            // Longest first, so "👍🏽" wins over "👍" and a flag over its first regional indicator.
            _byFirstCodePoint[first] = [.. list.OrderByDescending(e => _emoji[e].Length)];
        }
    }

    /// <summary>Two regional indicators (🇬🇧), or a black flag with tag characters (🏴󠁧󠁢󠁳󠁣󠁴󠁿).</summary>
    private static bool IsFlag(string emoji)
    {
        var first = char.ConvertToUtf32(emoji, 0);
        return first is >= 0x1F1E6 and <= 0x1F1FF
            || (first == 0x1F3F4 && emoji.Length > 2 && char.IsSurrogatePair(emoji, 2) && char.ConvertToUtf32(emoji, 2) is >= 0xE0020 and <= 0xE007F);
    }

    /// <summary>No emoji: every character is read as text.</summary>
    public static EmojiDescriptions None { get; } = new([]);

    /// <summary>The emoji lexicon shipped with VADER, embedded in this assembly.</summary>
    public static EmojiDescriptions Default => Shipped.Value;

    public int Count => _emoji.Length;

    /// <summary>
    /// Reads lines of emoji TAB description. Only emoji starting with a supplementary character,
    /// ©, ® or a unit in U+2000..U+32FF are read, which is every emoji but the keycaps ("1️⃣",
    /// "#️⃣"): digits and '#' are text far more often, and keycaps carry no sentiment. Checking only
    /// those units keeps the look-up off the path of ordinary text.
    /// </summary>
    public static EmojiDescriptions Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var entries = new List<(string, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0 || !CharTraits.MayStartEmoji(line[0]))
            {
                continue;
            }

            var emoji = line[..tab];
            if (seen.Add(emoji))
            {
                entries.Add((emoji, line[(tab + 1)..].Trim()));
            }
        }

        return new EmojiDescriptions(entries);
    }

    /// <summary>The description of an emoji, or null when it is not in the lexicon.</summary>
    public string? Describe(ReadOnlySpan<char> emoji) =>
        !emoji.IsEmpty && TryMatch(emoji, 0, out var length, out var entry) && length == emoji.Length
            ? _descriptions[entry]
            : null;

    internal ReadOnlySpan<char> DescriptionChars => _chars;

    internal bool MayStartAt(char c) => (_startBits[c >> 6] & (1UL << (c & 63))) != 0;

    internal ReadOnlySpan<TokenizedText.TokenSpan> DescriptionWords(int entry) =>
        _words.AsSpan(_firstWord[entry], _firstWord[entry + 1] - _firstWord[entry]);

    /// <summary>How many words all the descriptions have together.</summary>
    internal int DescriptionWordCount => _words.Length;

    /// <summary>The index of the first word of <paramref name="entry"/>'s description among all the descriptions' words.</summary>
    internal int FirstWordOf(int entry) => _firstWord[entry];

    /// <summary>The look-up form of word <paramref name="word"/> of all the descriptions' words.</summary>
    internal ReadOnlySpan<char> DescriptionWordForm(int word) => _chars.AsSpan(_words[word].FormStart, _words[word].FormLength);

    /// <summary>The flags of word <paramref name="word"/> of all the descriptions' words (capitals only: a description is cut once, here).</summary>
    internal TokenizedText.TokenFlags DescriptionWordFlags(int word) => _words[word].Flags;

    /// <summary>The characters of all the description's words together.</summary>
    internal int DescriptionLength(int entry)
    {
        var words = DescriptionWords(entry);
        return words.IsEmpty ? 0 : words[^1].FormStart + words[^1].FormLength - words[0].FormStart;
    }

    /// <summary>
    /// Finds the longest emoji starting at <paramref name="at"/>. The length answered also covers
    /// the presentation selectors, skin tones, joiners and tags that trail it when the lexicon has no
    /// entry for the whole sequence: they refine the picture, not its sentiment.
    /// </summary>
    internal bool TryMatch(ReadOnlySpan<char> text, int at, out int length, out int entry)
    {
        var c = text[at];
        var first = char.IsHighSurrogate(c) && at + 1 < text.Length && char.IsLowSurrogate(text[at + 1])
            ? char.ConvertToUtf32(c, text[at + 1])
            : c;
        if (_byFirstCodePoint.TryGetValue(first, out var candidates))
        {
            var rest = text[at..];
            foreach (var candidate in candidates)
            {
                if (rest.StartsWith(_emoji[candidate], StringComparison.Ordinal))
                {
                    entry = candidate;
                    length = _emoji[candidate].Length;
                    while (at + length < text.Length && TrailingModifierLength(text[(at + length)..]) is > 0 and var n)
                    {
                        length += n;
                    }

                    return true;
                }
            }
        }

        entry = -1;
        length = 0;
        return false;
    }

    private static int TrailingModifierLength(ReadOnlySpan<char> text)
    {
        var c = text[0];
        if (c is '\uFE0E' or '\uFE0F' or '\u200D' or '\u20E3')
        {
            return 1;
        }

        if (text.Length < 2)
        {
            return 0;
        }

        // Skin tones U+1F3FB..U+1F3FF and tag characters U+E0020..U+E007F (subdivision flags).
        var low = text[1];
        return (c == '\uD83C' && low is >= '\uDFFB' and <= '\uDFFF') || (c == '\uDB40' && low is >= '\uDC20' and <= '\uDC7F')
            ? 2
            : 0;
    }
}
