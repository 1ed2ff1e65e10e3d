using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Competition;
using StreamEngine.Engine.Serialization;
using StreamEngine.Engine.Telemetry;

namespace StreamEngine.Engine.Brands;

/// <summary>
/// One brand's rolling aggregates, sharded by brand id. Batches are journaled with PersistAsync so
/// dashboard queries are answered while writes are in flight; the state, and so every answer,
/// only ever reflects journaled batches.
/// </summary>
public sealed class BrandActor : ReceivePersistentActor
{
    private readonly string _brandId;
    private readonly TimeProvider _clock;
    private readonly BrandActorSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private BrandAggregate _aggregate = new();
    private int _batchesSinceSnapshot;

    public BrandActor(string brandId, TimeProvider clock, BrandActorSettings settings)
    {
        _brandId = brandId;
        _clock = clock;
        _settings = settings;

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is BrandSnapshot snapshot)
            {
                _aggregate = BrandAggregateCodec.Decode(snapshot.EncodedAggregate, snapshot.Version);
            }
        });
        Recover<MentionsRecorded>(e => _aggregate.Apply(e.Delta));

        Command<RecordMentions>(Record);
        Command<GetBrandSummary>(q =>
            Sender.Tell(new BrandSummary(_brandId, q.Window, _clock.GetUtcNow(), _aggregate.Summary(q.Window, _clock.GetUtcNow()))));
        Command<GetBrandTimeseries>(q =>
            Sender.Tell(new BrandTimeseries(_brandId, q.Window, q.Step, _aggregate.Timeseries(q.Window, q.Step, _clock.GetUtcNow()))));
        Command<GetBrandSegments>(q =>
        {
            var now = _clock.GetUtcNow();
            var mentions = _aggregate.Summary(q.Window, now).Mentions;
            var aspects = q.Dimension == SegmentDimension.Concept
                ? _aggregate.AspectSentiment(q.Window, now)
                : new Dictionary<string, SentimentTally>();
            Sender.Tell(new BrandSegments(_brandId, q.Dimension, q.Window, mentions, _aggregate.Segments(q.Dimension, q.Window, now), aspects));
        });
        Command<GetBrandStanding>(q =>
        {
            var now = _clock.GetUtcNow();
            var concepts = _aggregate.Segments(SegmentDimension.Concept, q.Window, now).ToDictionary(s => s.Value, s => s.Mentions, StringComparer.Ordinal);
            Sender.Tell(new BrandStandingReply(new BrandStanding(_brandId, _aggregate.Summary(q.Window, now), concepts)));
        });
        Command<SaveSnapshotSuccess>(s =>
        {
            // The snapshot holds everything up to its sequence number: older snapshots and events are dead weight for recovery.
            DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1));
            DeleteMessages(s.Metadata.SequenceNr);
        });
        Command<SaveSnapshotFailure>(f => _log.Warning(f.Cause, "Snapshot of brand {0} failed; the journal still holds every batch", _brandId));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(f => _log.Warning(f.Cause, "Pruning the journal of brand {0} failed", _brandId));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => _log.Warning(f.Cause, "Pruning old snapshots of brand {0} failed", _brandId));
    }

    public override string PersistenceId => "brand-" + _brandId;

    public static Props PropsFor(string brandId, TimeProvider clock, BrandActorSettings settings) =>
        Props.Create(() => new BrandActor(brandId, clock, settings));

    protected override void PreStart()
    {
        EngineMetrics.BrandActorsAlive.Inc();
        base.PreStart();
    }

    protected override void PostStop()
    {
        EngineMetrics.BrandActorsAlive.Dec();
        base.PostStop();
    }

    private void Record(RecordMentions command)
    {
        var replyTo = Sender;
        PersistAsync(new MentionsRecorded(command.Delta), recorded =>
        {
            _aggregate.Apply(recorded.Delta);
            replyTo.Tell(new MentionsAcknowledged(_brandId, recorded.Delta.Mentions));
            if (++_batchesSinceSnapshot >= _settings.SnapshotEvery)
            {
                _batchesSinceSnapshot = 0;
                SaveSnapshot(new BrandSnapshot(BrandAggregateCodec.Encode(_aggregate)));
            }
        });
    }
}
