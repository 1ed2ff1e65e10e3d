using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Analysis;
using StreamEngine.Domain.Ingest;
using StreamEngine.Domain.Model;
using StreamEngine.Domain.Posts;
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
    // Some 15 MB at most (about 220 B a post): the posts of a few failed rounds, which the filter
    // itself forgets within a couple of generations.
    private const int PartlyJournaledCapacity = 1 << 16;

    private readonly DuplicateFilter _duplicates = new(duplicateHorizon);
    private readonly Dictionary<string, CoordinatedBurstDetector> _bursts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BrandDeltaBuilder> _builders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BrandDeltaBuilder> _round = new(StringComparer.Ordinal);

    // The model whose brands alone the builders and detectors were last cut down to: a brand a swap
    // removed kept its builder, spare minutes and all, for the rest of the run.
    private ListeningModel? _keptFor;
    private readonly PartlyJournaledPosts _partlyJournaled = new(PartlyJournaledCapacity);
    private readonly Lock _duplicatesGate = new();

    // Posts of rounds answered as failed while a brand's write of them may still land (its ask has
    // not ended): by how many such rounds carry each. A copy sent meanwhile is neither counted nor
    // a duplicate, since its first copy may yet be forgotten.
    private readonly Dictionary<ulong, int> _undecided = [];

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
    /// Remembers posts journaled at an earlier start as seen (<see cref="ChunkReader.ReadIdentities"/>),
    /// as folding them did then, without building anything: a copy sent later is then a duplicate.
    /// </summary>
    public void RememberSeen(List<ulong> identities)
    {
        ArgumentNullException.ThrowIfNull(identities);
        lock (_duplicatesGate)
        {
            foreach (var identity in identities)
            {
                _duplicates.TryAdd(identity);
            }
        }
    }

    /// <summary>
    /// Writes the posts the duplicate filter remembers (<see cref="DuplicateFilter.WriteTo"/>), for
    /// the next start of a node that stops: all but those some brands journaled and others did not,
    /// or whose round's writes may still land, which this record cannot tell apart from the others
    /// (a resend of one then counts it as a new post, as a resend after a restart always did).
    /// </summary>
    public void WriteSeen(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        lock (_duplicatesGate)
        {
            foreach (var post in _partlyJournaled.Posts.Concat(_undecided.Keys).ToList())
            {
                _duplicates.Forget(post);
            }

            _duplicates.WriteTo(stream);
        }
    }

    /// <summary>Takes over the posts an earlier start wrote with <see cref="WriteSeen"/>, before any is folded.</summary>
    /// <exception cref="InvalidDataException">The stream is not such a record.</exception>
    public void ReadSeen(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        lock (_duplicatesGate)
        {
            _duplicates.ReadFrom(stream);
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
            if (!ReferenceEquals(_keptFor, analyzer.Model))
            {
                ForgetBrandsNotIn(analyzer.Model);
            }
        }
    }

    /// <summary>How many brands the batcher holds a builder for.</summary>
    internal int BrandsHeld => _builders.Count;

    private void ForgetBrandsNotIn(ListeningModel model)
    {
        foreach (var brand in _builders.Keys)
        {
            if (!model.TryGetBrand(brand, out _))
            {
                _builders.Remove(brand);
            }
        }

        foreach (var brand in _bursts.Keys)
        {
            if (!model.TryGetBrand(brand, out _))
            {
                _bursts.Remove(brand);
            }
        }

        _keptFor = model;
    }

    private void AdmitUnguarded(ChunkReading reading, ListeningModel model, IReadOnlySet<string> watched, AdmittedPosts admitted)
    {
        admitted.FoldedWith(model);
        Post? undecided = null;
        foreach (var (post, finding) in reading.Threats)
        {
            // Posts that mention no brand are sent again like any other: a threat in one counts once.
            var key = PostIdentity.Of(post);
            var seen = !_duplicates.TryAdd(key);
            if (seen && _undecided.Count > 0 && _undecided.ContainsKey(key))
            {
                // Its earlier write may still land: the request is to be sent again once it is known
                // (a post's findings come one after another, and the post counts once).
                reading.Undecided += ReferenceEquals(post, undecided) ? 0 : 1;
                undecided = post;
                continue;
            }

            var part = seen ? PartlyJournaled(key) : null;
            if (part is not null && part.Have.Contains(finding.BrandId))
            {
                // That brand journaled it in an earlier round.
                continue;
            }

            if (seen && !admitted.CarriesThreatsOf(key) && (part is null || !Resends(key, part, admitted)))
            {
                // Seen in an earlier round, and not missed by a brand it threatens, or carried to them by a round under way.
                continue;
            }

            // A post is carried once per brand threatened, however many copies of it the round holds,
            // with every finding of that copy: carried with its first finding alone, a post that
            // doxxed and threatened violence raised the doxxing alert and lost the threat.
            switch (admitted.CarryThreat(key, finding.BrandId, post))
            {
                case ThreatCarry.First:
                    admitted.Add(key, finding.BrandId, mentioned: false);
                    Builder(finding.BrandId).AddThreat(post, finding);
                    break;
                case ThreatCarry.AnotherFinding:
                    Builder(finding.BrandId).AddThreat(post, finding);
                    break;
            }
        }

        foreach (var mention in reading.Mentions)
        {
            if (!_duplicates.TryAdd(mention.Identity))
            {
                if (_undecided.Count > 0 && _undecided.ContainsKey(mention.Identity))
                {
                    reading.Undecided++;
                }
                else if (PartlyJournaled(mention.Identity) is not { } part || !AdmitToBrandsThatMissedIt(mention, part, model, watched, admitted))
                {
                    reading.Duplicates++;
                }

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

    /// <summary>What an earlier round journaled of a post the filter remembers: looked up for duplicates only, so other posts pay nothing.</summary>
    private PartlyJournaledPost? PartlyJournaled(ulong key) =>
        _partlyJournaled.Count > 0 && _partlyJournaled.TryGet(key, _duplicates.Generation, out var part) ? part : null;

    private void AddMention(MatchedPost mention, string brand, IReadOnlySet<string> watched)
    {
        var builder = Builder(brand);
        builder.Add(mention.Post, mention.Analysis.ForBrand(brand), mention.Facts);
        if (watched.Contains(brand) && Bursts(brand).Observe(mention.Post, mention.Print) is { } burst)
        {
            builder.AddThreat(mention.Post, burst);
        }
    }

    /// <summary>
    /// Carries a post an earlier round journaled for some of its brands to the others alone: its
    /// mention, its threats, and the share of voice its rivals read. False when nothing is left to
    /// carry, or a round carrying it is under way (this one, with an earlier copy, or another): the
    /// copy is then a duplicate.
    /// </summary>
    private bool AdmitToBrandsThatMissedIt(MatchedPost mention, PartlyJournaledPost part, ListeningModel model, IReadOnlySet<string> watched, AdmittedPosts admitted)
    {
        if (part.Resending)
        {
            return false;
        }

        var have = part.Have;
        var key = mention.Identity;
        foreach (var finding in mention.Threats)
        {
            if (!have.Contains(finding.BrandId))
            {
                Resends(key, part, admitted);
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
                    if (!have.Contains(rival))
                    {
                        Resends(key, part, admitted);
                        admitted.Add(key, rival, mentioned: false);
                        Builder(rival).AddCompetitorMentions(minute, 1);
                    }
                }

                continue;
            }

            Resends(key, part, admitted);
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

        return part.Resending;
    }

    /// <summary>
    /// Takes a partly journaled post into this round; false when a round carrying it is under way
    /// already, unless it is this one (a threat-only post has a finding per brand threatened).
    /// </summary>
    private static bool Resends(ulong key, PartlyJournaledPost part, AdmittedPosts admitted)
    {
        if (part.Resending)
        {
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

                // Seen everywhere it goes: kept seen even if the filter let it go meanwhile.
                _duplicates.TryAdd(post);
            }
        }
    }

    /// <summary>
    /// Marks the posts of a round answered as failed whose writes may still land, chosen by the
    /// brands the round carried each to: until they are <see cref="Settle"/>-d, a copy of one is
    /// <see cref="ChunkReading.Undecided"/>.
    /// </summary>
    public void AwaitDecision(AdmittedPosts admitted, Func<HashSet<string>, bool> which)
    {
        ArgumentNullException.ThrowIfNull(admitted);
        ArgumentNullException.ThrowIfNull(which);
        var waiting = admitted.Targets().Where(t => which(t.Brands)).Select(t => t.Post).ToList();
        lock (_duplicatesGate)
        {
            foreach (var post in waiting)
            {
                _undecided[post] = _undecided.GetValueOrDefault(post) + 1;
            }
        }
    }

    /// <summary>
    /// Settles a round's posts once its journal writes have ended. A post journaled by every brand
    /// the round carried it to stays seen, so a resend does not count it twice; one journaled by
    /// none is forgotten, so a resend counts it; one journaled by some is remembered with them
    /// (<see cref="PartlyJournaledPosts"/>), so a resend goes to the others alone (or, when that
    /// record is full, forgotten too).
    /// </summary>
    /// <param name="lost">The brands whose batches were not journaled; null when none of the round's were.</param>
    /// <param name="which">Which posts to settle now, by the brands the round carried each to; every one when null. A post is settled once.</param>
    /// <param name="decided">Whether these posts were marked by <see cref="AwaitDecision"/>, which this settling ends.</param>
    public void Settle(AdmittedPosts admitted, IReadOnlySet<string>? lost, Func<HashSet<string>, bool>? which = null, bool decided = false)
    {
        ArgumentNullException.ThrowIfNull(admitted);

        // Worked out before the lock, which the folds of later rounds wait on.
        var settled = admitted.Targets().Where(t => which is null || which(t.Brands)).ToList();
        lock (_duplicatesGate)
        {
            foreach (var (post, brands) in settled)
            {
                if (decided && _undecided.TryGetValue(post, out var rounds))
                {
                    if (rounds > 1)
                    {
                        _undecided[post] = rounds - 1;
                    }
                    else
                    {
                        _undecided.Remove(post);
                    }
                }

                var resent = admitted.IsResent(post);
                var part = resent && _partlyJournaled.TryGet(post, _duplicates.Generation, out var known) ? known : null;
                if (part is not null)
                {
                    part.Resending = false;
                }

                var journaled = lost is null ? 0 : brands.Count(b => !lost.Contains(b));
                if (part is null && journaled == brands.Count)
                {
                    continue;
                }

                if (part is null && (journaled == 0 || !RememberPartly(post, brands, lost!)))
                {
                    _duplicates.Forget(post);
                    continue;
                }

                if (part is not null)
                {
                    if (lost is not null)
                    {
                        part.Have.UnionWith(brands.Where(b => !lost.Contains(b)));
                    }

                    if (brands.IsSubsetOf(part.Have))
                    {
                        _partlyJournaled.Remove(post);
                    }

                    part.Generation = KeepSeen(post);
                }
            }
        }
    }

    private bool RememberPartly(ulong post, HashSet<string> brands, IReadOnlySet<string> lost)
    {
        var have = new HashSet<string>(brands.Where(b => !lost.Contains(b)), StringComparer.Ordinal);
        return _partlyJournaled.TryAdd(post, have, KeepSeen(post));
    }

    /// <summary>Puts a post in the filter's newer generation, however long ago it was seen; returns that generation.</summary>
    private long KeepSeen(ulong post)
    {
        _duplicates.Forget(post);
        var generation = _duplicates.Generation;
        _duplicates.TryAdd(post);
        return generation;
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
