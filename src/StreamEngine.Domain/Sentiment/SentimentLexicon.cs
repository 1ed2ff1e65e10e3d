using System.Globalization;
using StreamEngine.Domain.Matching;
using StreamEngine.Domain.Text;

namespace StreamEngine.Domain.Sentiment;

/// <summary>
/// VADER's valence lexicon merged with the rule words: one look-up of a token's folded form answers
/// its valence and every part it plays. Immutable and shared by every thread.
/// </summary>
internal sealed class SentimentLexicon
{
    private readonly FormTable<TermTraits> _terms;

    private SentimentLexicon(Dictionary<string, TermTraits> terms) => _terms = new FormTable<TermTraits>(terms);

    public int Count => _terms.Count;

    /// <summary>
    /// Reads lines of token TAB mean valence TAB …. VADER looks tokens up lower-cased, so an entry
    /// with capitals (":D", "O.o") is read only when no lower-case entry folds to the same form;
    /// a repeated entry replaces the earlier one. <paramref name="emotionWords"/>, when given, are
    /// merged in as they are written, the form an emotion detector looks them up by.
    /// </summary>
    public static SentimentLexicon Parse(TextReader reader, IReadOnlyDictionary<string, Emotions>? emotionWords = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var valences = new Dictionary<string, double>(StringComparer.Ordinal);
        var exact = new HashSet<string>(StringComparer.Ordinal);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var fields = line.Split('\t');
            if (fields.Length < 2 || fields[0].Length == 0)
            {
                continue;
            }

            if (!double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var valence))
            {
                throw new FormatException($"sentiment lexicon line {lineNumber}: '{fields[1]}' is not a valence");
            }

            var form = Fold(fields[0]);
            var isExact = form == fields[0];
            if (isExact || !exact.Contains(form))
            {
                valences[form] = valence;
            }

            if (isExact)
            {
                exact.Add(form);
            }
        }

        var terms = new Dictionary<string, TermTraits>(StringComparer.Ordinal);
        foreach (var (form, valence) in valences)
        {
            terms[form] = new TermTraits(valence, TermRole.Valenced);
        }

        foreach (var word in ModifierWords.Negations)
        {
            Add(terms, word, TermRole.Negation);
        }

        foreach (var word in ModifierWords.Boosters)
        {
            Add(terms, word, TermRole.Booster);
        }

        foreach (var word in ModifierWords.Dampeners)
        {
            Add(terms, word, TermRole.Dampener);
        }

        foreach (var (word, role) in ModifierWords.RoleWords())
        {
            Add(terms, word, role);
        }

        var idioms = ModifierWords.Idioms;
        if (idioms.Length * Idiom.MaxWords > 32 || idioms.Any(i => i.Words.Length > Idiom.MaxWords))
        {
            throw new InvalidOperationException($"idioms' places must fit 32 bits: at most {32 / Idiom.MaxWords} idioms of at most {Idiom.MaxWords} words");
        }

        for (var idiom = 0; idiom < idioms.Length; idiom++)
        {
            for (var position = 0; position < idioms[idiom].Words.Length; position++)
            {
                var word = idioms[idiom].Words[position];
                Add(terms, word, TermRole.IdiomWord);
                terms[word] = terms[word] with { IdiomPlaces = terms[word].IdiomPlaces | Idiom.Place(idiom, position) };
            }
        }

        foreach (var (word, emotions) in emotionWords ?? new Dictionary<string, Emotions>())
        {
            terms.TryGetValue(word, out var traits);
            terms[word] = traits with { Emotions = traits.Emotions | emotions };
        }

        return new SentimentLexicon(terms);
    }

    /// <summary>
    /// Roles <see cref="Find"/> gives a token whatever its form. A token with no others is in no
    /// entry, or is a negation word ("not"); the stretch look-up leaves the latter as it is, since
    /// it has no letter three times in a row.
    /// </summary>
    public const TermRole TokenRoles = TermRole.AllCaps | TermRole.Negation;

    /// <summary>
    /// The traits of a token: those of its form, plus <see cref="TermRole.Negation"/> for any form
    /// with "n't" and <see cref="TermRole.AllCaps"/> for a token in capitals.
    /// </summary>
    public TermTraits Find(ReadOnlySpan<char> form, bool hasApostrophe, bool allCaps)
    {
        _terms.TryGetValue(form, out var traits);
        var extra = allCaps ? TermRole.AllCaps : TermRole.None;
        if (hasApostrophe && form.Contains("n't", StringComparison.Ordinal))
        {
            extra |= TermRole.Negation;
        }

        return extra == TermRole.None ? traits : traits with { Roles = traits.Roles | extra };
    }

    /// <summary>
    /// The traits of a form in no entry, <paramref name="found"/> by <see cref="Find"/>, when it
    /// stretches one: that entry's, with its cuts tried from the least, all stretches to three
    /// letters ("yeeeees" is "yeees"), then each to two or one, twos first ("goooood" is "good",
    /// "sooo" is "so", "hellllooo" is "hello"). Otherwise <paramref name="found"/>.
    /// </summary>
    public TermTraits FindStretched(ReadOnlySpan<char> form, TermTraits found)
    {
        var stretches = Elongation.Stretches(form);
        if (stretches == 0)
        {
            return found;
        }

        Span<char> cut = stackalloc char[Elongation.LongestCut];
        var choices = 1 << Math.Min(stretches, Elongation.MostStretchesTried);
        for (var choice = -1; choice < choices; choice++)
        {
            var length = choice < 0
                ? Elongation.Cut(form, toThree: true, 0, cut)
                : Elongation.Cut(form, toThree: false, choice, cut);
            if (length >= 0 && _terms.TryGetValue(cut[..length], out var traits))
            {
                return traits with { Roles = traits.Roles | found.Roles, Emotions = traits.Emotions | found.Emotions };
            }
        }

        return found;
    }

    /// <summary>
    /// Whether <paramref name="word"/>, folded as posts' tokens are, plays any part in scoring: a
    /// valence, a role (negation, booster, idiom word, …) or an emotion, as written or stretched.
    /// </summary>
    public bool HasPart(string word)
    {
        var form = Fold(word);
        var traits = FindStretched(form, Find(form, form.Contains('\''), allCaps: false));
        return (traits.Roles & ~TermRole.AllCaps) != 0 || traits.Emotions != Emotions.None;
    }

    private static void Add(Dictionary<string, TermTraits> terms, string word, TermRole role)
    {
        terms.TryGetValue(word, out var traits);
        terms[word] = traits with { Roles = traits.Roles | role };
    }

    private static string Fold(string token)
    {
        Span<char> folded = stackalloc char[token.Length];
        var length = 0;
        foreach (var c in token)
        {
            var f = TextFolding.Fold(c);
            if (f != TextFolding.Dropped)
            {
                folded[length++] = f;
            }
        }

        return new string(folded[..length]);
    }
}
