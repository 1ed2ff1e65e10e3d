namespace StreamEngine.Domain.Threats;

/// <summary>
/// How a candidate imitates a target: the part of it that matched (<see cref="Start"/> to
/// <see cref="End"/>, in units; what lies outside was added), the edits that part needed, and
/// whether it differs from the target as written (a homoglyph) or is a plain copy.
/// </summary>
internal readonly record struct LookalikeMatch(int Target, int Start, int End, int Edits, bool Digits, bool Words, bool Homoglyph)
{
    /// <summary>Lower for the simpler explanation; an edit counts most since it is the least certain.</summary>
    public int Cost => (Edits * 4) + (Digits ? 1 : 0) + (Words ? 1 : 0) + (Homoglyph ? 1 : 0);

    /// <summary>Nothing but a copy of the target, separators or case aside.</summary>
    public bool IsCopy => Edits == 0 && !Digits && !Words && !Homoglyph;
}

/// <summary>
/// Compares a candidate's skeleton with an index of targets: whole, with added digits trimmed from
/// its ends, and with affix words stripped from its ends, one step at a time, so that
/// "the_acme_team1" is tried as itself, "the_acme_team", "the_acme" and "acme". Only the whole
/// candidate is compared within an edit budget: an edit on top of an addition is too loose a
/// resemblance ("globe" + "team" is not "globex"). Keeps the cheapest match per brand.
/// </summary>
internal static class LookalikeSearch
{
    /// <summary>Steps of trimming and stripping tried before giving up.</summary>
    private const int MaxSteps = 6;

    /// <summary>
    /// Adds to <paramref name="found"/> (the first <paramref name="count"/> entries being earlier
    /// matches, one per brand) the best match of each brand the candidate imitates, and answers the
    /// new count.
    /// </summary>
    public static int Find(
        ReadOnlySpan<SkeletonUnit> units,
        ReadOnlySpan<char> letters,
        SkeletonIndex index,
        AffixWords affixes,
        Span<LookalikeMatch> found,
        int count)
    {
        int start = 0, end = units.Length;
        var digits = false;
        var words = false;
        count = Exact(units, letters, index, new LookalikeMatch(-1, start, end, 0, false, false, false), found, count);

        Span<(int Target, int Edits)> near = stackalloc (int, int)[8];
        var nearCount = index.Near(letters, near);
        foreach (var (target, edits) in near[..nearCount])
        {
            count = Keep(index, found, count, new LookalikeMatch(target, 0, units.Length, edits, false, false, false));
        }

        for (var step = 0; step < MaxSteps; step++)
        {
            if (TrimDigits(units, ref start, ref end))
            {
                digits = true;
            }
            else if (affixes.StripEnd(letters, start, ref end) || affixes.StripStart(letters, ref start, end))
            {
                words = true;
            }
            else
            {
                break;
            }

            count = Exact(units, letters, index, new LookalikeMatch(-1, start, end, 0, digits, words, false), found, count);
        }

        return count;
    }

    private static int Exact(
        ReadOnlySpan<SkeletonUnit> units,
        ReadOnlySpan<char> letters,
        SkeletonIndex index,
        LookalikeMatch shape,
        Span<LookalikeMatch> found,
        int count)
    {
        var core = units[shape.Start..shape.End];
        foreach (var t in index.Exact(letters[shape.Start..shape.End]))
        {
            var homoglyph = !SkeletonText.LiteralEquals(core, index[t].Units);
            count = Keep(index, found, count, shape with { Target = t, Homoglyph = homoglyph });
        }

        return count;
    }

    private static int Keep(SkeletonIndex index, Span<LookalikeMatch> found, int count, LookalikeMatch match)
    {
        var owner = index[match.Target].Owner;
        for (var i = 0; i < count; i++)
        {
            if (index[found[i].Target].Owner != owner)
            {
                continue;
            }

            if (match.Cost < found[i].Cost)
            {
                found[i] = match;
            }

            return count;
        }

        if (count < found.Length)
        {
            found[count++] = match;
        }

        return count;
    }

    private static bool TrimDigits(ReadOnlySpan<SkeletonUnit> units, ref int start, ref int end)
    {
        int s = start, e = end;
        while (e - s > AffixWords.MinCore && units[e - 1].Digit)
        {
            e--;
        }

        while (e - s > AffixWords.MinCore && units[s].Digit)
        {
            s++;
        }

        var trimmed = s != start || e != end;
        start = s;
        end = e;
        return trimmed;
    }
}
