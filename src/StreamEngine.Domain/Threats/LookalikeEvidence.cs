using System.Globalization;

namespace StreamEngine.Domain.Threats;

/// <summary>Says in words how a candidate imitates a target, and how severe that is.</summary>
internal static class LookalikeEvidence
{
    /// <summary>"homoglyph of @acme", "@acme + 'support'", "'the' + @acme", "1 edit from @globex", "@acme + digits '1'".</summary>
    public static string Describe(LookalikeMatch match, ReadOnlySpan<char> text, ReadOnlySpan<SkeletonUnit> units, LookalikeTarget target)
    {
        var core = match.Edits > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{match.Edits} edit{(match.Edits == 1 ? "" : "s")} from {target.Label}")
            : match.Homoglyph ? "homoglyph of " + target.Label : target.Label;
        var before = match.Start == 0 ? null : Added(text[..units[match.Start].Position], units[..match.Start]);
        var after = match.End == units.Length ? null : Added(text[EndOf(text, units[match.End - 1])..], units[match.End..]);
        if (before is null && after is null)
        {
            return match.IsCopy ? "copy of " + target.Label : core;
        }

        return string.Join(" + ", new[] { before, core, after }.Where(p => p is not null));
    }

    /// <summary>Homoglyphs and added words aim to deceive; digits, copies and typos may be innocent.</summary>
    public static ThreatSeverity Severity(LookalikeMatch match) =>
        match.Edits == 0 && (match.Homoglyph || match.Words) ? ThreatSeverity.High : ThreatSeverity.Medium;

    /// <summary>What was added, as written, separators around it trimmed.</summary>
    private static string Added(ReadOnlySpan<char> written, ReadOnlySpan<SkeletonUnit> units)
    {
        var quoted = "'" + written.Trim(" _-.|·•,:;").ToString() + "'";
        foreach (var u in units)
        {
            if (!u.Digit)
            {
                return quoted;
            }
        }

        return "digits " + quoted;
    }

    /// <summary>Where the text of a unit ends: one or two units on ("rn"), or past a surrogate pair.</summary>
    private static int EndOf(ReadOnlySpan<char> text, SkeletonUnit unit)
    {
        var end = unit.Position + 1;
        if (unit.Literal2 != '\0' || (char.IsHighSurrogate(text[unit.Position]) && end < text.Length))
        {
            end++;
        }

        return end;
    }
}
