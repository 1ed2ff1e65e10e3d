using StreamEngine.Domain.Ingest;

namespace StreamEngine.Engine.Ingest;

/// <summary>Sizes and limits of the ingest graph.</summary>
/// <param name="QueueChunks">Chunks that may wait to enter the graph; beyond that senders wait, then are refused.</param>
/// <param name="ReadParallelism">Chunks parsed and matched at once (one per core is right: the work is CPU-bound).</param>
/// <param name="ChunksPerRound">The most chunks folded into one round of per-brand batches, so a busy brand gets one journal write for many senders; rounds start smaller and grow to it while the store keeps up (<see cref="RoundSize"/>). The host's --chunks-per-round.</param>
/// <param name="BatchWindow">How long a round waits to fill from its first chunk before it is sent with what it has (while the journal stage is busy it gathers on, up to the limit).</param>
/// <param name="BatchesInFlight">Rounds awaiting their journal acknowledgements at once.</param>
/// <param name="AcknowledgeTimeout">How long a brand may take to journal a batch before the chunk is reported as not journaled.</param>
/// <param name="DuplicateHorizon">Post ids remembered per generation for spotting duplicates (two generations are kept).</param>
public sealed record IngestSettings(
    int QueueChunks = 64,
    int ReadParallelism = 2,
    int ChunksPerRound = 64,
    TimeSpan? BatchWindow = null,
    int BatchesInFlight = 4,
    TimeSpan? AcknowledgeTimeout = null,
    int DuplicateHorizon = DuplicateFilter.DefaultGenerationSize)
{
    public TimeSpan EffectiveBatchWindow => BatchWindow ?? TimeSpan.FromMilliseconds(5);

    public TimeSpan EffectiveAcknowledgeTimeout => AcknowledgeTimeout ?? TimeSpan.FromSeconds(30);
}
