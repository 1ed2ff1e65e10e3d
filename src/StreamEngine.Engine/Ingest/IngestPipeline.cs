using System.Diagnostics;
using System.Threading.Channels;
using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using StreamEngine.Domain.Analysis;
using StreamEngine.Domain.Ingest;
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
    private readonly MentionBatcher _batcher;
    private readonly RoundFolds _folds;
    private readonly RoundSize _roundSize;
    private readonly BrandRecoveryWatch? _recoveries;
    private long _announcedMinute = long.MinValue;
    private int _unanswered;

    // The end of the last round's announcement of event time (see AnnounceEventTimeInTurn).
    private Task _announcements = Task.CompletedTask;

    // The end of the last round's sending of its brand batches. Each round's batches are built on an
    // ingest thread and sent from it; a later round built meanwhile on another would otherwise send
    // its batches among the earlier round's, and a brand handed the later one first judges its
    // minutes before the earlier posts have come.
    private Task _batchesSent = Task.CompletedTask;

    [ThreadStatic]
    private static AnalysisScratch? t_scratch;

    /// <param name="recoveries">When given, a round with a batch for a brand that cannot recover fails at once with the cause, instead of holding its place in the graph until its answer timeout.</param>
    public IngestPipeline(ActorSystem system, IActorRef brandRegion, CurrentModel model, TimeProvider clock, IngestSettings settings, BrandRecoveryWatch? recoveries = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        _brands = brandRegion;
        _recoveries = recoveries;
        _model = model;
        _clock = clock;
        _settings = settings;
        _batcher = new MentionBatcher(settings.DuplicateHorizon);
        var takeUp = settings.EffectiveAcknowledgeTimeout;
        _folds = new RoundFolds(_batcher, () => _clock.GetUtcNow() + takeUp);
        _roundSize = new RoundSize(settings.ChunksPerRound, takeUp, limit => EngineMetrics.RoundChunksLimit.Set(limit));
        _queue = Channel.CreateBounded<IngestChunk>(new BoundedChannelOptions(settings.QueueChunks)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        Completion = ChannelSource.FromReader(_queue.Reader)
            .SelectAsync(settings.ReadParallelism, chunk => Task.Factory.StartNew(() => Read(chunk), CancellationToken.None, TaskCreationOptions.DenyChildAttach, IngestThreads.Instance))

            // Rounds of as many chunks as the store has lately kept up with, each chunk folded as it joins.
            .Via(new RoundGathering<IngestChunk, FoldedRound>(_roundSize, settings.EffectiveBatchWindow, () => _folds.Open(_model.Analyzer)))

            // Unordered: a round held by a brand whose node died (up to the answer timeout) must not
            // keep the rounds after it, once those have ended, from making room for more. Each round
            // answers its own senders, sends its batches and announces event time in turn itself.
            .SelectAsyncUnordered(settings.BatchesInFlight, Journal)
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
            Taken(chunk);
            return true;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(maxWait);
        try
        {
            await _queue.Writer.WriteAsync(chunk, timeout.Token);
            Taken(chunk);
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

    /// <summary>How many posts back a copy of a post is still told for a duplicate: the posts a replay that goes on after its journaled lines reads again first (<see cref="RememberJournaled"/>).</summary>
    public int PostsRemembered => 2 * _settings.DuplicateHorizon;

    /// <summary>
    /// The identities of the posts of NDJSON lines journaled at an earlier start that ingesting them
    /// remembered as seen; thread-safe, so that blocks of lines are read side by side.
    /// </summary>
    public List<ulong> JournaledIdentities(ReadOnlySpan<byte> lines)
    {
        var identities = new List<ulong>();
        ChunkReader.ReadIdentities(lines, _model.Analyzer, _clock.GetUtcNow(), t_scratch ??= new AnalysisScratch(), identities);
        return identities;
    }

    /// <summary>
    /// Remembers those posts (<see cref="JournaledIdentities"/>) as seen, in the order of their lines:
    /// a replay that goes on after them counts a later copy of one as a duplicate, as it would have
    /// had it not stopped.
    /// </summary>
    public void RememberJournaled(List<ulong> identities) => _batcher.RememberSeen(identities);

    /// <summary>Writes the posts the graph has seen, for the node's next start (<see cref="MentionBatcher.WriteSeen"/>); once it has drained.</summary>
    public void WriteSeen(Stream stream) => _batcher.WriteSeen(stream);

    /// <summary>Takes over the posts an earlier start of the node wrote with <see cref="WriteSeen"/>.</summary>
    public void ReadSeen(Stream stream) => _batcher.ReadSeen(stream);

    /// <summary>The most chunks a round may hold now: it starts at <see cref="RoundSize.FirstLimit"/> and moves up to <see cref="IngestSettings.ChunksPerRound"/> while the store keeps up.</summary>
    public int RoundChunkLimit => _roundSize.Limit;

    /// <summary>Stops taking chunks; those already queued are still journaled.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>The chunks taken whose senders have no answer yet: what a graph stopped now would leave unacknowledged.</summary>
    public int UnansweredChunks => Volatile.Read(ref _unanswered);

    private void Taken(IngestChunk chunk)
    {
        EngineMetrics.IngestQueueDepth.Inc();
        Interlocked.Increment(ref _unanswered);
        chunk.Outcome.ContinueWith(_ => Interlocked.Decrement(ref _unanswered), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

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
        finally
        {
            // The posts read hold their own strings: the chunk's bytes are not needed again.
            chunk.ReleaseLines();
        }

        EngineMetrics.StageSeconds.WithLabels("read").Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        return chunk;
    }

    private async Task<NotUsed> Journal(FoldedRound folded)
    {
        var round = folded.Round;
        var chunks = round.Chunks.Where(c => c.Reading is not null).ToList();
        var roundStarted = Stopwatch.GetTimestamp();
        var started = roundStarted;
        string? failure = null;
        var admitted = folded.Admitted;
        List<RecordMentions>? commands = null;
        List<Task<MentionsAcknowledged>>? asks = null;
        var announcedInTurn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var earlierAnnounced = _announcements;
        _announcements = announcedInTurn.Task;
        var sentInTurn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var earlierSent = _batchesSent;
        _batchesSent = sentInTurn.Task;
        try
        {
            // A brand answers a batch it took up once the journal has, however long the store took:
            // a round that stopped waiting sooner could report lost posts that are then written.
            var timeout = _settings.EffectiveAnswerTimeout;

            // The round's last folds may still be running: its batches are built after them.
            commands = await folded.Batches;
            EngineMetrics.RoundBrands.Observe(commands.Count);
            EngineMetrics.PostsDuplicate.Inc(chunks.Sum(c => c.Reading!.Duplicates));
            EngineMetrics.StageSeconds.WithLabels("batch").Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
            started = Stopwatch.GetTimestamp();
            await earlierSent;
            asks = commands.ConvertAll(c => _recoveries is null
                ? _brands.Ask<MentionsAcknowledged>(c, timeout)
                : _recoveries.AskAsync<MentionsAcknowledged>(_brands, c, timeout));
            sentInTurn.SetResult();
            var acks = await Task.WhenAll(asks);
            EngineMetrics.MentionsRecorded.Inc(acks.Sum(a => a.Mentions));
            EngineMetrics.StageSeconds.WithLabels("journal").Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
            if (commands.Count > 0)
            {
                // A round that named no brand took no time of the store's, so it says nothing of its pace.
                _roundSize.Journaled(round, Stopwatch.GetElapsedTime(roundStarted));
            }
        }
#pragma warning disable CA1031 // reported to every sender of the round instead of failing the graph
        catch (Exception ex)
#pragma warning restore CA1031
        {
            EngineMetrics.RoundsFailed.Inc();

            // Each brand named costs a journal row: the count tells an operator whether the round
            // was too large for the store rather than the store too slow.
            failure = ex is AskTimeoutException
                ? $"brand batches were not answered within {_settings.EffectiveAnswerTimeout.TotalSeconds:0.###} s (the round named {commands?.Count ?? 0} brands)"
                : $"brand batches were not journaled: {ex.Message}";

            // An overloaded store fails writes in several ways (asks timing out, batches refused past
            // their write-by time, writes failed by the journal's own timeout or open breaker), and
            // each says the rounds are too large for it. A brand that cannot recover, or that stopped
            // before it took its batch up, says nothing of the sort: one broken brand would otherwise
            // shrink every round it is named in (a failed write is told by the batches in flight).
            if (asks is not null && asks.Any(a => a.IsFaulted && a.Exception?.InnerException is not BrandUnavailableException))
            {
                _roundSize.Missed(round);
            }

            // The brands that acknowledged journaled their mentions all the same.
            if (asks is not null)
            {
                EngineMetrics.MentionsRecorded.Inc(asks.Where(a => a.IsCompletedSuccessfully).Sum(a => a.Result.Mentions));
            }

            // Not journaled, so not seen: a resend of these posts must count where they were not.
            // Brands that acknowledged have them: a resend counting them there too would count them twice.
            if (asks is null || commands is null)
            {
                _batcher.Settle(admitted, lost: null);
            }
            else
            {
                SettleWhatWasNotJournaled(commands, asks, admitted);
            }
        }

        if (failure is null)
        {
            _batcher.Journaled(admitted);
        }

        // A round that failed before it sent its batches still passes the turn on, once the round
        // before it has sent.
        _ = earlierSent.ContinueWith(_ => sentInTurn.TrySetResult(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        // The newest minute alone waits its turn: the batches would be held with it, every round's
        // behind one a dead node's brand holds for up to the answer timeout.
        AnnounceEventTimeInTurn(earlierAnnounced, failure is null && commands is not null ? NewestMinute(commands) : null, announcedInTurn);
        foreach (var chunk in chunks)
        {
            var r = chunk.Reading!;
            var chunkFailure = failure ?? (r.Undecided > 0 ? UndecidedFailure(r.Undecided) : null);
            chunk.Complete(new IngestOutcome(r.Accepted, r.Rejected, r.Late, r.Unmatched, r.Duplicates, r.Errors, chunkFailure is null, chunkFailure));
            chunk.Reading = null;
        }

        return NotUsed.Instance;
    }

    /// <summary>
    /// Why a chunk whose other posts were journaled is still to be sent again: a 200 would tell its
    /// sender those posts are in, when their first copy's write may yet be lost.
    /// </summary>
    private string UndecidedFailure(int posts) =>
        $"{posts} posts were sent before in a request answered 503 whose write by a brand that could not recover may still land, "
        + $"for up to {_settings.EffectiveAnswerTimeout.TotalSeconds:0.###} s after it: send this request again then (its other posts are journaled and count once)";

    /// <summary>
    /// Announces how far a journaled round's event time has come once every earlier round has ended,
    /// journaled or not, then lets the next round announce. Rounds journal side by side, and a later
    /// one often ends first: announced then, its minutes would have brands judge minutes whose posts
    /// an earlier round still carries (a false dip, and the spike missed). A failed round announces
    /// nothing; its posts come back late.
    /// </summary>
    private void AnnounceEventTimeInTurn(Task earlier, long? newestMinute, TaskCompletionSource done) =>
        earlier.ContinueWith(
            _ =>
            {
                try
                {
                    if (newestMinute is { } newest)
                    {
                        AnnounceEventTime(newest);
                    }
                }
                finally
                {
                    done.SetResult();
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    /// <summary>
    /// Settles the round's posts with the brands that did not journal their batch, so that a resend
    /// counts them there. A brand heard failing its recovery is decided only when its own ask ends:
    /// the round is answered now, but the batch may still reach a later incarnation of the brand
    /// that recovers and writes it (at the latest, its ask fails at its deadline).
    /// </summary>
    private void SettleWhatWasNotJournaled(List<RecordMentions> commands, List<Task<MentionsAcknowledged>> asks, AdmittedPosts admitted)
    {
        var lost = new HashSet<string>(StringComparer.Ordinal);
        var undecided = new List<(string Brand, Task Answer)>();
        for (var i = 0; i < commands.Count; i++)
        {
            if (asks[i].IsCompletedSuccessfully)
            {
                continue;
            }

            if (asks[i].Exception?.InnerException is BrandNotRecoveredException { Answer: var answer })
            {
                undecided.Add((commands[i].BrandId, answer));
                continue;
            }

            lost.Add(commands[i].BrandId);
        }

        if (undecided.Count == 0)
        {
            _batcher.Settle(admitted, lost);
            return;
        }

        // The posts that went to none of those brands are settled now, so a resend soon after counts them where they were lost.
        var waiting = undecided.Select(u => u.Brand).ToHashSet(StringComparer.Ordinal);
        _batcher.Settle(admitted, lost, brands => !brands.Overlaps(waiting));
        _batcher.AwaitDecision(admitted, brands => brands.Overlaps(waiting));
        _ = Task.WhenAll(undecided.Select(u => u.Answer)).ContinueWith(
            _ =>
            {
                lost.UnionWith(undecided.Where(u => !u.Answer.IsCompletedSuccessfully).Select(u => u.Brand));
                _batcher.Settle(admitted, lost, brands => brands.Overlaps(waiting), decided: true);
            },
            CancellationToken.None,
            TaskContinuationOptions.None,
            TaskScheduler.Default);
    }

    /// <summary>The newest minute of a round's journaled batches.</summary>
    private static long NewestMinute(List<RecordMentions> journaled)
    {
        var newest = long.MinValue;
        foreach (var command in journaled)
        {
            foreach (var minute in command.Delta.Minutes)
            {
                newest = Math.Max(newest, minute.Minute);
            }
        }

        return newest;
    }

    /// <summary>
    /// Tells every brand of the model, once per minute of event time, how far the journaled posts
    /// have come: a brand no post names any more judges its silence as it happens. Called for one
    /// round at a time, in the rounds' order (<see cref="AnnounceEventTimeInTurn"/>).
    /// </summary>
    private void AnnounceEventTime(long newest)
    {
        newest = Math.Min(newest, Domain.Aggregates.EventTime.MinuteOf(_clock.GetUtcNow()));
        if (newest <= _announcedMinute)
        {
            return;
        }

        _announcedMinute = newest;

        foreach (var brand in _model.Analyzer.Model.Brands)
        {
            _brands.Tell(new FirehoseReachedMinute(brand.Id, newest));
        }
    }
}
