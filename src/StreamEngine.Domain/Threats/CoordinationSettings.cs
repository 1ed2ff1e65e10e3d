namespace StreamEngine.Domain.Threats;

/// <summary>
/// Thresholds of <see cref="CoordinatedBurstDetector"/>. Memory per detector is bounded by
/// <see cref="MaxClusters"/> × (<see cref="MaxMembers"/> × 16 + <see cref="TextFingerprint.SketchSize"/> × 8 + 64) bytes,
/// about 150 KiB with the defaults, plus a reference to one post text per cluster.
/// </summary>
/// <param name="Window">Posts count together when they fall within this span of event time.</param>
/// <param name="MinAuthors">Distinct authors posting the same text within the window that make a burst.</param>
/// <param name="MaxFollowers">Authors with more followers than this are not counted: campaigns use fresh, small accounts.</param>
/// <param name="MinSimilarity">Jaccard similarity of two posts' word and word-pair sets from which they count as the same text.</param>
/// <param name="MaxPrefilterBits">SimHash bits two posts may differ by and still be compared in full; a cheap first test only.</param>
/// <param name="MinWords">Posts with fewer words are not compared: short texts ("love acme") coincide by chance.</param>
/// <param name="MaxClusters">Texts tracked at once; when full, the one with fewest recent authors (then the oldest) is forgotten.</param>
/// <param name="MaxMembers">Distinct authors remembered per text.</param>
public sealed record CoordinationSettings(
    TimeSpan Window,
    int MinAuthors = 5,
    long MaxFollowers = 100,
    double MinSimilarity = 0.6,
    int MaxPrefilterBits = 24,
    int MinWords = 6,
    int MaxClusters = 256,
    int MaxMembers = 16)
{
    public static CoordinationSettings Default { get; } = new(TimeSpan.FromMinutes(10));

    public void Validate()
    {
        if (Window <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Window), Window, "the window must be positive");
        }

        if (MinAuthors < 2 || MinAuthors > MaxMembers)
        {
            throw new ArgumentOutOfRangeException(nameof(MinAuthors), MinAuthors, "at least 2 and at most MaxMembers");
        }

        if (MinSimilarity is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinSimilarity), MinSimilarity, "in (0, 1]");
        }

        if (MaxClusters < 1 || MaxPrefilterBits is < 0 or > 64 || MinWords < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxClusters), "MaxClusters ≥ 1, MaxPrefilterBits in 0..64, MinWords ≥ 1");
        }
    }
}
