using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using Akka.Persistence;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Alerts;
using StreamEngine.Domain.Competition;
using StreamEngine.Domain.Influence;
using StreamEngine.Domain.Sketches;
using StreamEngine.Engine.Serialization;
using StreamEngine.Engine.Telemetry;

namespace StreamEngine.Engine.Brands;

/// <summary>
/// One brand's rolling aggregates, sharded by brand id. Batches are journaled with PersistAsync so
/// dashboard queries are answered while writes are in flight; the state, and so every answer,
/// only ever reflects journaled batches.
/// <para>
/// After each batch, the minutes that closed on event time (the newest minute seen, never ahead of
/// the clock) are judged for spikes and dips; the alerts raised are journaled, then published.
/// Event time is the newer of the brand's own newest minute and the firehose's, less <see cref="FirehoseLagMinutes"/>
/// (<see cref="FirehoseReachedMinute"/>), so a brand gone silent has its dip judged on time.
/// After a restart the detector relearns its baselines from the recovered minute buckets,
/// raising nothing, and remembers the recovered alerts' cool-downs.
/// </para>
/// </summary>
public sealed class BrandActor : PersistentActor
{
    private readonly string _brandId;
    private readonly TimeProvider _clock;
    private readonly BrandActorSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly SpikeDetector _detector;
    private readonly ThreatAlerts _threats;
    private readonly List<Alert> _alerts = [];

    // Who waits for each batch in flight, oldest first: the journal answers writes in order.
    private readonly Queue<IActorRef> _awaitingJournal = new();
    private BrandAggregate _aggregate;

    // Journaled since the snapshot that last pruned the journal: they decide the next such snapshot.
    private int _batchesSinceSnapshot;
    private long _minutesSinceSnapshot;

    // Journaled since the newest snapshot, pruning or not: they decide a snapshot as the brand stops.
    private int _batchesSinceNewestSnapshot;

    private long _firehoseMinute = long.MinValue;
    private DateTimeOffset _lastRecorded;

    // The sequence number of the snapshot the brand stops after, once asked to stop; -1 until then.
    private long _stoppingAt = -1;

    // Events asked to be journaled whose handlers have not run: a stop waits for them all, those
    // persisted by the handlers it was deferred behind included (the alerts a batch raised).
    private int _writesInFlight;

    /// <summary>
    /// How long a brand must have been sent no post (on the clock) before the firehose's event time
    /// judges its minutes, and how far behind the firehose's that time then runs. While posts keep
    /// coming (a backfill, a file replayed, a news crawler's late minutes) the brand's own event
    /// time alone decides: the firehose's would judge minutes whose posts are still on their way.
    /// </summary>
    public const int FirehoseLagMinutes = 5;

    public BrandActor(string brandId, TimeProvider clock, BrandActorSettings settings)
    {
        _brandId = brandId;
        _clock = clock;
        _settings = settings;
        _detector = new SpikeDetector(brandId, settings.Alerts ?? AlertSettings.Default);
        _threats = new ThreatAlerts(brandId);
        _lastRecorded = clock.GetUtcNow();
        _aggregate = new BrandAggregate(settings.History);
    }

    // The handlers are a switch rather than ReceivePersistentActor's registrations: a restart starts
    // every brand at once, and registering some twenty handlers per instance, then matching through
    // them, was a measurable part of each brand's start.
    protected override bool ReceiveRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: BrandSnapshot snapshot }:
                _aggregate.Release();
                _aggregate = BrandAggregateCodec.Decode(snapshot.EncodedAggregate, snapshot.Version, _settings.History);
                Keep(snapshot.Alerts ?? []);
                (_batchesSinceSnapshot, _minutesSinceSnapshot, _batchesSinceNewestSnapshot) = (snapshot.BatchesBehind, snapshot.MinutesBehind, 0);
                return true;
            case SnapshotOffer:
                return true;
            case MentionsRecorded recorded:
                _aggregate.Replay(recorded.Delta);

                // What a restart replays counts towards the next snapshot: a brand that restarts often
                // would otherwise never take one, and its journal only grow.
                CountSinceSnapshot(recorded.Delta);
                return true;
            case AlertsRaised raised:
                Keep(raised.Alerts);
                return true;
            case RecoveryCompleted:
                CompleteRecovery();
                return true;
            default:
                return false;
        }
    }

    protected override bool ReceiveCommand(object message)
    {
        switch (message)
        {
            case RecordMentions record:
                Record(record);
                return true;
            case StopBrand stop:
                DeferAsync(stop, StopOnceWritten);
                return true;
            case FirehoseReachedMinute reached:
                FirehoseReached(reached);
                return true;
            case SaveSnapshotSuccess saved when _stoppingAt >= 0 && saved.Metadata.SequenceNr >= _stoppingAt:
                // What it covers is pruned by the brand's next snapshot: a reply to a delete would find it stopped.
                StopOnceWritten(StopBrand.Instance);
                return true;
            case SaveSnapshotSuccess saved:
                // The snapshot holds everything up to its sequence number: older snapshots and events are dead weight for recovery.
                DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1));
                DeleteMessages(saved.Metadata.SequenceNr);
                return true;
            case SaveSnapshotFailure failure:
                _log.Warning(failure.Cause, "Snapshot of brand {0} failed; the journal still holds every batch", _brandId);
                if (_stoppingAt >= 0)
                {
                    StopOnceWritten(StopBrand.Instance);
                }

                return true;
            case DeleteMessagesFailure failure:
                _log.Warning(failure.Cause, "Pruning the journal of brand {0} failed", _brandId);
                return true;
            case DeleteSnapshotsFailure failure:
                _log.Warning(failure.Cause, "Pruning old snapshots of brand {0} failed", _brandId);
                return true;
            case DeleteMessagesSuccess or DeleteSnapshotsSuccess:
                return true;
            default:
                return Answer(message);
        }
    }

    /// <summary>Answers a dashboard's query from the brand's figures; false for any other message.</summary>
    private bool Answer(object query)
    {
        var now = _clock.GetUtcNow();
        object? answer = query switch
        {
            GetBrandSummary q => new BrandSummary(_brandId, q.Window, now, _aggregate.Summary(q.Window, now)),
            GetBrandTimeseries q => TimeseriesOf(q.Window, q.Step, now),
            GetBrandSegments q => SegmentsOf(q.Dimension, q.Window, now, _aggregate.Summary(q.Window, now).Mentions),
            GetBrandStanding q => StandingOf(_aggregate.Summary(q.Window, now), _aggregate.Segments(SegmentDimension.Concept, q.Window, now)),
            GetBrandInfluencers q => InfluencersOf(q.Window, q.By, q.Limit, now),
            GetBrandTrending q => new BrandTrending(_brandId, q.Window, Trending.Of(_aggregate, q.Window, now)),
            GetBrandAlerts q => AlertsSince(q.Since),
            GetBrandReport q => ReportOf(q, now),
            _ => null,
        };
        if (answer is null)
        {
            return false;
        }

        Sender.Tell(answer);
        return true;
    }

    /// <summary>Every part of the report from one reading: the window's figures and its concepts summed once for all the parts that show them.</summary>
    private BrandReportParts ReportOf(GetBrandReport q, DateTimeOffset now)
    {
        var figures = _aggregate.Summary(q.Window, now);
        var segments = q.Dimensions.Select(d => SegmentsOf(d, q.Window, now, figures.Mentions)).ToList();
        var concepts = segments.Find(s => s.Dimension == SegmentDimension.Concept)?.Segments ?? _aggregate.Segments(SegmentDimension.Concept, q.Window, now);
        return new BrandReportParts(
            new BrandSummary(_brandId, q.Window, now, figures),
            TimeseriesOf(q.Window, q.Step, now),
            segments,
            StandingOf(figures, concepts),
            InfluencersOf(q.Window, TallyWeight.Reach, q.InfluencerLimit, now),
            AlertsSince(q.AlertsSince));
    }

    private BrandTimeseries TimeseriesOf(TimeWindow window, TimeStep step, DateTimeOffset now) =>
        new(_brandId, window, step, _aggregate.Timeseries(window, step, now));

    private BrandSegments SegmentsOf(SegmentDimension dimension, TimeWindow window, DateTimeOffset now, long mentions)
    {
        var aspects = dimension == SegmentDimension.Concept
            ? _aggregate.AspectSentiment(window, now)
            : new Dictionary<string, SentimentTally>();
        return new BrandSegments(_brandId, dimension, window, mentions, _aggregate.Segments(dimension, window, now), aspects);
    }

    private BrandStandingReply StandingOf(BrandFigures figures, IReadOnlyList<SegmentFigure> concepts) =>
        new(new BrandStanding(_brandId, figures, concepts.ToDictionary(s => s.Value, s => s.Mentions, StringComparer.Ordinal)));

    private BrandInfluencers InfluencersOf(TimeWindow window, TallyWeight by, int limit, DateTimeOffset now)
    {
        var authors = _aggregate.Influence.TopAuthors(window, by, limit, now);
        return new BrandInfluencers(_brandId, window, by, authors.Select(a => new AuthorContribution(a.Author, a.Tally)).ToList());
    }

    private BrandAlerts AlertsSince(DateTimeOffset since) => new(_brandId, _alerts.Where(a => a.Minute >= since).ToList());

    private void CompleteRecovery()
    {
        _aggregate.Seal();
        foreach (var alert in _alerts)
        {
            if (alert.Category == "security")
            {
                _threats.Remember(alert);
            }
            else
            {
                _detector.Remember(alert);
            }
        }

        // Relearn the baselines; what these minutes raised was journaled before the restart.
        JudgeClosedMinutes();
    }

    public override string PersistenceId => "brand-" + _brandId;

    public static Props PropsFor(string brandId, TimeProvider clock, BrandActorSettings settings) =>
        Props.CreateBy(new Producer(brandId, clock, settings));

    /// <summary>
    /// A query whose sealed history cannot be read back (a disk error) is answered as such, and the
    /// brand, whose figures a read cannot have changed, goes on rather than restarting.
    /// </summary>
    protected override bool AroundReceive(Receive receive, object message)
    {
        try
        {
            return base.AroundReceive(receive, message);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException && IsQuery(message))
        {
            _log.Warning(ex, "Brand {0} could not read its sealed history back to answer {1}", _brandId, message.GetType().Name);
            Sender.Tell(new Status.Failure(new BrandHistoryUnreadableException(
                $"brand {_brandId} could not read its sealed history back from the history store: {ex.Message}", ex)));
            return true;
        }
    }

    private static bool IsQuery(object message) =>
        message is GetBrandSummary or GetBrandTimeseries or GetBrandSegments or GetBrandStanding or GetBrandInfluencers or GetBrandTrending or GetBrandReport;

    protected override void PreStart()
    {
        EngineMetrics.BrandActorsAlive.Inc();
        base.PreStart();
    }

    protected override void PostStop()
    {
        // The history store is the node's; what this brand kept there is of no use to anyone else.
        _aggregate.Release();
        EngineMetrics.BrandActorsAlive.Dec();
        base.PostStop();
    }

    private void Record(RecordMentions command)
    {
        if (command.WriteBy is { } writeBy && _clock.GetUtcNow() > writeBy)
        {
            EngineMetrics.BatchesTooLate.Inc();
            Sender.Tell(new Status.Failure(new TimeoutException(
                $"brand {_brandId} received a batch after the time it had to take it up (write by {writeBy:O}); it was not journaled, so its posts count once when sent again")));
            return;
        }

        _awaitingJournal.Enqueue(Sender);

        // Only its own mentions end a brand's quiet: a batch of its rivals' alone (share of voice)
        // kept the quiet from ever lasting, and a silent brand with busy rivals never had its dip.
        if (command.Delta.Mentions > 0)
        {
            _lastRecorded = _clock.GetUtcNow();
        }

        PersistCounted(new MentionsRecorded(command.Delta), recorded =>
        {
            // Journaled, so acknowledged before anything else can fail: a brand that then restarts
            // recovers the batch, where one that never answered would have it sent again.
            _awaitingJournal.Dequeue().Tell(new MentionsAcknowledged(_brandId, recorded.Delta.Mentions));
            _aggregate.Apply(recorded.Delta);
            IReadOnlyList<Alert> raised = [.. JudgeClosedMinutes(), .. _threats.Raise(recorded.Delta.Threats)];
            ForgetPastRetention();
            if (raised.Count == 0)
            {
                SnapshotWhenDue(recorded.Delta);
                return;
            }

            // The snapshot waits for the alerts' own event: taken before, it would cover that
            // event's sequence number (and so delete it) without holding the alerts.
            PersistCounted(new AlertsRaised(raised), alerts =>
            {
                Publish(alerts);
                SnapshotWhenDue(recorded.Delta);
            });
        });
    }

    /// <summary>Journals <paramref name="event"/> as <c>PersistAsync</c> does, counted in flight until its handler runs (a stop waits for it).</summary>
    private void PersistCounted<TEvent>(TEvent @event, Action<TEvent> handler)
    {
        _writesInFlight++;
        PersistAsync(@event, written =>
        {
            _writesInFlight--;
            handler(written);
        });
    }

    /// <summary>
    /// A write the journal could not make (a full disk, a lost connection) stops the brand, as
    /// Akka.Persistence must: every batch still in flight is answered with the cause at once, so the
    /// senders' requests fail saying why instead of waiting out their timeout.
    /// </summary>
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        while (_awaitingJournal.TryDequeue(out var waiting))
        {
            waiting.Tell(new Status.Failure(BrandJournalFailedException.Of(_brandId, cause)));
        }

        LogStoreFailure(cause, $"Failed to journal event {sequenceNr} of brand {_brandId} ({cause.GetType().Name}: {cause.Message}); the brand stops and recovers at its next message");
    }

    /// <summary>A batch the journal refused (the brand goes on): its sender learns why at once.</summary>
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        // Its handler will not run.
        _writesInFlight--;
        if (@event is MentionsRecorded)
        {
            _awaitingJournal.Dequeue().Tell(new Status.Failure(BrandJournalFailedException.Of(_brandId, cause)));
        }

        LogStoreFailure(cause, $"The journal refused event {sequenceNr} of brand {_brandId} ({cause.GetType().Name}: {cause.Message}); the brand goes on");
    }

    /// <summary>
    /// The store could not give the brand back its figures. Akka.Persistence stops the brand, and
    /// what it was sent meanwhile ends as dead letters (<see cref="BrandStopAnswers"/> answers them):
    /// the failure is published so that the queries and the readiness check waiting on it can say
    /// why at once. The next message starts the
    /// brand, and its recovery, again.
    /// </summary>
    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        EngineMetrics.BrandRecoveryFailures.Inc();
        var failed = new BrandRecoveryFailed(_brandId, $"{reason.GetType().Name} reading {PersistenceId} after sequence number {LastSequenceNr}: {reason.Message}");
        if (_settings.PublishClusterWide)
        {
            DistributedPubSub.Get(Context.System).Mediator.Tell(new Publish(BrandRecoveryTopic.Name, failed));
        }

        // Here too, and before the brand stops: what it leaves unanswered is answered on this node
        // with the cause (BrandStopAnswers).
        Context.System.EventStream.Publish(failed);

        LogStoreFailure(reason, $"Brand {_brandId} could not recover: {failed.Cause}");
    }

    /// <summary>
    /// Logs a store failure at error level, <paramref name="what"/> naming its cause, in place of
    /// Akka.Persistence's own log line (all its handlers do besides), with the exception's stack
    /// only for the first of its kind in a minute.
    /// </summary>
    private void LogStoreFailure(Exception cause, string what)
    {
        if (FailureStacks.Node.Log(cause, Environment.TickCount64))
        {
            _log.Error(cause, "{0}", what);
        }
        else
        {
            _log.Error("{0} (the stack of such a failure was logged in the last minute)", what);
        }
    }

    private void FirehoseReached(FirehoseReachedMinute reached)
    {
        if (reached.Minute <= _firehoseMinute)
        {
            return;
        }

        _firehoseMinute = reached.Minute;
        if (JudgeClosedMinutes() is { Count: > 0 } raised)
        {
            PersistCounted(new AlertsRaised(raised), Publish);
        }

        ForgetPastRetention();
    }

    /// <summary>
    /// Lets go of sealed history past retention on the clock, but never of minutes the spike
    /// detector has still to judge or read as a raised alert's baseline: on a backfill it judges
    /// on the brand's own event time, which may lie days behind.
    /// </summary>
    private void ForgetPastRetention() =>
        _aggregate.Forget(_clock.GetUtcNow(), _detector.JudgedThrough is { } judged ? judged + 1 - AlertDrivers.BaselineMinutes : long.MinValue);

    private void SnapshotWhenDue(BrandDelta journaled)
    {
        CountSinceSnapshot(journaled);
        if (_batchesSinceSnapshot >= _settings.SnapshotEvery || _minutesSinceSnapshot >= _settings.SnapshotEveryMinutes)
        {
            _batchesSinceSnapshot = 0;
            _minutesSinceSnapshot = 0;
            _batchesSinceNewestSnapshot = 0;
            SaveSnapshot(new BrandSnapshot(BrandAggregateCodec.Encode(_aggregate), Alerts: [.. _alerts]));
        }
    }

    /// <summary>
    /// Stops the brand once every event it asked to journal is written (deferred again behind those
    /// persisted since the stop was deferred: the alerts its last batch raised, journaled and
    /// published only by a brand still running), first as <see cref="StopWithSnapshot"/> says, then,
    /// its stop snapshot saved or failed, for good: batches that reached it while the snapshot was
    /// saved are journaled and acknowledged first (they follow the snapshot, and a restart replays them).
    /// </summary>
    private void StopOnceWritten(StopBrand stop)
    {
        if (_writesInFlight > 0)
        {
            DeferAsync(stop, StopOnceWritten);
        }
        else if (_stoppingAt >= 0)
        {
            Context.Stop(Self);
        }
        else
        {
            StopWithSnapshot();
        }
    }

    /// <summary>
    /// Stops the brand once its batches are written, first snapshotting it when its journal holds
    /// enough batches past its newest snapshot (<see cref="BrandActorSettings.SnapshotOnStopAfter"/>):
    /// a node stopped for an upgrade, or a shard handed to another node, then starts the brand from
    /// one snapshot instead of replaying every batch since (perf/README: snapshots as brands stop).
    /// The snapshot prunes nothing, since the brand would not be there to hear the deletes out; it
    /// carries the count towards the next snapshot that does. The journal keeps every batch, so a
    /// failed snapshot loses nothing.
    /// </summary>
    private void StopWithSnapshot()
    {
        if (_settings.SnapshotOnStopAfter <= 0 || _batchesSinceNewestSnapshot < _settings.SnapshotOnStopAfter)
        {
            Context.Stop(Self);
            return;
        }

        _stoppingAt = LastSequenceNr;
        SaveSnapshot(new BrandSnapshot(
            BrandAggregateCodec.Encode(_aggregate), Alerts: [.. _alerts], BatchesBehind: _batchesSinceSnapshot, MinutesBehind: _minutesSinceSnapshot));
    }

    private void CountSinceSnapshot(BrandDelta journaled)
    {
        _batchesSinceSnapshot++;
        _batchesSinceNewestSnapshot++;
        _minutesSinceSnapshot += journaled.Minutes.Count;
    }

    private IReadOnlyList<Alert> JudgeClosedMinutes()
    {
        // A brand never named has no series to judge.
        if (_aggregate.NewestMinute is not { } newest)
        {
            return [];
        }

        // A post dated ahead of the clock must not close the current minute early; the firehose's
        // time counts only once the brand has gone quiet.
        var now = _clock.GetUtcNow();
        var firehose = now - _lastRecorded >= TimeSpan.FromMinutes(FirehoseLagMinutes) ? _firehoseMinute - FirehoseLagMinutes : long.MinValue;
        var eventTime = Math.Min(Math.Max(newest, firehose), EventTime.MinuteOf(now));
        return _detector.Advance(eventTime, _aggregate);
    }

    private void Publish(AlertsRaised raised)
    {
        Keep(raised.Alerts);
        foreach (var alert in raised.Alerts)
        {
            EngineMetrics.AlertsRaised.WithLabels(alert.Metric.ToName(), alert.Direction.ToName(), alert.Severity.ToName()).Inc();
            if (_settings.PublishClusterWide)
            {
                var mediator = DistributedPubSub.Get(Context.System).Mediator;
                mediator.Tell(new Publish(AlertTopic.Name, new AlertPublished(alert)));
                mediator.Tell(new Publish(AlertTopic.Deliveries, new AlertPublished(alert), sendOneMessageToEachGroup: true));
            }
            else
            {
                Context.System.EventStream.Publish(new AlertPublished(alert));
            }
        }
    }

    private void Keep(IReadOnlyList<Alert> alerts)
    {
        _alerts.AddRange(alerts);
        if (_alerts.Count > _settings.KeptAlerts)
        {
            _alerts.RemoveRange(0, _alerts.Count - _settings.KeptAlerts);
        }
    }

    /// <summary>
    /// Makes each brand by calling its constructor. Props.Create's expression is taken apart, and
    /// its arguments evaluated, again for every brand a restart starts.
    /// </summary>
    private sealed class Producer(string brandId, TimeProvider clock, BrandActorSettings settings) : IIndirectActorProducer
    {
        public Type ActorType => typeof(BrandActor);

        public ActorBase Produce() => new BrandActor(brandId, clock, settings);

        public void Release(ActorBase actor)
        {
        }
    }
}
