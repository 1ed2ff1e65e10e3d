using StreamEngine.Domain.Model;
using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Threats;

namespace StreamEngine.Domain.Tests.Threats;

/// <summary>The optional <c>security:</c> entry of a brand in the model file.</summary>
public sealed class BrandSecurityModelTests
{
    private const string Source = "model.yaml";

    private static string Model(string security) =>
        $"""
        brands:
          - id: acme
            name: Acme
            query: acme
        {security}
          - id: globex
            query: globex
        """;

    [Fact]
    public void A_brand_without_security_has_none()
    {
        var model = ModelLoader.Parse(Model(""), Source);

        Assert.All(model.Brands, b => Assert.Null(b.Security));
    }

    [Fact]
    public void Reads_handles_names_domains_and_executives()
    {
        var model = ModelLoader.Parse(Model(
            """
                security:
                  handles: ["@acme", "x:acme_uk", "Instagram:acme.official"]
                  names: [Acme Support]
                  domains: [acme.com, acme.co.uk]
                  executives: [Jane Doe, Ravi Kumar]
            """), Source);

        var security = model.Brands[0].Security;
        Assert.NotNull(security);
        Assert.Equal("acme", security.BrandId);
        Assert.Equal("Acme", security.Name);
        Assert.Equal(
            [new OfficialHandle("acme"), new OfficialHandle("acme_uk", Network.X), new OfficialHandle("acme.official", Network.Instagram)],
            security.Handles);
        Assert.Equal(["Acme Support"], security.DisplayNames);
        Assert.Equal(["acme.com", "acme.co.uk"], security.Domains);
        Assert.Equal(["Jane Doe", "Ravi Kumar"], security.Executives);
        Assert.Null(model.Brands[1].Security);
    }

    [Fact]
    public void The_loaded_identity_drives_the_detectors()
    {
        var model = ModelLoader.Parse(Model(
            """
                security:
                  handles: [acme]
                  domains: [acme.com]
            """), Source);
        var identities = model.Brands.Select(b => b.Security ?? BrandIdentity.NameOnly(b.Id, b.Name)).ToList();

        var finding = Assert.Single(new ImpersonationDetector(identities).Detect(ThreatFixtures.Post(handle: "acme_help")));
        Assert.Equal("acme", finding.BrandId);
        Assert.Empty(new ImpersonationDetector(identities).Detect(ThreatFixtures.Post(handle: "acme")));
        Assert.Single(new LookalikeDomainDetector(identities).Detect(ThreatFixtures.Post("acme-login.com")));
    }

    [Theory]
    [InlineData("    security: [acme]", "'security' must be a mapping")]
    [InlineData("    security:\n      handles: acme", "'handles' must be a list")]
    [InlineData("    security:\n      handles: [\"myspace:acme\"]", "'myspace' is not a network")]
    [InlineData("    security:\n      handles: [\"x:\"]", "'x:' is not a handle")]
    [InlineData("    security:\n      handles: [\"@@acme\"]", "'@@acme' is not a handle: write it with one '@' or none")]
    [InlineData("    security:\n      domains: [\"https://acme.com/\"]", "is not a domain name")]
    [InlineData("    security:\n      domains: [acme]", "is not a domain name")]
    [InlineData("    security:\n      executives: [\"\"]", "each entry of 'executives' must be a non-empty text")]
    [InlineData("    security:\n      ceo: [Jane Doe]", "'ceo' is not one of handles, names, domains, executives")]
    public void A_bad_entry_is_refused_with_its_place(string security, string message)
    {
        var yaml = Model(security);

        var error = Assert.Single(Assert.Throws<ModelException>(() => ModelLoader.Parse(yaml, Source)).Errors);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.True(error.Line >= 5, $"line {error.Line}");
    }
}
