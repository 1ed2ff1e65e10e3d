using StreamEngine.Domain.Model;
using StreamEngine.Domain.Query;

namespace StreamEngine.Domain.Tests;

public sealed class ConceptTaxonomyTests
{
    private static ConceptDefinition Concept(string id, string? parent) => new(id, id, BooleanQueryParser.Parse(id), parent);

    [Fact]
    public void A_concept_is_read_with_its_ancestors_nearest_first()
    {
        var taxonomy = new ConceptTaxonomy([Concept("service", null), Concept("delivery", "service"), Concept("late", "delivery"), Concept("price", null)]);

        Assert.Equal([2, 1, 0], Lineage(taxonomy, 2));
        Assert.Equal([3], Lineage(taxonomy, 3));
    }

    [Fact]
    public void A_chain_thousands_deep_is_read_whole()
    {
        const int depth = 20_000;
        var taxonomy = new ConceptTaxonomy([.. Enumerable.Range(0, depth).Select(i => Concept($"c{i}", i == 0 ? null : $"c{i - 1}"))]);

        Assert.Equal(Enumerable.Range(0, depth).Reverse(), Lineage(taxonomy, depth - 1));
    }

    [Fact]
    public void Finds_every_cycle_once_and_not_the_chains_that_lead_into_one()
    {
        // 0 -> 1 -> 2 -> 0; 3 -> 0 leads into it; 4 -> 5 -> 4; 6 is a root; 7 is its own parent.
        var cycles = ConceptTaxonomy.Cycles([1, 2, 0, 0, 5, 4, -1, 7]);

        Assert.Equal(3, cycles.Count);
        Assert.Equal([0, 1, 2], cycles[0].Order());
        Assert.Equal([4, 5], cycles[1].Order());
        Assert.Equal([7], cycles[2]);
    }

    [Fact]
    public void A_concept_that_would_be_its_own_ancestor_is_refused()
    {
        var refused = Assert.Throws<ArgumentException>(() => new ConceptTaxonomy([Concept("a", "b"), Concept("b", "a")]));

        Assert.Contains("would be its own ancestor", refused.Message, StringComparison.Ordinal);
    }

    private static List<int> Lineage(ConceptTaxonomy taxonomy, int concept)
    {
        var lineage = new List<int>();
        foreach (var c in taxonomy.ConceptAndAncestors(concept))
        {
            lineage.Add(c);
        }

        return lineage;
    }
}
