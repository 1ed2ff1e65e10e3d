using StreamEngine.Domain.Matching;
using StreamEngine.Domain.Matching.Compiled;
using StreamEngine.Domain.Query;
using StreamEngine.Domain.Model;

namespace StreamEngine.Domain.Tests;

public sealed class ListeningModelTests
{
    private static ListeningModel Build() => new(
        [
            new BrandDefinition("acme", "Acme", BooleanQueryParser.Parse("acme OR \"acme corp\" OR @acme"), ["globex"]),
            new BrandDefinition("globex", "Globex", BooleanQueryParser.Parse("globex OR #globex"), ["acme"]),
            new BrandDefinition("nestle", "Nestlé", BooleanQueryParser.Parse("Nestlé"), []),
        ],
        [
            new ConceptDefinition("delivery", "Delivery", BooleanQueryParser.Parse("delivery OR shipping"), null),
            new ConceptDefinition("price", "Price", BooleanQueryParser.Parse("price OR expensive"), null),
            new ConceptDefinition("late-delivery", "Late delivery", BooleanQueryParser.Parse("\"late delivery\""), "delivery"),
        ]);

    [Fact]
    public void Names_the_brands_of_a_post_by_id_in_a_list_no_caller_can_change()
    {
        var model = Build();

        Assert.Empty(model.BrandIds([]));
        Assert.Equal(["globex", "acme"], model.BrandIds([1, 0]));
        var lone = model.BrandIds([2]);
        Assert.Equal(["nestle"], lone);
        Assert.Same(lone, model.BrandIds([2]));
        Assert.False(lone is string[], "a list shared by every post naming one brand must not be a writable array");
    }

    [Fact]
    public void Reports_every_brand_and_concept_of_a_post()
    {
        var model = Build();
        var brands = new List<int>();
        var concepts = new List<int>();

        model.Match("Acme Corp and #Globex: late delivery, and the price!", new CompiledMatchScratch(), brands, concepts);

        Assert.Equal([0, 1], brands.Order());
        Assert.Equal([0, 1, 2], concepts.Order());
    }

    [Fact]
    public void Splits_brand_and_concept_indices()
    {
        var model = Build();
        var brands = new List<int>();
        var concepts = new List<int>();

        model.Match("nestle is expensive", new CompiledMatchScratch(), brands, concepts);

        Assert.Equal([2], brands);
        Assert.Equal([1], concepts);
        Assert.Equal("nestle", model.Brands[brands[0]].Id);
        Assert.Equal("price", model.Concepts[concepts[0]].Id);
    }

    [Fact]
    public void Clears_the_lists_and_the_scratch_between_posts()
    {
        var model = Build();
        var scratch = new CompiledMatchScratch();
        var brands = new List<int>();
        var concepts = new List<int>();

        model.Match("acme delivery", scratch, brands, concepts);
        Assert.Equal([0], brands);
        Assert.Equal([0], concepts);

        model.Match("globex is expensive", scratch, brands, concepts);
        Assert.Equal([1], brands);
        Assert.Equal([1], concepts);

        model.Match("nothing relevant", scratch, brands, concepts);
        Assert.Empty(brands);
        Assert.Empty(concepts);

        model.Match("ACME shipping", scratch, brands, concepts);
        Assert.Equal([0], brands);
        Assert.Equal([0], concepts);
    }

    [Fact]
    public void Finds_brands_by_id()
    {
        var model = Build();

        Assert.True(model.TryGetBrand("globex", out var globex));
        Assert.Equal("Globex", globex.Name);
        Assert.Equal(["acme"], globex.Competitors);
        Assert.False(model.TryGetBrand("initech", out _));
    }
}
