using System.Globalization;
using System.Text;
using StreamEngine.Domain.Model;

namespace StreamEngine.LoadGenerator.Firehose;

/// <summary>
/// Writes a model.yaml with any number of brands and concept terms, for runs at scale: brand names
/// and concept words are made-up, pronounceable and distinct, brands come in competitor sets of
/// four, and each concept holds <c>termsPerConcept</c> terms (every fifth one a two-word phrase).
/// The text goes through the engine's own <see cref="ModelLoader"/>, so it is exactly what the host reads.
/// </summary>
public static class ModelSynthesizer
{
    private static readonly string[] Onsets = ["b", "br", "c", "cl", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "kr", "l", "m", "n", "p", "pl", "qu", "r", "s", "st", "t", "tr", "v", "w", "z"];
    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "ai", "ou", "ea"];
    private static readonly string[] Codas = ["", "n", "r", "x", "l", "m", "s", "k", "th", "nd"];
    private static readonly string[] BrandSuffixes = ["labs", "foods", "coffee", "motors", "bank", "air", "mobile", "store", "beauty", "games"];

    public static string Yaml(int brands, int conceptTerms, int termsPerConcept = 10, int seed = 7)
    {
        if (brands < 1)
        {
            throw new ArgumentException("a model needs at least one brand", nameof(brands));
        }

        var random = new Random(seed);
        // Words the post templates use are taken already, so filler text never matches a made-up term by chance.
        var used = Phrasebook.ByLanguage.Values
            .SelectMany(b => b.Openers.Concat(b.Positive).Concat(b.Negative).Concat(b.Neutral).Concat(b.Connectors).Concat(b.OffTopic).Concat(b.Filler))
            .SelectMany(p => p.Split([' ', ',', ':', '\'', '!', '?', '/'], StringSplitOptions.RemoveEmptyEntries))
            .Select(w => w.ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
        var yaml = new StringBuilder();
        yaml.AppendLine(CultureInfo.InvariantCulture, $"# Synthetic model: {brands} brands, {conceptTerms} concept terms ({termsPerConcept} per concept), seed {seed}.");
        yaml.AppendLine("concepts:");
        var concepts = conceptTerms <= 0 ? 0 : (conceptTerms + termsPerConcept - 1) / termsPerConcept;
        var left = conceptTerms;
        for (var c = 0; c < concepts; c++)
        {
            var terms = new List<string>();
            for (var t = 0; t < termsPerConcept && left > 0; t++, left--)
            {
                var word = Word(random, used, 2, 3);
                terms.Add(t % 5 == 4 ? $"\"{word} {Word(random, used, 1, 2)}\"" : word);
            }

            yaml.AppendLine(CultureInfo.InvariantCulture, $"  - id: c{c:D5}");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    name: Concept {c}");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    query: '{string.Join(" OR ", terms)}'");
        }

        if (concepts == 0)
        {
            yaml.AppendLine("  []");
        }

        yaml.AppendLine("brands:");
        var names = new string[brands];
        for (var b = 0; b < brands; b++)
        {
            names[b] = Word(random, used, 2, 3);
        }

        for (var b = 0; b < brands; b++)
        {
            var name = names[b];
            var group = b / 4 * 4;
            var rivals = Enumerable.Range(group, 4).Where(r => r != b && r < brands).Select(r => names[r]).ToList();
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  - id: {name}");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    name: {char.ToUpperInvariant(name[0])}{name[1..]}");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    query: '{name} OR \"{name} {BrandSuffixes[b % BrandSuffixes.Length]}\" OR @{name} OR #{name}'");
            if (rivals.Count > 0)
            {
                yaml.AppendLine(CultureInfo.InvariantCulture, $"    competitors: [{string.Join(", ", rivals)}]");
            }
        }

        return yaml.ToString();
    }

    public static ListeningModel Model(int brands, int conceptTerms, int termsPerConcept = 10, int seed = 7) =>
        ModelLoader.Parse(Yaml(brands, conceptTerms, termsPerConcept, seed), $"synthetic-{brands}b-{conceptTerms}t.yaml");

    private static string Word(Random random, HashSet<string> used, int minSyllables, int maxSyllables)
    {
        for (var attempt = 0; ; attempt++)
        {
            var syllables = random.Next(minSyllables, maxSyllables + 1 + attempt / 50);
            var word = new StringBuilder();
            for (var s = 0; s < syllables; s++)
            {
                word.Append(Onsets[random.Next(Onsets.Length)]).Append(Vowels[random.Next(Vowels.Length)]);
                if (s == syllables - 1 || random.Next(3) == 0)
                {
                    word.Append(Codas[random.Next(Codas.Length)]);
                }
            }

            var w = word.ToString();
            if (w.Length >= 4 && used.Add(w))
            {
                return w;
            }
        }
    }
}
