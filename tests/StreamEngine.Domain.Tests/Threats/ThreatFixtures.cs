using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Threats;

namespace StreamEngine.Domain.Tests.Threats;

/// <summary>Four brands' identities and a post builder shared by the threat detector tests.</summary>
internal static class ThreatFixtures
{
    public static readonly DateTimeOffset Noon = new(2025, 6, 2, 12, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<BrandIdentity> Brands { get; } =
    [
        new BrandIdentity(
            "acme",
            "Acme",
            [new OfficialHandle("@acme"), new OfficialHandle("AcmeSupport"), new OfficialHandle("acme_uk", Network.X)],
            ["Acme Support"],
            ["acme.com", "acme.co.uk"],
            ["Jane Doe", "Ravi Kumar"]),
        new BrandIdentity("globex", "Globex Corporation", [new OfficialHandle("globex")], ["Globex"], ["globex.io"], ["Hank Scorpio"]),
        new BrandIdentity("initech", "Initech", [new OfficialHandle("initech"), new OfficialHandle("initech_help")], [], ["initech.com"], ["Bill Lumbergh"]),
        new BrandIdentity("northwind", "Northwind Traders", [new OfficialHandle("northwindtraders")], ["Northwind"], ["northwindtraders.com"], []),
    ];

    public static Post Post(
        string text = "hello",
        string? handle = "someone",
        string? name = null,
        bool verified = false,
        long followers = 10,
        Network network = Network.X,
        string id = "p1",
        DateTimeOffset? at = null,
        string? authorId = null)
    {
        var author = new Author(authorId ?? "a-" + (handle ?? id), handle, name, followers, verified, Gender.Unknown, null, null);
        return new Post(id, network, at ?? Noon, text, "en", author, default, null, null);
    }
}
