using StreamEngine.Domain.Analysis;
using StreamEngine.Engine.Brands;

namespace StreamEngine.Engine.Ingest;

/// <summary>A closed round: its chunks, the batches its folds build for each brand, and the posts they let through.</summary>
/// <param name="Batches">Completes once every chunk of the round is folded; faults if a fold failed.</param>
internal sealed record FoldedRound(Round<IngestChunk> Round, Task<List<RecordMentions>> Batches, AdmittedPosts Admitted);

/// <summary>
/// Folds each chunk into its round's brand batches as soon as it joins the round, one fold at a
/// time and in the order the chunks joined, on the ingest threads (a fold takes about a
/// microsecond a post; on the graph's own thread it held up every stage). A chunk's posts are let
/// go once folded: held until the whole round was gathered, tens of thousands of them outlived a
/// collection or two and were copied to older generations on the way.
/// </summary>
/// <remarks>
/// The graph opens, fills and closes rounds one after another from its one thread, so the chain's
/// order is the rounds' order and a round's batches are built after its last chunk's fold and
/// before the next round's first. A round that fails (a fold, or later its journal writes) has its
/// posts forgotten only once its failure is known, and the rounds after it fold meanwhile: a copy
/// of one of its posts in those rounds counts as a duplicate, as a resend that came too early would.
/// </remarks>
internal sealed class RoundFolds(MentionBatcher batcher, Func<DateTimeOffset> writeBy)
{
    private readonly MentionBatcher _batcher = batcher;
    private readonly Func<DateTimeOffset> _writeBy = writeBy;
    private Task _tail = Task.CompletedTask;

    /// <summary>Starts a round whose folds read the model of <paramref name="analyzer"/> throughout, even if it is swapped meanwhile.</summary>
    public IRoundForming<IngestChunk, FoldedRound> Open(PostAnalyzer analyzer) => new Forming(this, analyzer);

    private void Then(Action step) =>
        _tail = _tail.ContinueWith(_ => step(), CancellationToken.None, TaskContinuationOptions.None, IngestThreads.Instance);

    private sealed class Forming(RoundFolds folds, PostAnalyzer analyzer) : IRoundForming<IngestChunk, FoldedRound>
    {
        private readonly AdmittedPosts _admitted = new();

        // Written by a fold, read by the round's build, which the chain runs after it.
        private Exception? _failure;

        public void Add(IngestChunk chunk)
        {
            // A chunk that could not be read has been answered already.
            if (chunk.Reading is not { } reading)
            {
                return;
            }

            folds.Then(() =>
            {
                try
                {
                    if (_failure is null)
                    {
                        folds._batcher.Admit(reading, analyzer, _admitted);
                    }
                }
#pragma warning disable CA1031 // the round fails with it when built; the chain goes on for the rounds after it
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    _failure = ex;
                }
                finally
                {
                    // The brands' batches hold all the round needs of these posts.
                    reading.ReleasePosts();
                }
            });
        }

        public FoldedRound Close(Round<IngestChunk> round)
        {
            var by = folds._writeBy();
            var batches = folds._tail.ContinueWith(
                _ => folds._batcher.Build(analyzer, by, _failure),
                CancellationToken.None,
                TaskContinuationOptions.None,
                IngestThreads.Instance);

            // The chain goes on from the build's end, not from its result, which would keep the
            // round's batches alive for as long as the graph is idle.
            folds._tail = batches.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return new FoldedRound(round, batches, _admitted);
        }
    }
}
