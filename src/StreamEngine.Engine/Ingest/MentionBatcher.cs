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
/// them on the ingest threads); a failed round's <see cref="Forget"/> comes from whichever thread
/// saw the failure, so the duplicate filter is guarded. The per-brand builders are kept from round to round.
/// </summary>
public sealed class MentionBatcher(int duplicateHorizon = DuplicateFilter.DefaultGenerationSize)
{
    private readonly DuplicateFilter _duplicates = new(duplicateHorizon);
    private readonly Dictionary<string, CoordinatedBurstDetector> _bursts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BrandDeltaBuilder> _builders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BrandDeltaBuilder> _round = new(StringComparer.Ordinal);
    private readonly Lock _duplicatesGate = new();

    /// <summary>Folds a whole round at once: <see cref="Admit"/> for each of its chunks, then <see cref="Build"/>.</summary>
    /// <param name="admitted">Receives every post let through with the brands it went to, so that what a round failed to journal can be <see cref="Forget"/>-ed.</param>
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
    /// <param name="admitted">Receives every post let through with the brands it went to, so that what a round failed to journal can be <see cref="Forget"/>-ed.</param>
    public void Admit(ChunkReading reading, PostAnalyzer analyzer, AdmittedPosts admitted)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(admitted);
        lock (_duplicatesGate)
        {
            AdmitUnguarded(reading, analyzer.Threats.Watched, admitted);
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
                batches.Add(new RecordMentions(brand, builder.Build(), writeBy));
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

    private void AdmitUnguarded(ChunkReading reading, IReadOnlySet<string> watched, AdmittedPosts admitted)
    {
        foreach (var (post, finding) in reading.Threats)
        {
            // Posts that mention no brand are sent again like any other: a threat in one counts once.
            var key = PostIdentity.Of(post);
            if (!_duplicates.TryAdd(key) && !admitted.Contains(key))
            {
                // Seen in an earlier round (a post with several findings is admitted once, by its first).
                continue;
            }

            admitted.Add(key, finding.BrandId);
            Builder(finding.BrandId).AddThreat(post, finding);
        }

        foreach (var mention in reading.Mentions)
        {
            if (!_duplicates.TryAdd(mention.Identity))
            {
                reading.Duplicates++;
                continue;
            }

            foreach (var finding in mention.Threats)
            {
                admitted.Add(mention.Identity, finding.BrandId);
                Builder(finding.BrandId).AddThreat(mention.Post, finding);
            }

            // By index: a foreach over the interface would allocate an enumerator per mention.
            var brands = mention.Brands;
            for (var b = 0; b < brands.Count; b++)
            {
                var brand = brands[b];
                admitted.Add(mention.Identity, brand);
                var builder = Builder(brand);
                builder.Add(mention.Post, mention.Analysis, mention.Facts);
                if (watched.Contains(brand) && Bursts(brand).Observe(mention.Post, mention.Print) is { } burst)
                {
                    builder.AddThreat(mention.Post, burst);
                }
            }
        }
    }

    /// <summary>Forgets posts whose round was not journaled after all, so that a resend of them counts.</summary>
    public void Forget(IEnumerable<ulong> admitted)
    {
        ArgumentNullException.ThrowIfNull(admitted);
        lock (_duplicatesGate)
        {
            foreach (var key in admitted)
            {
                _duplicates.Forget(key);
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
        // Collected first: a rival's builder, once written, joins the round being read.
        var sources = new List<(IReadOnlyList<string> Watching, List<(long Minute, long Mentions)> Minutes)>();
        foreach (var (brand, builder) in _round)
        {
            if (model.RivalsWatching(brand) is { Count: > 0 } watching && builder.MentionsPerMinute.ToList() is { Count: > 0 } minutes)
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
