using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Query;

namespace StreamEngine.Domain.Matching.Compiled;

/// <summary>Per candidate query: evaluating its nodes over the occurrences, and collecting the hits that made it match.</summary>
public sealed partial class CompiledMatcher
{
    /// <summary>The node's truth for this post, computed once per post (nodes belong to one query, so a post's values never go stale).</summary>
    private bool Evaluate(int index, in PostFields fields, CompiledMatchScratch scratch)
    {
        if (scratch.NodeStamp[index] == scratch.Generation)
        {
            return scratch.NodeValue[index];
        }

        ref readonly var node = ref _nodes[index];
        bool value;
        switch (node.Kind)
        {
            case NodeKind.Literal:
                value = scratch.IsPresent(node.A);
                break;
            case NodeKind.Not:
                value = !Evaluate(node.A, fields, scratch);
                break;
            case NodeKind.And:
                value = true;
                for (var i = node.A; i < node.A + node.B && value; i++)
                {
                    value = EvaluateChild(i, fields, scratch);
                }

                break;
            case NodeKind.Or:
                value = false;
                for (var i = node.A; i < node.A + node.B && !value; i++)
                {
                    value = EvaluateChild(i, fields, scratch);
                }

                break;
            case NodeKind.Near:
                value = AnyPair(in node, scratch);
                break;
            default:
                value = FieldMatches(node.Field!, fields);
                break;
        }

        scratch.NodeStamp[index] = scratch.Generation;
        scratch.NodeValue[index] = value;
        return value;
    }

    /// <summary>The value of entry <paramref name="i"/> of <c>_children</c>: a literal's read at once.</summary>
    private bool EvaluateChild(int i, in PostFields fields, CompiledMatchScratch scratch) =>
        _childLiterals[i] is var literal and >= 0 ? scratch.IsPresent(literal) : Evaluate(_children[i], fields, scratch);

    /// <summary>
    /// Records as hits of <paramref name="query"/> the occurrences that decide node
    /// <paramref name="index"/>, exactly as ReferenceEvaluator.Contributing: with
    /// <paramref name="positive"/> the node is true and these made it true, otherwise it is false and
    /// these made it false.
    /// </summary>
    private void Contribute(int index, bool positive, int query, in PostFields fields, CompiledMatchScratch scratch)
    {
        ref readonly var node = ref _nodes[index];
        switch (node.Kind)
        {
            case NodeKind.Literal when positive:
                AddHits(node.A, query, scratch);
                break;
            case NodeKind.Near when positive:
                ContributePairs(in node, query, scratch);
                break;
            case NodeKind.Not:
                Contribute(node.A, !positive, query, fields, scratch);
                break;
            case NodeKind.And or NodeKind.Or:
                // A true AND or a false OR: every operand decided it. A true OR: its true operands.
                // A false AND: its false operands.
                var all = (node.Kind == NodeKind.And) == positive;
                for (var i = node.A; i < node.A + node.B; i++)
                {
                    if (_childLiterals[i] is var literal and >= 0)
                    {
                        // A literal shows its occurrences where it made its parent true, and an absent
                        // one has none; it shows nothing for a false parent.
                        if (positive)
                        {
                            AddHits(literal, query, scratch);
                        }
                    }
                    else if (all || Evaluate(_children[i], fields, scratch) == positive)
                    {
                        Contribute(_children[i], positive, query, fields, scratch);
                    }
                }

                break;
            default:
                // Field filters show nothing, nor does an absent literal or a false proximity.
                break;
        }
    }

    private static void AddHits(int literal, int query, CompiledMatchScratch scratch)
    {
        for (var o = scratch.FirstOccurrence(literal); o >= 0; o = scratch.NextOccurrence(o))
        {
            scratch.AddHit(query, literal, o);
        }
    }

    private bool AnyPair(in Node near, CompiledMatchScratch scratch)
    {
        scratch.LayOutSide(_nearLiterals.AsSpan(near.C, near.D));
        for (var l = near.A; l < near.A + near.B; l++)
        {
            for (var a = scratch.FirstOccurrence(_nearLiterals[l]); a >= 0; a = scratch.NextOccurrence(a))
            {
                if (PairsWithSide(scratch.Occurrence(a), near.D, asLeft: true, in near, scratch))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private void ContributePairs(in Node near, int query, CompiledMatchScratch scratch)
    {
        scratch.LayOutSide(_nearLiterals.AsSpan(near.C, near.D));
        for (var l = near.A; l < near.A + near.B; l++)
        {
            var literal = _nearLiterals[l];
            for (var a = scratch.FirstOccurrence(literal); a >= 0; a = scratch.NextOccurrence(a))
            {
                if (PairsWithSide(scratch.Occurrence(a), near.D, asLeft: true, in near, scratch))
                {
                    scratch.AddHit(query, literal, a);
                }
            }
        }

        scratch.LayOutSide(_nearLiterals.AsSpan(near.A, near.B));
        for (var r = near.C; r < near.C + near.D; r++)
        {
            var literal = _nearLiterals[r];
            for (var b = scratch.FirstOccurrence(literal); b >= 0; b = scratch.NextOccurrence(b))
            {
                if (PairsWithSide(scratch.Occurrence(b), near.B, asLeft: false, in near, scratch))
                {
                    scratch.AddHit(query, literal, b);
                }
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="match"/> pairs with some occurrence of the <paramref name="literals"/>
    /// literals of the other side, as laid out in the scratch (<see cref="CompiledMatchScratch.LayOutSide"/>):
    /// a left and a right match pair when they do not overlap, the left one comes first if the
    /// proximity is ordered, and at most its gap of words lie strictly between them (emoji and
    /// punctuation do not count).
    /// </summary>
    /// <remarks>
    /// Only the nearest occurrence after the match and the nearest before it need be tried: a
    /// literal's occurrences start and end in text order, so the first that starts at or after the
    /// match's end has the fewest words between, and so has the last that ends at or before its
    /// start. Trying every occurrence made a post of "never again" written 60,000 times take 13 s
    /// against <c>never NEAR/6 again</c>.
    /// </remarks>
    private static bool PairsWithSide(Occurrence match, int literals, bool asLeft, in Node near, CompiledMatchScratch scratch)
    {
        // After the match: it is the left one, or the proximity is unordered; before it, the reverse.
        var after = asLeft || !near.Ordered;
        var before = !asLeft || !near.Ordered;
        for (var k = 0; k < literals; k++)
        {
            var others = scratch.SideOccurrences(k);
            var next = CountBefore(others, match.End, byEnd: false);
            if (after && next < others.Length && others[next].WordsBefore - match.WordsThrough <= near.MaxGap)
            {
                return true;
            }

            // None from the first that starts after the match's end can end before its start.
            var previous = CountBefore(others[..next], match.Start + 1, byEnd: true) - 1;
            if (before && previous >= 0 && match.WordsBefore - others[previous].WordsThrough <= near.MaxGap)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// How many of <paramref name="occurrences"/> (in text order) start, or with
    /// <paramref name="byEnd"/> end, before <paramref name="offset"/>.
    /// </summary>
    private static int CountBefore(ReadOnlySpan<Occurrence> occurrences, int offset, bool byEnd)
    {
        int low = 0, high = occurrences.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if ((byEnd ? occurrences[middle].End : occurrences[middle].Start) < offset)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static bool FieldMatches(FieldNode field, in PostFields fields) => field switch
    {
        NetworkField n => fields.Network == n.Network,
        LangField l => fields.Language is { } language && language.Equals(l.Language, StringComparison.OrdinalIgnoreCase),
        CountryField c => fields.Country is { } country && country.Equals(c.Country, StringComparison.OrdinalIgnoreCase),
        AuthorField a => fields.AuthorHandle is { } handle && Handles.Bare(handle.AsSpan()).Equals(a.Handle, StringComparison.OrdinalIgnoreCase),
        FollowersField f => f.Comparison switch
        {
            FollowersComparison.GreaterThan => fields.Followers > f.Count,
            FollowersComparison.GreaterOrEqual => fields.Followers >= f.Count,
            FollowersComparison.LessThan => fields.Followers < f.Count,
            FollowersComparison.LessOrEqual => fields.Followers <= f.Count,
            _ => fields.Followers == f.Count,
        },
        VerifiedField v => fields.Verified == v.Verified,
        _ => throw new ArgumentException($"unknown field {field.GetType().Name}", nameof(field)),
    };
}

/// <summary>
/// Where a literal matched: the original text [<see cref="Start"/>, <see cref="End"/>), the number
/// of words that end at or before its start (<see cref="WordsBefore"/>, its first word's index) and
/// the number that start before its end (<see cref="WordsThrough"/>, one past its last word). For
/// an emoji the two are equal; words strictly between matches a and b (a first) number
/// b.WordsBefore - a.WordsThrough.
/// </summary>
internal readonly record struct Occurrence(int Start, int End, int WordsBefore, int WordsThrough);
