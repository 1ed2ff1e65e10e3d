using StreamEngine.Domain.Posts;

namespace StreamEngine.Domain.Threats;

/// <summary>A handle a brand owns, on one network or, with <see cref="Network.Unknown"/>, on every network.</summary>
public readonly record struct OfficialHandle(string Handle, Network Network = Network.Unknown)
{
    /// <summary>The handle without a leading '@'.</summary>
    public string Bare => Handles.Bare(Handle);

    public bool Covers(Network network) => Network == Network.Unknown || Network == network;
}

/// <summary>
/// What a brand owns, so that detectors can tell the brand from whoever imitates it: official
/// handles, the display names its accounts use, its domains (real subdomains included), and the
/// names of its executives. <see cref="Name"/> is always treated as one of its display names.
/// </summary>
public sealed record BrandIdentity(
    string BrandId,
    string Name,
    IReadOnlyList<OfficialHandle> Handles,
    IReadOnlyList<string> DisplayNames,
    IReadOnlyList<string> Domains,
    IReadOnlyList<string> Executives)
{
    /// <summary>A brand known only by its name: nothing is official, so only names can be imitated.</summary>
    public static BrandIdentity NameOnly(string brandId, string name) => new(brandId, name, [], [], [], []);
}
