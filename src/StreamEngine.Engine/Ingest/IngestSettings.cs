using StreamEngine.Domain.Ingest;

namespace StreamEngine.Engine.Ingest;

/// <summary>Sizes and limits of the ingest graph.</summary>
/// <param name="QueueChunks">Chunks that may wait to enter the graph; beyond that senders wait, then are refused.</param>
/// <param name="ReadParallelism">Chunks parsed and matched at once (one per core is right: the work is CPU-bound).</param>
/// <param name="ChunksPerRound">The most chunks folded into one round of per-brand batches, so a busy brand gets one journal write for many senders; rounds start smaller and grow to it while the store keeps up (<see cref="RoundSize"/>). The host's --chunks-per-round.</param>
/// <param name="BatchWindow">How long a round waits to fill from its first chunk before it is sent with what it has (while the journal stage is busy it gathers on, up to the limit).</param>
/// <param name="BatchesInFlight">Rounds awaiting their journal acknowledgements at once.</param>
/// <param name="AcknowledgeTimeout">How long a round's brands have to take up its batches: a brand reached later refuses its batch, and the chunk is reported as not journaled.</param>
/// <param name="JournalWriteTimeout">
/// How long the journal gives a write before it gives up on it and reports it failed (its circuit
/// breaker's call-timeout): longer than SQLite's wait for its write lock, so that a store slow for
/// a while costs time rather than a failed round.
/// </param>
/// <param name="DuplicateHorizon">Post ids remembered per generation for spotting duplicates (two generations are kept).</param>
public sealed record IngestSettings(
    int QueueChunks = 64,
    int ReadParallelism = 2,
    int ChunksPerRound = 64,
    TimeSpan? BatchWindow = null,
    int BatchesInFlight = 4,
    TimeSpan? AcknowledgeTimeout = null,
    TimeSpan? JournalWriteTimeout = null,
    int DuplicateHorizon = DuplicateFilter.DefaultGenerationSize)
{
    /// <summary>The most chunks a round may be set to hold; the host refuses more.</summary>
    public const int MaxChunksPerRound = 1_024;

    public TimeSpan EffectiveBatchWindow => BatchWindow ?? TimeSpan.FromMilliseconds(5);

    public TimeSpan EffectiveAcknowledgeTimeout => AcknowledgeTimeout ?? TimeSpan.FromSeconds(30);

    /// <summary>Above the embedded store's 30 s wait for its write lock, with room for the write's wait in the journal's queue.</summary>
    public TimeSpan EffectiveJournalWriteTimeout => JournalWriteTimeout ?? TimeSpan.FromSeconds(45);

    /// <summary>
    /// How long a round waits for its brands' answers: a brand that took up its batch by the
    /// acknowledge timeout answers once the journal has, and its writes in flight go one after the
    /// other (the one under way, then the rest together), two journal answers at most. A round that
    /// stopped waiting sooner could report posts lost whose write was still under way and then made:
    /// sent again, they would count twice. A round still unanswered after that lost its batches on
    /// the way (a node gone) or its brand with them.
    /// </summary>
    public TimeSpan EffectiveAnswerTimeout => EffectiveAcknowledgeTimeout + (2 * EffectiveJournalWriteTimeout) + AnswerSlack(EffectiveAcknowledgeTimeout);

    // The take-up time is judged on the brand's clock, and the answers take a few hops back: room
    // for both, as for a clock a second or so apart (a sixth of so short a take-up time as tests use).
    private static TimeSpan AnswerSlack(TimeSpan takeUp) => TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(5).Ticks, takeUp.Ticks / 6));
}
