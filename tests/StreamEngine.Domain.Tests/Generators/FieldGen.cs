using CsCheck;
using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Query;

namespace StreamEngine.Domain.Tests.Generators;

/// <summary>
/// Field filters and the fields of posts, over so few values that filters are as often true as
/// false, and unknown values (null, 0) come up too.
/// </summary>
internal static class FieldGen
{
    // Filters name a known network; a post's network may be Unknown (0).
    private static readonly Gen<Network> KnownNetwork = Gen.Int[1, 11].Select(n => (Network)n);

    private static readonly Gen<long> FollowerCount = Gen.Frequency<long>((2, Gen.Int[0, 5000].Select(n => (long)n)), (1, Gen.Const(long.MaxValue)));

    public static readonly Gen<FieldNode> Filter = Gen.OneOf<FieldNode>(
        KnownNetwork.Select(n => (FieldNode)new NetworkField(n)),
        Gen.OneOf("en", "pt").Select(l => (FieldNode)new LangField(l)),
        Gen.OneOf("US", "GB").Select(c => (FieldNode)new CountryField(c)),
        Gen.OneOf("jo", "acme.official").Select(a => (FieldNode)new AuthorField(a)),
        Gen.Select(Gen.Enum<FollowersComparison>(), FollowerCount, (c, n) => (FieldNode)new FollowersField(c, n)),
        Gen.Bool.Select(v => (FieldNode)new VerifiedField(v)));

    public static readonly Gen<PostFields> Post = Gen.Select(
        Gen.Int[0, 11].Select(n => (Network)n),
        Gen.OneOf<string?>(null, "en", "pt"),
        Gen.OneOf<string?>(null, "US", "GB"),
        Gen.OneOf<string?>(null, "Jo", "@acme.official"),
        Gen.Frequency<long>((1, Gen.Const(0L)), (2, Gen.Int[0, 5000].Select(n => (long)n))),
        Gen.Bool,
        (network, language, country, author, followers, verified) => new PostFields(network, language, country, author, followers, verified));
}
