using System.Runtime.CompilerServices;
using StreamEngine.Domain.Matching.Compiled;
using StreamEngine.Domain.Query;
using StreamEngine.Domain.Text;

namespace StreamEngine.Domain.Model;

/// <summary>
/// The conceptual model in force: brands and the concept library. Compiles once into a
/// <see cref="CompiledMatcher"/> whose query indices are the brands first, then the concepts.
/// </summary>
public sealed class ListeningModel
{
    private readonly Dictionary<string, BrandDefinition> _brandsById;
    private readonly Dictionary<string, string[]> _rivalsWatching;

    /// <summary>For each brand index, its id alone: most posts name one brand, and share this read-only list.</summary>
    private readonly IReadOnlyList<string>[] _loneBrandIds;

    private readonly ConceptTaxonomy _taxonomy;

    // Per concept, the index of the brand whose own it is; -1 for the library's.
    private readonly int[] _conceptBrand;

    public ListeningModel(IReadOnlyList<BrandDefinition> brands, IReadOnlyList<ConceptDefinition> concepts)
    {
        ArgumentNullException.ThrowIfNull(brands);
        ArgumentNullException.ThrowIfNull(concepts);
        Brands = brands;
        Concepts = concepts;
        _brandsById = brands.ToDictionary(b => b.Id, StringComparer.Ordinal);
        Matcher = new CompiledMatcher([.. brands.Select(b => b.Query), .. concepts.Select(c => c.Query)]);
        _taxonomy = new ConceptTaxonomy(concepts);
        var brandIndex = brands.Select((b, i) => (b.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        _conceptBrand = [.. concepts.Select(c => c.Brand is null ? -1 : brandIndex[c.Brand])];
        _rivalsWatching = brands
            .SelectMany(b => b.Competitors.Distinct(StringComparer.Ordinal).Select(c => (Competitor: c, Brand: b.Id)))
            .GroupBy(x => x.Competitor, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Brand).ToArray(), StringComparer.Ordinal);
        _loneBrandIds = brands.Select(b => (IReadOnlyList<string>)Array.AsReadOnly(new[] { b.Id })).ToArray();
    }

    public IReadOnlyList<BrandDefinition> Brands { get; }

    /// <summary>The concept library, then the brands' own concepts.</summary>
    public IReadOnlyList<ConceptDefinition> Concepts { get; }

    /// <summary>The index of the brand whose own concept <paramref name="concept"/> is; -1 for one of the library.</summary>
    public int BrandOfConcept(int concept) => _conceptBrand[concept];

    /// <summary>Where alerts are posted, in the order the model file lists them.</summary>
    public IReadOnlyList<WebhookDefinition> Webhooks { get; init; } = [];

    /// <summary>The YAML (or JSON) the model was read from, when it was read from text.</summary>
    public string? SourceText { get; init; }

    public CompiledMatcher Matcher { get; }

    public bool TryGetBrand(string id, out BrandDefinition brand) => _brandsById.TryGetValue(id, out brand!);

    /// <summary>The brands that list <paramref name="brandId"/> among their competitors, in model order: whose share of voice its mentions move.</summary>
    public IReadOnlyList<string> RivalsWatching(string brandId) => _rivalsWatching.GetValueOrDefault(brandId) ?? [];

    /// <summary>The ids of the brands at <paramref name="brands"/> (indices, as matching fills them).</summary>
    public IReadOnlyList<string> BrandIds(List<int> brands)
    {
        ArgumentNullException.ThrowIfNull(brands);
        if (brands.Count == 1)
        {
            return _loneBrandIds[brands[0]];
        }

        var ids = new string[brands.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = Brands[brands[i]].Id;
        }

        return ids;
    }

    /// <summary>The concept and its ancestors, nearest first.</summary>
    public ConceptTaxonomy.Lineage ConceptAndAncestors(int concept) => _taxonomy.ConceptAndAncestors(concept);

    /// <summary>Cuts <paramref name="text"/> into words and matches it with no post fields known; see the overload below.</summary>
    public void Match(ReadOnlySpan<char> text, CompiledMatchScratch scratch, List<int> brands, List<int> concepts)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        scratch.Tokens.TokenizeWords(text);
        Match(scratch.Tokens, text, PostFields.Unknown, scratch, brands, concepts);
    }

    /// <summary>
    /// Matches a post already tokenized and splits what matched into brand indices and concept
    /// indices (query indices are the brands first, then the concepts).
    /// </summary>
    // Kept out of line: inlined into a caller's per-post loop, it made that loop slower (by about
    // 200 ns a post in perf/StreamEngine.Benchmarks' full pass, measured in thread CPU time).
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Match(TokenizedText tokens, ReadOnlySpan<char> text, in PostFields fields, CompiledMatchScratch scratch, List<int> brands, List<int> concepts)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        ArgumentNullException.ThrowIfNull(brands);
        ArgumentNullException.ThrowIfNull(concepts);
        brands.Clear();
        concepts.Clear();
        Matcher.Match(tokens, text, fields, scratch);

        // As a span: a foreach over the IReadOnlyList would box its enumerator, once per post.
        foreach (var q in scratch.MatchedQueries)
        {
            if (q < Brands.Count)
            {
                brands.Add(q);
            }
            else
            {
                concepts.Add(q - Brands.Count);
            }
        }
    }

    /// <summary>The matcher's query index of a concept.</summary>
    public int QueryOfConcept(int concept) => Brands.Count + concept;
}
