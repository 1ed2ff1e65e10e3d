using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Analysis;
using StreamEngine.Domain.Ingest;
using StreamEngine.Domain.Model;
using StreamEngine.Domain.Threats;
using StreamEngine.Engine.Brands;

namespace StreamEngine.Engine.Ingest;

/// <summary>
/// Folds a round of read chunks into one batch of mentions per brand: drops posts seen before,
/// watches coordinated bursts, and tells each brand its competitors' mentions of the same minutes.
/// A round's chunks are <see cref="Admit"/>-ted one by one, then its batches are <see cref="Build"/>-t.
/// Folds and builds run one at a time and in the rounds' order (<see cref="RoundFolds"/> chains
/// them on the ingest threads); a round's <see cref="Settle"/> comes from whichever thread
/// saw its journal writes end, so the duplicate filter is guarded. The per-brand builders are kept from round to round.
/// </summary>
public sealed class MentionBatcher(int duplicateHorizon = DuplicateFilter.DefaultGenerationSize)
{
    // Some 25 MB at most: the posts of several failed rounds of the largest size.
    private const int PartlyJournaledCapacity = 1 << 18;

    private readonly DuplicateFilter _duplicates = new(duplicateHorizon);
    private readonly Dictionary<string, CoordinatedBurstDetector> _bursts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BrandDeltaBuilder> _builders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BrandDeltaBuilder> _round = new(StringComparer.Ordinal);
    private readonly PartlyJournaledPosts _partlyJournaled = new(PartlyJournaledCapacity);
    private readonly Lock _duplicatesGate = new();

    /// <summary>Folds a whole round at once: <see cref="Admit"/> for each of its chunks, then <see cref="Build"/>.</summary>
    /// <param name="admitted">Receives every post let through with the brands it went to, so that what a round failed to journal can be <see cref="Settle"/>-d.</param>
    /// <param name="writeBy">The last moment the round's brands may take up their batches (<see cref="RecordMentions.WriteBy"/>).</param>
    public List<RecordMentions> Fold(IReadOnlyList<ChunkReading> round, PostAnalyzer analyzer, AdmittedPosts admitted, DateTimeOffset? writeBy = null)
    {
        ArgumentNullException.ThrowIfNull(round);
        Exception? failure = null;
        try
        {
            foreach (var reading in round)
            {
                Admit(reading, analyzer, admitted);
            }
        }
#pragma warning disable CA1031 // handed to Build, which clears the builders before it throws
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = ex;
        }

        return Build(analyzer, writeBy, failure);
    }

    /// <summary>
    /// Folds one chunk's mentions and threats into the round being built: drops the posts seen
    /// before and adds the others to their brands' batches.
    /// </summary>
    /// <param name="admitted">Receives every post let through with the brands it went to, so that what a round failed to journal can be <see cref="Settle"/>-d.</param>
    public void Admit(ChunkReading reading, PostAnalyzer analyzer, AdmittedPosts admitted)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(admitted);
        lock (_duplicatesGate)
        {
            AdmitUnguarded(reading, analyzer.Model, analyzer.Threats.Watched, admitted);
        }
    }

    /// <summary>
    /// The round's batch for each brand it named, and its rivals' share-of-voice counts; then
    /// empties the builders for the next round, whether or not the round's folds went well.
    /// </summary>
    /// <param name="writeBy">The last moment the round's brands may take up their batches (<see cref="RecordMentions.WriteBy"/>).</param>
    /// <param name="failure">What went wrong in one of the round's folds: nothing of the round is built, and it is thrown again.</param>
    public List<RecordMentions> Build(PostAnalyzer analyzer, DateTimeOffset? writeBy = null, Exception? failure = null)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        try
        {
            if (failure is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }

            AddCompetitorMentions(analyzer.Model);
            var batches = new List<RecordMentions>(_round.Count);
            foreach (var (brand, builder) in _round)
            {
                // A brand told of a post it had, and told one fewer for it, has nothing to journal.
                var delta = builder.Build();
                if (delta.Minutes.Count > 0 || delta.Threats.Count > 0)
                {
                    batches.Add(new RecordMentions(brand, delta, writeBy));
                }
            }

            return batches;
        }
        finally
        {
            // Built or not, nothing of this round may leak into the next.
            foreach (var builder in _round.Values)
            {
                builder.Clear();
            }

            _round.Clear();
        }
    }

    private void AdmitUnguarded(ChunkReading reading, ListeningModel model, IReadOnlySet<string> watched, AdmittedPosts admitted)
    {
        admitted.FoldedWith(model);
        foreach (var (post, finding) in reading.Threats)
        {
            // Posts that mention no brand are sent again like any other: a threat in one counts once.
            var key = PostIdentity.Of(post);
            if (_partlyJournaled.Count > 0 && _partlyJournaled.TryGet(key, out var part))
            {
                if (!part.Have.Contains(finding.BrandId) && Resends(key, part, admitted))
                {
                    admitted.Add(key, finding.BrandId, mentioned: false);
                    Builder(finding.BrandId).AddThreat(post, finding);
                }

                continue;
            }

            if (!_duplicates.TryAdd(key) && !admitted.Contains(key))
            {
                // Seen in an earlier round (a post with several findings is admitted once, by its first).
                continue;
            }

            admitted.Add(key, finding.BrandId, mentioned: false);
            Builder(finding.BrandId).AddThreat(post, finding);
        }

        foreach (var mention in reading.Mentions)
        {
            if (_partlyJournaled.Count > 0 && _partlyJournaled.TryGet(mention.Identity, out var part))
            {
                if (!AdmitToBrandsThatMissedIt(mention, part, model, watched, admitted))
                {
                    reading.Duplicates++;
                }

                continue;
            }

            if (!_duplicates.TryAdd(mention.Identity))
            {
                reading.Duplicates++;
                continue;
            }

            foreach (var finding in mention.Threats)
            {
                admitted.Add(mention.Identity, finding.BrandId, mentioned: false);
                Builder(finding.BrandId).AddThreat(mention.Post, finding);
            }

            // By index: a foreach over the interface would allocate an enumerator per mention.
            var brands = mention.Brands;
            for (var b = 0; b < brands.Count; b++)
            {
                var brand = brands[b];
                admitted.Add(mention.Identity, brand, mentioned: true);
                AddMention(mention, brand, watched);
            }
        }
    }

    private void AddMention(MatchedPost mention, string brand, IReadOnlySet<string> watched)
    {
        var builder = Builder(brand);
        builder.Add(mention.Post, mention.Analysis, mention.Facts);
        if (watched.Contains(brand) && Bursts(brand).Observe(mention.Post, mention.Print) is { } burst)
        {
            builder.AddThreat(mention.Post, burst);
        }
    }

    /// <summary>
    /// Carries a post an earlier round journaled for some of its brands to the others alone: its
    /// mention, its threats, and the share of voice its rivals read. False when nothing is left to
    /// carry, or a round carrying it is still under way: the copy is then a duplicate.
    /// </summary>
    private bool AdmitToBrandsThatMissedIt(MatchedPost mention, PartlyJournaledPost part, ListeningModel model, IReadOnlySet<string> watched, AdmittedPosts admitted)
    {
        var have = part.Have;
        var key = mention.Identity;
        var carried = false;
        foreach (var finding in mention.Threats)
        {
            if (!have.Contains(finding.BrandId) && (carried || Resends(key, part, admitted)))
            {
                carried = true;
                admitted.Add(key, finding.BrandId, mentioned: false);
                Builder(finding.BrandId).AddThreat(mention.Post, finding);
            }
        }

        var minute = EventTime.MinuteOf(mention.Post.CreatedAt);
        var brands = mention.Brands;
        for (var b = 0; b < brands.Count; b++)
        {
            var brand = brands[b];
            var rivals = model.RivalsWatching(brand);
            if (have.Contains(brand))
            {
                // The brand has the mention, but a rival watching it may not have learned of it.
                foreach (var rival in rivals)
                {
                    if (!have.Contains(rival) && (carried || Resends(key, part, admitted)))
                    {
                        carried = true;
                        admitted.Add(key, rival, mentioned: false);
                        Builder(rival).AddCompetitorMentions(minute, 1);
                    }
                }

                continue;
            }

            if (!carried && !Resends(key, part, admitted))
            {
                return false;
            }

            carried = true;
            admitted.Add(key, brand, mentioned: true);
            AddMention(mention, brand, watched);

            // The round tells every rival of the brand's mentions (Build): those that learned of this one already are told one fewer.
            foreach (var rival in rivals)
            {
                if (have.Contains(rival))
                {
                    Builder(rival).AddCompetitorMentions(minute, -1);
                }
            }
        }

        return carried;
    }

    /// <summary>Takes a partly journaled post into this round, unless a round carrying it is still under way.</summary>
    private static bool Resends(ulong key, PartlyJournaledPost part, AdmittedPosts admitted)
    {
        if (part.Resending)
        {
            // Carried by this very round already (a threat-only post with several findings), or by one in flight.
            return admitted.IsResent(key);
        }

        part.Resending = true;
        admitted.AddResent(key);
        return true;
    }

    /// <summary>A round journaled everywhere: the posts it carried to the brands that had missed them leave the record of those partly journaled.</summary>
    public void Journaled(AdmittedPosts admitted)
    {
        ArgumentNullException.ThrowIfNull(admitted);
        if (admitted.Resent.Count == 0)
        {
            return;
        }

        lock (_duplicatesGate)
        {
            foreach (var post in admitted.Resent)
            {
                _partlyJournaled.Remove(post);
            }
        }
    }

    /// <summary>
    /// Settles a round's posts once its journal writes have ended. A post journaled by every brand
    /// the round carried it to stays seen, so a resend does not count it twice; one journaled by
    /// none is forgotten, so a resend counts it; one journaled by some is remembered with them
    /// (<see cref="PartlyJournaledPosts"/>), so a resend goes to the others alone.
    /// </summary>
    /// <param name="lost">The brands whose batches were not journaled; null when none of the round's were.</param>
    /// <param name="which">Which posts to settle now, by the brands the round carried each to; every one when null. A post is settled once.</param>
    public void Settle(AdmittedPosts admitted, IReadOnlySet<string>? lost, Func<HashSet<string>, bool>? which = null)
    {
        ArgumentNullException.ThrowIfNull(admitted);
        lock (_duplicatesGate)
        {
            foreach (var (post, brands) in admitted.Targets())
            {
                if (which is not null && !which(brands))
                {
                    continue;
                }

                var known = _partlyJournaled.TryGet(post, out var part);
                var have = part?.Have ?? new HashSet<string>(StringComparer.Ordinal);
                if (lost is not null)
                {
                    have.UnionWith(brands.Where(b => !lost.Contains(b)));
                }

                if (part is not null && admitted.IsResent(post))
                {
                    part.Resending = false;
                }

                if (brands.IsSubsetOf(have))
                {
                    _partlyJournaled.Remove(post);

                    // Seen everywhere it goes: kept seen even if the filter let it go meanwhile.
                    _duplicates.TryAdd(post);
                }
                else if (have.Count == 0)
                {
                    _duplicates.Forget(post);
                }
                else if (!known)
                {
                    _partlyJournaled.Add(post, have);
                }
            }
        }
    }

    /// <summary>
    /// Tells each brand of a set how many mentions its competitors had per minute in this round, so
    /// it can watch its share of voice; a brand not mentioned in the round still learns it (0 %).
    /// Counts add up over rounds and nodes, as the brand's own mentions do.
    /// </summary>
    private void AddCompetitorMentions(ListeningModel model)
    {
        // Collected first: a rival's builder, once written, joins the round being read. A brand that
        // is only a rival in the round (its builder holds competitors' counts) tells its own rivals nothing.
        var sources = new List<(IReadOnlyList<string> Watching, List<(long Minute, long Mentions)> Minutes)>();
        foreach (var (brand, builder) in _round)
        {
            if (model.RivalsWatching(brand) is { Count: > 0 } watching && builder.MentionsPerMinute.Where(m => m.Mentions > 0).ToList() is { Count: > 0 } minutes)
            {
                sources.Add((watching, minutes));
            }
        }

        foreach (var (watching, minutes) in sources)
        {
            foreach (var rival in watching)
            {
                var builder = Builder(rival);
                foreach (var (minute, mentions) in minutes)
                {
                    builder.AddCompetitorMentions(minute, mentions);
                }
            }
        }
    }

    private BrandDeltaBuilder Builder(string brand)
    {
        if (_round.TryGetValue(brand, out var builder))
        {
            return builder;
        }

        if (!_builders.TryGetValue(brand, out builder))
        {
            _builders[brand] = builder = new BrandDeltaBuilder();
        }

        _round[brand] = builder;
        return builder;
    }

    /// <summary>One detector per watched brand (fixed memory each, docs/threats.md), created when the brand's first post passes.</summary>
    private CoordinatedBurstDetector Bursts(string brand)
    {
        if (!_bursts.TryGetValue(brand, out var detector))
        {
            _bursts[brand] = detector = new CoordinatedBurstDetector(brand);
        }

        return detector;
    }
}
