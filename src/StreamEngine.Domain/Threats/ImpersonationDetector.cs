using StreamEngine.Domain.Influence;
using StreamEngine.Domain.Posts;

namespace StreamEngine.Domain.Threats;

/// <summary>
/// Flags authors whose handle or display name imitates a brand's official handles, display names
/// or name: the same skeleton written with other letters (a homoglyph), the brand plus added
/// digits or affix words ("acme_support", "RealAcme"), one or two typos (by length, see
/// <see cref="LookalikeTarget.EditsAllowed"/>), or a plain copy of the name. An author holding an
/// official handle of any brand on the post's network is never flagged. Verified authors are less
/// likely to be impostors (the badge is paid for on some networks, so it is not proof): their typo
/// and copy matches are not reported at all, and their other matches one severity lower.
/// Immutable and thread-safe; a post whose author imitates nothing allocates nothing.
/// </summary>
public sealed class ImpersonationDetector
{
    /// <summary>Words impersonators add to a brand's handle or name to pass for one of its accounts.</summary>
    public static IReadOnlyList<string> DefaultAffixes { get; } =
    [
        "support", "help", "helpdesk", "helpline", "care", "customer", "customers", "service", "services",
        "official", "team", "hq", "desk", "center", "centre", "contact", "assist", "assistance", "info",
        "news", "live", "admin", "staff", "verified", "real", "the", "its", "inc", "corp", "co", "ltd", "llc",
        "global", "us", "usa", "uk", "cs", "refund", "refunds", "billing", "account", "accounts", "security",
        "tech", "rewards", "promo", "giveaway", "app",
    ];

    private const int MaxFindings = 8;

    private readonly IReadOnlyList<BrandIdentity> _brands;
    private readonly Dictionary<string, List<(int Brand, Network Network)>>.AlternateLookup<ReadOnlySpan<char>> _official;
    private readonly SkeletonIndex _index;
    private readonly AffixWords _affixes;

    public ImpersonationDetector(IReadOnlyList<BrandIdentity> brands, IEnumerable<string>? affixes = null)
    {
        ArgumentNullException.ThrowIfNull(brands);
        _brands = brands;
        _affixes = new AffixWords(affixes ?? DefaultAffixes);
        var official = new Dictionary<string, List<(int, Network)>>(StringComparer.OrdinalIgnoreCase);
        var targets = new List<LookalikeTarget>();
        for (var b = 0; b < brands.Count; b++)
        {
            var brand = brands[b];
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var handle in brand.Handles)
            {
                var bare = handle.Bare;
                if (!official.TryGetValue(bare, out var owners))
                {
                    official[bare] = owners = [];
                }

                owners.Add((b, handle.Network));
                AddTarget(targets, seen, b, "@" + bare, bare);
            }

            foreach (var name in brand.DisplayNames.Append(brand.Name))
            {
                AddTarget(targets, seen, b, "'" + name + "'", name);
            }
        }

        _official = official.GetAlternateLookup<ReadOnlySpan<char>>();
        _index = new SkeletonIndex(targets);
    }

    public IReadOnlyList<ThreatFinding> Detect(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        var author = post.Author;
        var handle = Handles.Bare(author.Handle.AsSpan());
        if (!handle.IsEmpty && _official.TryGetValue(handle, out var owners))
        {
            return OfficialElsewhere(post, owners);
        }

        Span<SkeletonUnit> handleUnits = stackalloc SkeletonUnit[SkeletonText.MaxUnits];
        Span<SkeletonUnit> nameUnits = stackalloc SkeletonUnit[SkeletonText.MaxUnits];
        Span<char> letters = stackalloc char[SkeletonText.MaxUnits];
        Span<LookalikeMatch> byHandle = stackalloc LookalikeMatch[MaxFindings];
        Span<LookalikeMatch> byName = stackalloc LookalikeMatch[MaxFindings];

        // Extra signs are only ink: @@acme shows as the official @acme, so it is compared without them.
        var shown = handle.TrimStart('@');
        var handleCount = Search(shown, handleUnits, letters, byHandle, out var handleLength);
        var nameCount = Search(author.Name, nameUnits, letters, byName, out var nameLength);
        if (handleCount + nameCount == 0)
        {
            return [];
        }

        var findings = new List<ThreatFinding>();
        var subject = "@" + handle.ToString();
        foreach (var match in byHandle[..handleCount])
        {
            Add(findings, post, subject, match, shown, handleUnits[..handleLength]);
        }

        foreach (var match in byName[..nameCount])
        {
            if (!findings.Exists(f => f.BrandId == _brands[_index[match.Target].Owner].BrandId))
            {
                Add(findings, post, "name '" + author.Name + "'", match, author.Name, nameUnits[..nameLength]);
            }
        }

        return findings;
    }

    private int Search(ReadOnlySpan<char> text, Span<SkeletonUnit> units, Span<char> letters, Span<LookalikeMatch> found, out int length)
    {
        length = text.IsEmpty ? 0 : SkeletonText.Build(text, units, letters);
        return length < LookalikeTarget.MinLength
            ? 0
            : LookalikeSearch.Find(units[..length], letters[..length], _index, _affixes, found, 0);
    }

    private void Add(List<ThreatFinding> findings, Post post, string subject, LookalikeMatch match, ReadOnlySpan<char> text, ReadOnlySpan<SkeletonUnit> units)
    {
        var severity = LookalikeEvidence.Severity(match);
        if (post.Author.Verified)
        {
            if (match.Edits > 0 || match.IsCopy)
            {
                return;
            }

            severity = severity.Lowered();
        }

        var target = _index[match.Target];
        var evidence = subject + ": " + LookalikeEvidence.Describe(match, text, units, target);
        findings.Add(new ThreatFinding(ThreatKind.Impersonation, _brands[target.Owner].BrandId, ThreatFinding.PostOf(post), AuthorKeys.Of(post), evidence, severity));
    }

    /// <summary>
    /// An official handle used on a network where its brand did not list it: a squatter, or an
    /// account missing from the configuration, so it is reported but only as low.
    /// </summary>
    private IReadOnlyList<ThreatFinding> OfficialElsewhere(Post post, List<(int Brand, Network Network)> owners)
    {
        foreach (var (_, network) in owners)
        {
            if (network == Network.Unknown || network == post.Network)
            {
                return [];
            }
        }

        var findings = new List<ThreatFinding>();
        foreach (var group in owners.GroupBy(o => o.Brand))
        {
            var networks = string.Join(", ", group.Select(o => o.Network.ToName()));
            var evidence = $"@{Handles.Bare(post.Author.Handle!)} is official on {networks}, not on {post.Network.ToName()}";
            findings.Add(new ThreatFinding(ThreatKind.Impersonation, _brands[group.Key].BrandId, ThreatFinding.PostOf(post), AuthorKeys.Of(post), evidence, ThreatSeverity.Low));
        }

        return findings;
    }

    private static void AddTarget(List<LookalikeTarget> targets, HashSet<string> seen, int brand, string label, string text)
    {
        var units = SkeletonText.Of(text);
        if (units is not null && seen.Add(SkeletonText.LettersOf(units)))
        {
            targets.Add(new LookalikeTarget(brand, label, units));
        }
    }
}
