namespace StreamEngine.LoadGenerator.Drive;

/// <summary>
/// What the freshness probe did: probes sent, those never seen within 10 s, those whose request was not
/// answered 200, and reads of the brand's series that failed (a failed baseline read sends no probe).
/// </summary>
public sealed record ProbeCounts(int Sent, int TimedOut, int Voided, int ReadsFailed);
