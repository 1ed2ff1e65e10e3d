using System.Diagnostics;
using System.Threading.Channels;
using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Analysis;
using StreamEngine.Domain.Ingest;
using StreamEngine.Domain.Matching;
using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Sketches;
using StreamEngine.Domain.Model;
using StreamEngine.Domain.Threats;
using StreamEngine.Engine.Brands;
using StreamEngine.Engine.Telemetry;

namespace StreamEngine.Engine.Ingest;

/// <summary>
/// The ingest graph: chunks of NDJSON from any source → parse, validate and match (in parallel) →
/// per-brand batches across many chunks → the brand shard region, whose acknowledgements complete
/// the chunks. The queue in front is bounded, so a full graph makes senders wait and then refuses
/// them; memory never grows with the backlog.
/// </summary>
public sealed class IngestPipeline
{
    private readonly Channel<IngestChunk> _queue;
    private readonly IActorRef _brands;
    private readonly CurrentModel _model;
    private readonly TimeProvider _clock;
    private readonly IngestSettings _settings;
    private readonly DuplicateFilter _duplicates;
    private readonly Dictionary<string, CoordinatedBurstDetector> _bursts = new(StringComparer.Ordinal);

    [ThreadStatic]
    private static AnalysisScratch? t_scratch;

    public IngestPipeline(ActorSystem system, IActorRef brandRegion, CurrentModel model, TimeProvider clock, IngestSettings settings)
    {
        ArgumentNullException.ThrowIfNull(system);
        _brands = brandRegion;
        _model = model;
        _clock = clock;
        _settings = settings;
        _duplicates = new DuplicateFilter(settings.DuplicateHorizon);
        _queue = Channel.CreateBounded<IngestChunk>(new BoundedChannelOptions(settings.QueueChunks)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        Completion = ChannelSource.FromReader(_queue.Reader)
            .SelectAsync(settings.ReadParallelism, chunk => Task.Run(() => Read(chunk)))
            .GroupedWithin(settings.ChunksPerBatch, settings.EffectiveBatchWindow)
            .SelectAsync(settings.BatchesInFlight, Journal)
            .RunWith(Sink.Ignore<NotUsed>(), system.Materializer());
    }

    /// <summary>Completes when the graph has drained after <see cref="Complete"/>.</summary>
    public Task Completion { get; }

    /// <summary>
    /// Queues a chunk, waiting up to <paramref name="maxWait"/> for room. False means the graph is
    /// saturated and the chunk was not taken; the caller should retry later.
    /// </summary>
    public async Task<bool> TryEnqueueAsync(IngestChunk chunk, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        if (_queue.Writer.TryWrite(chunk))
        {
            EngineMetrics.IngestQueueDepth.Inc();
            return true;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(maxWait);
        try
        {
            await _queue.Writer.WriteAsync(chunk, timeout.Token);
            EngineMetrics.IngestQueueDepth.Inc();
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (ChannelClosedException)
        {
            return false;
        }
    }

    /// <summary>Stops taking chunks; those already queued are still journaled.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    private IngestChunk Read(IngestChunk chunk)
    {
        EngineMetrics.IngestQueueDepth.Dec();
        var started = Stopwatch.GetTimestamp();
        try
        {
            var scratch = t_scratch ??= new AnalysisScratch();
            var reading = ChunkReader.Read(chunk.Lines.Span, chunk.FirstLine, _model.Analyzer, _clock.GetUtcNow(), scratch);
            if (chunk.RefusedBeforeReading is { } refused)
            {
                reading.Errors.Add(refused);
            }

            chunk.Reading = reading;
            EngineMetrics.PostsReceived.Inc(reading.Accepted + reading.Rejected);
            EngineMetrics.PostsAccepted.Inc(reading.Accepted);
            EngineMetrics.PostsRejected.Inc(reading.Rejected);
            EngineMetrics.PostsLate.Inc(reading.Late);
            EngineMetrics.PostsUnmatched.Inc(reading.Unmatched);
        }
#pragma warning disable CA1031 // a failure here must fail this chunk only, never the graph that serves every sender
        catch (Exception ex)
#pragma warning restore CA1031
        {
            chunk.Complete(IngestOutcome.Failed($"the chunk could not be read: {ex.Message}"));
        }

        EngineMetrics.StageSeconds.WithLabels("read").Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        return chunk;
    }

    private async Task<NotUsed> Journal(IEnumerable<IngestChunk> round)
    {
        var chunks = round.Where(c => c.Reading is not null).ToList();
        var started = Stopwatch.GetTimestamp();
        string? failure = null;
        var admitted = new List<ulong>();
        try
        {
            var commands = Batch(chunks, admitted);
            EngineMetrics.PostsDuplicate.Inc(chunks.Sum(c => c.Reading!.Duplicates));
            EngineMetrics.StageSeconds.WithLabels("batch").Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
            started = Stopwatch.GetTimestamp();
            var timeout = _settings.EffectiveAcknowledgeTimeout;
            var acks = await Task.WhenAll(commands.Select(c => _brands.Ask<MentionsAcknowledged>(c, timeout)));
            EngineMetrics.MentionsRecorded.Inc(acks.Sum(a => a.Mentions));
            EngineMetrics.StageSeconds.WithLabels("journal").Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
#pragma warning disable CA1031 // reported to every sender of the round instead of failing the graph
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = ex is AskTimeoutException
                ? $"brand batches were not journaled within {_settings.EffectiveAcknowledgeTimeout.TotalSeconds:0.###} s"
                : $"brand batches were not journaled: {ex.Message}";

            // Not journaled, so not seen: a resend of these posts must count.
            foreach (var key in admitted)
            {
                _duplicates.Forget(key);
            }
        }

        foreach (var chunk in chunks)
        {
            var r = chunk.Reading!;
            chunk.Complete(new IngestOutcome(r.Accepted, r.Rejected, r.Late, r.Unmatched, r.Duplicates, r.Errors, failure is null, failure));
            chunk.Reading = null;
        }

        return NotUsed.Instance;
    }

    /// <summary>
    /// Folds a round of chunks into one batch per brand; runs on one thread at a time, so the
    /// duplicate filter and the coordinated-burst detectors need no lock.
    /// </summary>
    private List<RecordMentions> Batch(List<IngestChunk> chunks, List<ulong> admitted)
    {
        var builders = new Dictionary<string, BrandDeltaBuilder>(StringComparer.Ordinal);
        BrandDeltaBuilder Builder(string brand)
        {
            if (!builders.TryGetValue(brand, out var builder))
            {
                builders[brand] = builder = new BrandDeltaBuilder();
            }

            return builder;
        }

        // One model for the whole round, even if it is swapped meanwhile.
        var analyzer = _model.Analyzer;
        var watched = analyzer.Threats.Watched;
        foreach (var chunk in chunks)
        {
            var reading = chunk.Reading!;
            foreach (var (post, finding) in reading.Threats)
            {
                // Posts that mention no brand are sent again like any other: a threat in one counts once.
                var key = StableHash.Of(post.Network.ToName(), post.Id);
                if (_duplicates.TryAdd(key))
                {
                    admitted.Add(key);
                }
                else if (!admitted.Contains(key))
                {
                    // Seen in an earlier round (a post with several findings is admitted once, by its first).
                    continue;
                }

                Builder(finding.BrandId).AddThreat(post, finding);
            }

            foreach (var mention in reading.Mentions)
            {
                var key = StableHash.Of(mention.Post.Network.ToName(), mention.Post.Id);
                if (!_duplicates.TryAdd(key))
                {
                    reading.Duplicates++;
                    continue;
                }

                admitted.Add(key);
                foreach (var finding in mention.Threats)
                {
                    Builder(finding.BrandId).AddThreat(mention.Post, finding);
                }

                foreach (var brand in mention.Brands)
                {
                    var builder = Builder(brand);
                    builder.Add(mention.Post, mention.Analysis, mention.Facts);
                    if (watched.Contains(brand) && Bursts(brand).Observe(mention.Post) is { } burst)
                    {
                        builder.AddThreat(mention.Post, burst);
                    }
                }
            }
        }

        AddCompetitorMentions(builders, analyzer.Model);
        return builders.Select(b => new RecordMentions(b.Key, b.Value.Build())).ToList();
    }

    /// <summary>
    /// Tells each brand of a set how many mentions its competitors had per minute in this round, so
    /// it can watch its share of voice; a brand not mentioned in the round still learns it (0 %).
    /// Counts add up over rounds and nodes, as the brand's own mentions do.
    /// </summary>
    private static void AddCompetitorMentions(Dictionary<string, BrandDeltaBuilder> builders, ListeningModel model)
    {
        var perBrand = builders.ToDictionary(b => b.Key, b => b.Value.MentionsPerMinute.ToList(), StringComparer.Ordinal);
        foreach (var brand in model.Brands)
        {
            foreach (var competitor in brand.Competitors)
            {
                if (!perBrand.TryGetValue(competitor, out var minutes))
                {
                    continue;
                }

                if (!builders.TryGetValue(brand.Id, out var builder))
                {
                    builders[brand.Id] = builder = new BrandDeltaBuilder();
                }

                foreach (var (minute, mentions) in minutes)
                {
                    builder.AddCompetitorMentions(minute, mentions);
                }
            }
        }
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
