namespace StreamEngine.Domain.Threats;

/// <summary>
/// Something of a brand's that can be imitated: a handle, a display name or a domain name, as its
/// skeleton. <see cref="MaxEdits"/> grows with length, since a one-letter change turns a short name
/// into a different ordinary word ("acme" → "acne") far more often than a long one.
/// </summary>
internal sealed class LookalikeTarget
{
    public LookalikeTarget(int owner, string label, SkeletonUnit[] units)
    {
        Owner = owner;
        Label = label;
        Units = units;
        Letters = SkeletonText.LettersOf(units);
        MaxEdits = EditsAllowed(Letters.Length);
        SwapOnly = Letters.Length == 4;
    }

    /// <summary>Index of the brand it belongs to.</summary>
    public int Owner { get; }

    /// <summary>How evidence names it: "@acme", "'Acme'", "acme.com".</summary>
    public string Label { get; }

    public SkeletonUnit[] Units { get; }

    public string Letters { get; }

    public int MaxEdits { get; }

    /// <summary>Four letters tolerate one swap of neighbours ("amce") but no other edit.</summary>
    public bool SwapOnly { get; }

    /// <summary>Skeletons shorter than this are not targets at all: two letters make too many ordinary handles.</summary>
    public const int MinLength = 3;

    /// <summary>0 below four letters, 1 (a swap only) at four, 1 up to eight, 2 from nine.</summary>
    public static int EditsAllowed(int length) => length switch
    {
        < 4 => 0,
        < 9 => 1,
        _ => 2,
    };

    public bool WithinEdits(ReadOnlySpan<char> letters, out int edits)
    {
        edits = EditDistance.Bounded(letters, Letters, MaxEdits);
        return edits >= 1 && edits <= MaxEdits && (!SwapOnly || EditDistance.IsSwap(letters, Letters));
    }
}
