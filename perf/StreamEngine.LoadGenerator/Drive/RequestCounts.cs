namespace StreamEngine.LoadGenerator.Drive;

/// <summary>Ingest requests by how they were answered; <see cref="Failed"/> had no answer or another status.</summary>
public sealed record RequestCounts(long Ok, long Throttled, long Unavailable, long Failed)
{
    public long Total => Ok + Throttled + Unavailable + Failed;
}
