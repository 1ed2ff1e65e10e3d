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
}
