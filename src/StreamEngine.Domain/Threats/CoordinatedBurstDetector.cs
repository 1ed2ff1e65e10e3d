using System.Globalization;
using StreamEngine.Domain.Influence;
using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Sketches;

namespace StreamEngine.Domain.Threats;

/// <summary>
/// Watches one brand's mentions for coordinated bursts: within <see cref="CoordinationSettings.Window"/>,
/// at least <see cref="CoordinationSettings.MinAuthors"/> distinct low-follower authors posting
/// near-identical text (Jaccard similarity of the normalised texts' word and word-pair sets at
/// least <see cref="CoordinationSettings.MinSimilarity"/>, see <see cref="TextFingerprint"/>).
/// Each text seen is a cluster keyed by its first post; later posts join the most similar live
/// cluster or start their own. A cluster is reported when it reaches the author threshold (medium),
/// again when its authors double (high), and again after a whole window without a report.
/// <para>
/// Time is the posts' own: the window is measured back from the newest post observed (event
/// time), no clock is read, so the same posts in the same order always give the same findings.
/// Posts older than the window at arrival are ignored. Memory is fixed at construction (see
/// <see cref="CoordinationSettings"/>). One instance per brand, fed the posts that mention it;
/// not thread-safe.
/// </para>
/// </summary>
public sealed class CoordinatedBurstDetector
{
    private const int ExcerptLength = 100;

    private readonly string _brandId;
    private readonly CoordinationSettings _settings;
    private readonly Cluster[] _clusters;
    private readonly ulong[] _sketches;
    private readonly Member[] _members;
    private long _eventTime = long.MinValue;

    public CoordinatedBurstDetector(string brandId, CoordinationSettings? settings = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(brandId);
        _brandId = brandId;
        _settings = settings ?? CoordinationSettings.Default;
        _settings.Validate();
        _clusters = new Cluster[_settings.MaxClusters];
        _sketches = new ulong[_settings.MaxClusters * TextFingerprint.SketchSize];
        _members = new Member[_settings.MaxClusters * _settings.MaxMembers];
    }

    private struct Cluster
    {
        public bool Used;
        public ulong Fingerprint;
        public int SketchLength;
        public int MemberCount;
        public long Last;
        public long ReportedAt;
        public int ReportedAuthors;
        public string? FirstText;
        public string? FirstPostId;

        // Kept apart from the id and joined only in the evidence: a post with no threat allocates nothing.
        public Network FirstPostNetwork;
    }

    private readonly record struct Member(ulong Author, long Time);

    /// <summary>Texts being tracked, expired ones included until their slot is reused.</summary>
    public int TrackedTexts => _clusters.Count(c => c.Used);

    /// <summary>
    /// What <see cref="Observe(Post, TextPrint?)"/> needs of a post's text, worked out once per post
    /// (in the ingest graph's parallel reading stage) however many watched brands it names; null
    /// when the post can never join a burst: a share, a large account, a text too short to compare.
    /// </summary>
    public static TextPrint? PrintOf(Post post, CoordinationSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(post);
        settings ??= CoordinationSettings.Default;
        if (!CanJoin(post, settings))
        {
            return null;
        }

        Span<ulong> sketch = stackalloc ulong[TextFingerprint.SketchSize];
        var fingerprint = TextFingerprint.Of(post.Text, sketch, out var sketchLength, out var words);
        return words < settings.MinWords ? null : new TextPrint(fingerprint, sketch[..sketchLength].ToArray());
    }

    /// <summary>
    /// Observes a post that mentions the brand; answers a finding when it completes or grows a burst.
    /// Works out the post's print here; the ingest graph works it out once per post beforehand and
    /// calls the overload that takes it.
    /// </summary>
    public ThreatFinding? Observe(Post post) => Observe(post, PrintOf(post, _settings));

    /// <summary>The same, with the post's <see cref="PrintOf"/> under this detector's settings worked out already.</summary>
    public ThreatFinding? Observe(Post post, TextPrint? print)
    {
        ArgumentNullException.ThrowIfNull(post);
        return Admit(post, out var horizon) && print is not null ? Track(post, print.Fingerprint, print.Sketch, horizon) : null;
    }

    /// <summary>Moves event time on to the post; false when the post is already older than the window.</summary>
    private bool Admit(Post post, out long horizon)
    {
        var time = post.CreatedAt.UtcTicks;
        _eventTime = Math.Max(_eventTime, time);
        horizon = _eventTime - _settings.Window.Ticks;
        return time >= horizon;
    }

    private static bool CanJoin(Post post, CoordinationSettings settings) =>
        post.Author.Followers <= settings.MaxFollowers && !IsShare(post.Text);

    private ThreatFinding? Track(Post post, ulong fingerprint, ReadOnlySpan<ulong> sketch, long horizon)
    {
        var time = post.CreatedAt.UtcTicks;
        var sketchLength = sketch.Length;
        var at = FindOrReplace(fingerprint, sketch, horizon, out var joined);
        ref var cluster = ref _clusters[at];
        if (!joined)
        {
            cluster = new Cluster
            {
                Used = true,
                Fingerprint = fingerprint,
                SketchLength = sketchLength,
                ReportedAt = long.MinValue,
                FirstText = post.Text,
                FirstPostId = post.Id,
                FirstPostNetwork = post.Network,
            };
            sketch.CopyTo(SketchOf(at));
        }

        Join(at, ref cluster, AuthorKey(post), time);
        cluster.Last = Math.Max(cluster.Last, time);
        var authors = RecentAuthors(at, cluster.MemberCount, horizon);
        if (cluster.ReportedAt < horizon)
        {
            cluster.ReportedAuthors = 0; // a burst still going a window after its report is news again
        }

        if (authors < _settings.MinAuthors || authors < 2 * cluster.ReportedAuthors)
        {
            return null;
        }

        var severity = cluster.ReportedAuthors > 0 ? ThreatSeverity.High : ThreatSeverity.Medium;
        cluster.ReportedAuthors = authors;
        cluster.ReportedAt = time;
        return new ThreatFinding(ThreatKind.Coordination, _brandId, ThreatFinding.PostOf(post), AuthorKeys.Of(post), Evidence(cluster, authors), severity);
    }

    /// <summary>
    /// The live cluster most similar to the post, or the slot a new one takes: a free or expired
    /// one, else the one with fewest authors, least recently joined.
    /// </summary>
    private int FindOrReplace(ulong fingerprint, ReadOnlySpan<ulong> sketch, long horizon, out bool joined)
    {
        int best = -1, victim = -1;
        var bestSimilarity = 0.0;
        for (var i = 0; i < _clusters.Length; i++)
        {
            if (victim < 0 || BetterVictim(i, victim, horizon))
            {
                victim = i;
            }

            ref readonly var c = ref _clusters[i];
            if (!c.Used || c.Last < horizon)
            {
                continue;
            }

            if (TextFingerprint.Distance(fingerprint, c.Fingerprint) > _settings.MaxPrefilterBits)
            {
                continue;
            }

            var similarity = TextFingerprint.Similarity(sketch, SketchOf(i)[..c.SketchLength]);
            if (similarity >= _settings.MinSimilarity && similarity > bestSimilarity)
            {
                best = i;
                bestSimilarity = similarity;
            }
        }

        joined = best >= 0;
        return joined ? best : victim;
    }

    private bool BetterVictim(int candidate, int current, long horizon)
    {
        ref readonly var a = ref _clusters[candidate];
        ref readonly var b = ref _clusters[current];
        var aFree = !a.Used || a.Last < horizon;
        var bFree = !b.Used || b.Last < horizon;
        if (aFree || bFree)
        {
            return aFree && !bFree; // the first free slot wins
        }

        return a.MemberCount < b.MemberCount || (a.MemberCount == b.MemberCount && a.Last < b.Last);
    }

    /// <summary>Adds the author, or refreshes them; when full, the longest-silent author makes room.</summary>
    private void Join(int at, ref Cluster cluster, ulong author, long time)
    {
        var members = _members.AsSpan(at * _settings.MaxMembers, _settings.MaxMembers);
        var oldest = 0;
        for (var m = 0; m < cluster.MemberCount; m++)
        {
            if (members[m].Author == author)
            {
                members[m] = new Member(author, Math.Max(time, members[m].Time));
                return;
            }

            if (members[m].Time < members[oldest].Time)
            {
                oldest = m;
            }
        }

        if (cluster.MemberCount < members.Length)
        {
            members[cluster.MemberCount++] = new Member(author, time);
        }
        else if (members[oldest].Time < time)
        {
            members[oldest] = new Member(author, time);
        }
    }

    private int RecentAuthors(int at, int count, long horizon)
    {
        var recent = 0;
        foreach (var member in _members.AsSpan(at * _settings.MaxMembers, count))
        {
            recent += member.Time >= horizon ? 1 : 0;
        }

        return recent;
    }

    private Span<ulong> SketchOf(int at) => _sketches.AsSpan(at * TextFingerprint.SketchSize, TextFingerprint.SketchSize);

    private string Evidence(in Cluster cluster, int authors)
    {
        var text = (cluster.FirstText ?? "").ReplaceLineEndings(" ");
        var excerpt = text.Length <= ExcerptLength ? text : text[..ExcerptLength] + "…";
        var window = _settings.Window.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture);
        return $"{authors} authors with at most {_settings.MaxFollowers} followers posted near-identical text within {window} min (first post {cluster.FirstPostNetwork.ToName()}/{cluster.FirstPostId}): \"{excerpt}\"";
    }

    /// <summary>A retweet passes on someone else's words; many of them are reach, not coordination.</summary>
    private static bool IsShare(string text) => text.StartsWith("RT @", StringComparison.Ordinal);

    private static ulong AuthorKey(Post post) =>
        StableHash.Of(post.Network.ToName(), post.Author.Id ?? post.Author.Handle ?? post.Id);
}
