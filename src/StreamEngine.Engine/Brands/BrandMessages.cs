using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Alerts;
using StreamEngine.Domain.Influence;
using StreamEngine.Domain.Sketches;
using StreamEngine.Domain.Competition;

namespace StreamEngine.Engine.Brands;

/// <summary>Marks every message that travels to or from brand shards; all of them go through <c>BrandMessageSerializer</c>.</summary>
public interface IBrandWireMessage;

/// <summary>Every message for a brand carries its id, which is also its sharding entity id.</summary>
public interface IBrandMessage : IBrandWireMessage
{
    string BrandId { get; }
}

/// <summary>Adds a batch of mentions to a brand; answered with <see cref="MentionsAcknowledged"/> once journaled.</summary>
/// <param name="WriteBy">
/// The last moment the brand may take the batch up: one that reaches its brand later, held up while
/// its shard moved between nodes, is refused unwritten, so that its sender need not wait on. A batch
/// taken up in time is answered once the journal has answered, and the sender waits for that
/// answer (<see cref="Ingest.IngestSettings.EffectiveAnswerTimeout"/>): reported lost while its
/// write could still be made, its posts would be sent again and count twice. Null: no deadline.
/// </param>
public sealed record RecordMentions(string BrandId, BrandDelta Delta, DateTimeOffset? WriteBy = null) : IBrandMessage;

public sealed record MentionsAcknowledged(string BrandId, long Mentions) : IBrandWireMessage;

/// <summary>
/// The firehose's event time has reached <paramref name="Minute"/> (the newest minute of the posts a
/// node has journaled): a brand no post has named since still judges the minutes that closed, so
/// that its silence is a dip while it lasts rather than once it is named again.
/// </summary>
public sealed record FirehoseReachedMinute(string BrandId, long Minute) : IBrandMessage;

public sealed record GetBrandSummary(string BrandId, TimeWindow Window) : IBrandMessage;

public sealed record BrandSummary(string BrandId, TimeWindow Window, DateTimeOffset AsOf, BrandFigures Figures) : IBrandWireMessage;

public sealed record GetBrandTimeseries(string BrandId, TimeWindow Window, TimeStep Step) : IBrandMessage;

public sealed record BrandTimeseries(string BrandId, TimeWindow Window, TimeStep Step, IReadOnlyList<TimeseriesPoint> Points) : IBrandWireMessage;

public sealed record GetBrandSegments(string BrandId, SegmentDimension Dimension, TimeWindow Window) : IBrandMessage;

/// <param name="Aspects">For the concept breakdown: the sentiment around each concept (aspect sentiment); otherwise empty.</param>
public sealed record BrandSegments(
    string BrandId,
    SegmentDimension Dimension,
    TimeWindow Window,
    long Mentions,
    IReadOnlyList<SegmentFigure> Segments,
    IReadOnlyDictionary<string, SentimentTally> Aspects) : IBrandWireMessage;

/// <summary>Asks for what a competitor comparison needs of one brand, in one round trip.</summary>
public sealed record GetBrandStanding(string BrandId, TimeWindow Window) : IBrandMessage;

public sealed record BrandStandingReply(BrandStanding Standing) : IBrandWireMessage;

/// <summary>Asks for a brand's top authors in a window, ranked by mentions, reach or engagement.</summary>
public sealed record GetBrandInfluencers(string BrandId, TimeWindow Window, TallyWeight By, int Limit) : IBrandMessage;

public sealed record BrandInfluencers(string BrandId, TimeWindow Window, TallyWeight By, IReadOnlyList<AuthorContribution> Authors) : IBrandWireMessage;

/// <summary>Asks for the concepts and hashtags rising most against their baseline; the window must have one (<see cref="Trending.Windows"/>).</summary>
public sealed record GetBrandTrending(string BrandId, TimeWindow Window) : IBrandMessage;

public sealed record BrandTrending(string BrandId, TimeWindow Window, IReadOnlyList<TrendingItem> Items) : IBrandWireMessage;

/// <summary>Asks for a brand's alerts of minutes at or after <paramref name="Since"/>, oldest first.</summary>
public sealed record GetBrandAlerts(string BrandId, DateTimeOffset Since) : IBrandMessage;

public sealed record BrandAlerts(string BrandId, IReadOnlyList<Alert> Alerts) : IBrandWireMessage;

/// <summary>
/// Asks for every part of a brand's report at once, so that they are read from its figures at one
/// moment: asked one by one while posts arrive, the summary's mentions and a breakdown's would each
/// count a different number of posts.
/// </summary>
/// <param name="Dimensions">The breakdowns, in the order they are answered.</param>
/// <param name="InfluencerLimit">How many leading authors by reach.</param>
/// <param name="AlertsSince">Alerts of minutes at or after this moment.</param>
public sealed record GetBrandReport(
    string BrandId,
    TimeWindow Window,
    TimeStep Step,
    IReadOnlyList<SegmentDimension> Dimensions,
    int InfluencerLimit,
    DateTimeOffset AlertsSince) : IBrandMessage;

/// <summary>A brand's report parts, each as its own query answers it, all read at <see cref="BrandSummary.AsOf"/> of <paramref name="Summary"/>.</summary>
/// <param name="Standing">What a competitor comparison needs of the brand itself.</param>
public sealed record BrandReportParts(
    BrandSummary Summary,
    BrandTimeseries Timeseries,
    IReadOnlyList<BrandSegments> Segments,
    BrandStandingReply Standing,
    BrandInfluencers Influencers,
    BrandAlerts Alerts) : IBrandWireMessage;

/// <summary>An alert just raised (and journaled), as published to its subscribers.</summary>
public sealed record AlertPublished(Alert Alert) : IBrandWireMessage;

/// <summary>
/// A brand could not recover its figures from the store (a row that does not decode, a store that
/// refused the read), so it stopped without answering what it was sent: published so that whoever
/// waits on it learns why at once instead of timing out.
/// </summary>
public sealed record BrandRecoveryFailed(string BrandId, string Cause) : IBrandWireMessage;

/// <summary>
/// Stops a brand once the batches it is writing are written and acknowledged: what its shard sends
/// it when handing it to another node. A PoisonPill would stop it at once, its acknowledgements
/// unsent: the ingest graph would report written batches as lost, and their posts would count again
/// when resent.
/// </summary>
public sealed record StopBrand
{
    public static StopBrand Instance { get; } = new();
}

/// <summary>Where brands that could not recover say so.</summary>
public static class BrandRecoveryTopic
{
    public const string Name = "brand-recovery-failures";
}

/// <summary>Where raised alerts are published.</summary>
public static class AlertTopic
{
    /// <summary>Every subscriber on every node receives each alert (live streams).</summary>
    public const string Name = "alerts";

    /// <summary>One subscriber of each group receives each alert, so that a cluster posts a webhook once.</summary>
    public const string Deliveries = "alert-deliveries";
}
