namespace StreamEngine.Domain.Posts;

/// <summary>An ISO 3166-1 alpha-2 country code, upper case, one shared string per code.</summary>
public static class CountryCode
{
    private const int Letters = 26;

    private static readonly string?[] Codes = new string?[Letters * Letters];

    public static bool TryParse(ReadOnlySpan<char> text, out string? code)
    {
        code = null;
        if (text.Length != 2 || !char.IsAsciiLetter(text[0]) || !char.IsAsciiLetter(text[1]))
        {
            return false;
        }

        var index = (((text[0] | 0x20) - 'a') * Letters) + ((text[1] | 0x20) - 'a');

        // Two threads may both create a code the first time; either string is the same code.
        code = Codes[index] ??= text.ToString().ToUpperInvariant();
        return true;
    }
}
