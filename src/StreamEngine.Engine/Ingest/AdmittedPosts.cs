using StreamEngine.Domain.Model;
using StreamEngine.Domain.Posts;

namespace StreamEngine.Engine.Ingest;

/// <summary>
/// The posts a round let past the duplicate filter, each with the brands it carried them to: the
/// brands they mention, those they threaten, and, through the round's model, the rivals watching a
/// mentioned brand, which learn of the mention for their share of voice. When the round's journal
/// writes end, <see cref="MentionBatcher.Settle"/> reads it to decide, post by post, what a resend
/// must count again and where.
/// </summary>
public sealed class AdmittedPosts
{
    // One entry per post and brand, appended by the round's fold, which runs one at a time and is
    // the graph's narrowest stage: nothing here is indexed, since only a failed round reads it back.
    private readonly List<(ulong Post, string Brand, bool Mentioned)> _entries = [];
    private HashSet<ulong>? _resent;

    // Threat-only posts the round carries: each with a null brand, and each with each brand threatened.
    // Per post (brand null) and per post and brand threatened: the copy of the post that carries them.
    private Dictionary<(ulong Post, string? Brand), Post>? _threatsCarried;

    /// <summary>The model the round was folded with: whose rivals learned of each mention.</summary>
    public ListeningModel? Model { get; private set; }

    /// <summary>Posts this round carries only to the brands an earlier, partly journaled round missed.</summary>
    public IReadOnlyCollection<ulong> Resent => _resent ?? (IReadOnlyCollection<ulong>)[];

    /// <summary>Records the model the round's folds read (one per round).</summary>
    public void FoldedWith(ListeningModel model) => Model ??= model;

    /// <summary>A post carried to a brand: its mention when <paramref name="mentioned"/>, else a threat against it or a rival's mention it learns of.</summary>
    public void Add(ulong post, string brand, bool mentioned) => _entries.Add((post, brand, mentioned));

    public void AddResent(ulong post) => (_resent ??= []).Add(post);

    public bool IsResent(ulong post) => _resent?.Contains(post) == true;

    /// <summary>Whether the round carries threats of <paramref name="post"/>, a post that names no brand, already.</summary>
    public bool CarriesThreatsOf(ulong post) => _threatsCarried?.ContainsKey((post, null)) == true;

    /// <summary>
    /// Records that the round carries a threat against <paramref name="brand"/> found in
    /// <paramref name="copy"/>, a post that names no brand: <see cref="ThreatCarry.First"/> the
    /// first time, <see cref="ThreatCarry.AnotherFinding"/> for another finding of the same copy
    /// (a post both doxxing and violent carries both), <see cref="ThreatCarry.No"/> for a second copy
    /// of the post in the round.
    /// </summary>
    internal ThreatCarry CarryThreat(ulong post, string brand, Post copy)
    {
        _threatsCarried ??= [];
        _threatsCarried.TryAdd((post, null), copy);
        if (_threatsCarried.TryGetValue((post, brand), out var carrier))
        {
            return ReferenceEquals(carrier, copy) ? ThreatCarry.AnotherFinding : ThreatCarry.No;
        }

        _threatsCarried[(post, brand)] = copy;
        return ThreatCarry.First;
    }

    /// <summary>Each admitted post with every brand the round carried it to, rivals of its mentioned brands included.</summary>
    public IEnumerable<(ulong Post, HashSet<string> Brands)> Targets()
    {
        var byPost = new Dictionary<ulong, HashSet<string>>();
        foreach (var (post, brand, mentioned) in _entries)
        {
            if (!byPost.TryGetValue(post, out var brands))
            {
                byPost[post] = brands = new HashSet<string>(StringComparer.Ordinal);
            }

            brands.Add(brand);
            if (mentioned && Model is { } model)
            {
                brands.UnionWith(model.RivalsWatching(brand));
            }
        }

        return byPost.Select(p => (p.Key, p.Value));
    }

    /// <summary>Forgets every entry, for a next round.</summary>
    public void Clear()
    {
        _entries.Clear();
        _resent = null;
        _threatsCarried = null;
        Model = null;
    }
}

/// <summary>Whether a threat found in a post that names no brand goes with the round (<see cref="AdmittedPosts.CarryThreat"/>).</summary>
internal enum ThreatCarry
{
    No,
    First,
    AnotherFinding,
}
