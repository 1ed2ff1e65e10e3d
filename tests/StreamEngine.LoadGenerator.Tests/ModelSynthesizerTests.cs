using StreamEngine.Domain.Model;
using StreamEngine.LoadGenerator.Firehose;

namespace StreamEngine.LoadGenerator.Tests;

/// <summary>The models the scaling curves run on must be models the engine takes as they are.</summary>
public sealed class ModelSynthesizerTests
{
    [Theory]
    [InlineData(10, 10)]
    [InlineData(1_000, 10_000)]
    public void A_synthesized_model_loads_with_its_brands_concepts_and_competitor_sets(int brands, int conceptTerms)
    {
        var model = ModelLoader.Parse(ModelSynthesizer.Yaml(brands, conceptTerms), "synthesized.yaml");

        Assert.Equal(brands, model.Brands.Count);
        Assert.Equal((conceptTerms + 9) / 10, model.Concepts.Count);
        Assert.All(model.Brands, b => Assert.DoesNotContain(b.Id, b.Competitors));
        Assert.Contains(model.Brands, b => b.Competitors.Count > 0);
    }

    [Fact]
    public void The_same_arguments_give_the_same_model()
    {
        Assert.Equal(ModelSynthesizer.Yaml(100, 1_000), ModelSynthesizer.Yaml(100, 1_000));
        Assert.NotEqual(ModelSynthesizer.Yaml(100, 1_000), ModelSynthesizer.Yaml(100, 1_000, seed: 8));
    }
}
