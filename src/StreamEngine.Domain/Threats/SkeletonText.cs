using System.Text;

namespace StreamEngine.Domain.Threats;

/// <summary>
/// One kept unit of a handle, name or domain label: the skeleton letter it passes for, what was
/// written (lower-cased, one or two units: "rn" merged into m keeps both), whether it was a digit,
/// which impersonators add at the ends ("acme1"), and where it starts in the text, for evidence.
/// </summary>
internal readonly record struct SkeletonUnit(char Letter, char Literal, char Literal2, bool Digit, short Position);

/// <summary>
/// Cuts text into <see cref="SkeletonUnit"/>s: every unit mapped through <see cref="Confusables"/>,
/// dropped ones left out, and the two-letter lookalikes rn→m and vv→w merged when written side by
/// side. Comparing skeletons then finds homoglyphs; comparing literals tells a homoglyph from a copy.
/// </summary>
internal static class SkeletonText
{
    /// <summary>Handles, names and labels longer than this (after dropping) are not compared.</summary>
    public const int MaxUnits = 64;

    /// <summary>
    /// Fills <paramref name="units"/> (room for <see cref="MaxUnits"/>) and
    /// <paramref name="letters"/> (the skeleton letters, as many) and answers how many units there
    /// are, or -1 when there are more than <see cref="MaxUnits"/>.
    /// </summary>
    public static int Build(ReadOnlySpan<char> text, Span<SkeletonUnit> units, Span<char> letters)
    {
        if (text.Length > short.MaxValue)
        {
            return -1;
        }

        var count = 0;
        var lastKept = -2;
        for (var i = 0; i < text.Length; i++)
        {
            var raw = text[i];
            char letter;
            char literal;
            var start = i;
            if (char.IsHighSurrogate(raw) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                letter = Confusables.MapSupplementary(new Rune(raw, text[i + 1]));
                literal = raw; // no plain letter is ever equal to it, so it reads as a homoglyph
                i++;
            }
            else
            {
                letter = Confusables.Map(raw);
                literal = raw < 128 ? (char)(raw | ((uint)(raw - 'A') <= 'Z' - 'A' ? 0x20 : 0)) : char.ToLowerInvariant(raw);
            }

            if (letter == Confusables.Dropped)
            {
                continue;
            }

            if (count > 0 && lastKept == start - 1 && TryMerge(ref units[count - 1], letter, literal))
            {
                letters[count - 1] = units[count - 1].Letter;
                lastKept = i;
                continue;
            }

            if (count == MaxUnits)
            {
                return -1;
            }

            units[count] = new SkeletonUnit(letter, literal, '\0', Confusables.IsDigit(raw), (short)start);
            letters[count] = letter;
            count++;
            lastKept = i;
        }

        return count;
    }

    /// <summary>The literal units of <paramref name="a"/> and <paramref name="b"/> are the same: one is a copy of the other, not a lookalike.</summary>
    public static bool LiteralEquals(ReadOnlySpan<SkeletonUnit> a, ReadOnlySpan<SkeletonUnit> b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (a[i].Literal != b[i].Literal || a[i].Literal2 != b[i].Literal2)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Builds units for a configured string (a brand's handle, name or domain label), once.</summary>
    public static SkeletonUnit[]? Of(string text)
    {
        Span<SkeletonUnit> units = stackalloc SkeletonUnit[MaxUnits];
        Span<char> letters = stackalloc char[MaxUnits];
        var count = Build(text, units, letters);
        return count <= 0 ? null : units[..count].ToArray();
    }

    public static string LettersOf(ReadOnlySpan<SkeletonUnit> units)
    {
        Span<char> letters = stackalloc char[units.Length];
        for (var i = 0; i < units.Length; i++)
        {
            letters[i] = units[i].Letter;
        }

        return new string(letters);
    }

    private static bool TryMerge(ref SkeletonUnit previous, char letter, char literal)
    {
        if (previous.Literal2 != '\0')
        {
            return false;
        }

        var merged = (previous.Letter, letter) switch
        {
            ('r', 'n') => 'm',
            ('v', 'v') => 'w',
            _ => '\0',
        };
        if (merged == '\0')
        {
            return false;
        }

        previous = previous with { Letter = merged, Literal2 = literal, Digit = false };
        return true;
    }
}
