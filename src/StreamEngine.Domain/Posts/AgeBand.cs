namespace StreamEngine.Domain.Posts;

/// <summary>The age bands that listening reports use; authors under 13 are not a band of their own.</summary>
public enum AgeBand : byte
{
    Unknown = 0,
    From13To17,
    From18To24,
    From25To34,
    From35To44,
    From45To54,
    From55To64,
    From65,
}

public static class AgeBands
{
    private static readonly string[] Names = ["unknown", "13-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"];

    public static string ToName(this AgeBand band) => Names[(int)band];

    public static AgeBand FromAge(int? age) => age switch
    {
        null or < 13 => AgeBand.Unknown,
        <= 17 => AgeBand.From13To17,
        <= 24 => AgeBand.From18To24,
        <= 34 => AgeBand.From25To34,
        <= 44 => AgeBand.From35To44,
        <= 54 => AgeBand.From45To54,
        <= 64 => AgeBand.From55To64,
        _ => AgeBand.From65,
    };
}
