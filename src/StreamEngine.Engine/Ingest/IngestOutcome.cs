using StreamEngine.Domain.Ingest;

namespace StreamEngine.Engine.Ingest;

/// <summary>
/// What became of a chunk of posts. <see cref="Journaled"/> is true once every accepted mention is
/// in the journal; otherwise <see cref="Failure"/> says why and the caller should resend the chunk.
/// </summary>
public sealed record IngestOutcome(
    int Accepted,
    int Rejected,
    int Late,
    int Unmatched,
    int Duplicates,
    IReadOnlyList<LineError> Errors,
    bool Journaled,
    string? Failure)
{
    public static IngestOutcome Failed(string failure) => new(0, 0, 0, 0, 0, [], false, failure);

    /// <summary>The outcomes of consecutive chunks as one: counts added, errors in order, journaled only if all were.</summary>
    public static IngestOutcome Sum(IReadOnlyList<IngestOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        return new IngestOutcome(
            outcomes.Sum(o => o.Accepted),
            outcomes.Sum(o => o.Rejected),
            outcomes.Sum(o => o.Late),
            outcomes.Sum(o => o.Unmatched),
            outcomes.Sum(o => o.Duplicates),
            outcomes.SelectMany(o => o.Errors).ToList(),
            outcomes.All(o => o.Journaled),
            outcomes.Select(o => o.Failure).FirstOrDefault(f => f is not null));
    }
}
