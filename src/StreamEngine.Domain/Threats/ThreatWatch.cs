using StreamEngine.Domain.Model;
using StreamEngine.Domain.Posts;

namespace StreamEngine.Domain.Threats;

/// <summary>
/// The stateless threat detectors of a model, run on every accepted post whether or not it
/// mentions a brand (an impersonator need not name the brand in the text): impersonation, lookalike
/// domains, doxxing and violent threats, for the brands that declare a <c>security:</c> entry.
/// Immutable and thread-safe, built with the model. Coordinated bursts need memory of earlier
/// posts and are watched where a brand's posts pass one at a time (the ingest graph's batching).
/// </summary>
public sealed class ThreatWatch
{
    private readonly ImpersonationDetector? _impersonation;
    private readonly LookalikeDomainDetector? _domains;
    private readonly DoxxingDetector? _doxxing;
    private readonly ViolentThreatDetector? _violence;

    public ThreatWatch(ListeningModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var identities = model.Brands.Where(b => b.Security is not null).Select(b => b.Security!).ToList();
        Watched = identities.Select(i => i.BrandId).ToHashSet(StringComparer.Ordinal);
        if (identities.Count == 0)
        {
            return;
        }

        _impersonation = new ImpersonationDetector(identities);
        _domains = new LookalikeDomainDetector(identities);
        _doxxing = new DoxxingDetector(identities);
        _violence = new ViolentThreatDetector(identities);
    }

    /// <summary>The brands with a security entry: only they are watched, for coordination too.</summary>
    public IReadOnlySet<string> Watched { get; }

    /// <summary>What the detectors find in the post; empty (and nearly free) when no brand is watched.</summary>
    public IReadOnlyList<ThreatFinding> Detect(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (_impersonation is null)
        {
            return [];
        }

        List<ThreatFinding>? found = null;
        Collect(ref found, _impersonation.Detect(post));
        Collect(ref found, _domains!.Detect(post));
        using var words = ThreatWords.Of(post.Text);
        Collect(ref found, _doxxing!.Detect(post, words));
        Collect(ref found, _violence!.Detect(post, words));
        return found ?? (IReadOnlyList<ThreatFinding>)[];
    }

    private static void Collect(ref List<ThreatFinding>? found, IReadOnlyList<ThreatFinding> more)
    {
        if (more.Count > 0)
        {
            (found ??= []).AddRange(more);
        }
    }
}
