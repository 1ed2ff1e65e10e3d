namespace StreamEngine.Domain.Posts;

public enum Gender : byte
{
    Unknown = 0,
    Female,
    Male,
}

public static class GenderNames
{
    public static string ToName(this Gender gender) => gender switch
    {
        Gender.Female => "female",
        Gender.Male => "male",
        _ => "unknown",
    };

    public static bool TryParse(ReadOnlySpan<char> name, out Gender gender)
    {
        if (name.Equals("female", StringComparison.OrdinalIgnoreCase)) { gender = Gender.Female; return true; }
        if (name.Equals("male", StringComparison.OrdinalIgnoreCase)) { gender = Gender.Male; return true; }
        gender = Gender.Unknown;
        return name.Equals("unknown", StringComparison.OrdinalIgnoreCase);
    }
}
