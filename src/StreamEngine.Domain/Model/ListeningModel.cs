using StreamEngine.Domain.Matching;

namespace StreamEngine.Domain.Model;

/// <summary>
/// The conceptual model in force: brands and the concept library. Compiles once into a
/// <see cref="TermMatcher"/> whose query indices are the brands first, then the concepts.
/// </summary>
public sealed class ListeningModel
{
    private readonly Dictionary<string, BrandDefinition> _brandsById;

    public ListeningModel(IReadOnlyList<BrandDefinition> brands, IReadOnlyList<ConceptDefinition> concepts)
    {
        ArgumentNullException.ThrowIfNull(brands);
        ArgumentNullException.ThrowIfNull(concepts);
        Brands = brands;
        Concepts = concepts;
        _brandsById = brands.ToDictionary(b => b.Id, StringComparer.Ordinal);
        Matcher = new TermMatcher([.. brands.Select(b => b.Query), .. concepts.Select(c => c.Query)]);
    }

    public IReadOnlyList<BrandDefinition> Brands { get; }

    public IReadOnlyList<ConceptDefinition> Concepts { get; }

    public TermMatcher Matcher { get; }

    public bool TryGetBrand(string id, out BrandDefinition brand) => _brandsById.TryGetValue(id, out brand!);

    /// <summary>Matches <paramref name="text"/> and splits the hits into brand and concept indices.</summary>
    public void Match(ReadOnlySpan<char> text, MatchScratch scratch, List<int> brands, List<int> concepts)
    {
        ArgumentNullException.ThrowIfNull(brands);
        ArgumentNullException.ThrowIfNull(concepts);
        brands.Clear();
        concepts.Clear();
        Matcher.Match(text, scratch);
        foreach (var q in scratch.Queries)
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
}
