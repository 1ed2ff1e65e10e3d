namespace StreamEngine.Domain.Ingest;

/// <summary>Why one input line was refused; <see cref="Line"/> is 1-based within what the caller sent.</summary>
public sealed record LineError(int Line, string Reason);
