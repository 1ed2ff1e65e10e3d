using StreamEngine.Domain.Influence;
using StreamEngine.Domain.Sentiment;
using StreamEngine.Domain.Sketches;

namespace StreamEngine.Domain.Aggregates;

/// <summary>One minute of a <see cref="BrandDeltaBuilder"/>'s batch, as it is being counted.</summary>
internal sealed class MinuteAccumulator
{
    // Cleared tables keep their size for the next batch, which saves growing them again; but a
    // minute of a backfill or replay (200,000 authors) left a brand's spare minutes holding 33 MiB
    // for the rest of the run. Past this many entries they are given back.
    internal const int TrimmedAbove = 16_384;

    private static readonly TallyWeight[] Rankings = [TallyWeight.Mentions, TallyWeight.Reach, TallyWeight.Engagement];

    public long Mentions;
    public long Reach;
    public long Engagement;
    public SentimentTally Sentiment;
    public SentimentReach SentimentReach;
    public long CompetitorMentions;
    public readonly Dictionary<SegmentKey, long> Segments = [];
    public readonly HashSet<uint> Authors = [];
    public readonly Dictionary<string, AuthorTally> Influencers = new(StringComparer.Ordinal);
    public readonly Dictionary<string, long> Hashtags = new(StringComparer.Ordinal);

    public void Count(SegmentDimension dimension, string value) =>
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(Segments, new SegmentKey(dimension, value), out _)++;

    public MinuteDelta Build(long minute)
    {
        var segments = new SegmentCount[Segments.Count];
        var i = 0;
        foreach (var (key, mentions) in Segments)
        {
            segments[i++] = new SegmentCount(key.Dimension, key.Value, mentions);
        }

        var authors = new uint[Authors.Count];
        Authors.CopyTo(authors);
        Array.Sort(authors);
        return new MinuteDelta(minute, Mentions, Reach, Engagement, segments, authors, Sentiment)
        {
            Authors = LeadingAuthors(),
            Hashtags = LeadingHashtags(),
            SentimentReach = SentimentReach,
            CompetitorMentions = CompetitorMentions,
        };
    }

    public void Clear()
    {
        Mentions = Reach = Engagement = CompetitorMentions = 0;
        Sentiment = default;
        SentimentReach = default;
        var trim = Segments.Count > TrimmedAbove || Authors.Count > TrimmedAbove || Influencers.Count > TrimmedAbove || Hashtags.Count > TrimmedAbove;
        Segments.Clear();
        Authors.Clear();
        Influencers.Clear();
        Hashtags.Clear();
        if (trim)
        {
            Segments.TrimExcess();
            Authors.TrimExcess();
            Influencers.TrimExcess();
            Hashtags.TrimExcess();
        }
    }

    /// <summary>The union of the top few authors by each ranking, in author order.</summary>
    private AuthorContribution[] LeadingAuthors()
    {
        const int Kept = BrandDeltaBuilder.AuthorsPerMinute;
        if (Influencers.Count <= Kept)
        {
            return ByAuthor(Influencers.Select(a => new AuthorContribution(a.Key, a.Value)).ToArray());
        }

        // A busy minute has thousands of authors: keep each ranking's top few in a small sorted array
        // in one pass instead of sorting them all three times.
        var leading = new HashSet<string>(StringComparer.Ordinal);
        var top = new AuthorContribution[Kept];
        foreach (var by in Rankings)
        {
            var count = 0;
            foreach (var (author, tally) in Influencers)
            {
                var candidate = new AuthorContribution(author, tally);
                if (count == Kept && Heavier(candidate, top[Kept - 1], by) > 0)
                {
                    continue;
                }

                var at = count < Kept ? count++ : Kept - 1;
                while (at > 0 && Heavier(candidate, top[at - 1], by) < 0)
                {
                    top[at] = top[at - 1];
                    at--;
                }

                top[at] = candidate;
            }

            for (var k = 0; k < count; k++)
            {
                leading.Add(top[k].Author);
            }
        }

        return ByAuthor(leading.Select(a => new AuthorContribution(a, Influencers[a])).ToArray());
    }

    private static AuthorContribution[] ByAuthor(AuthorContribution[] authors)
    {
        Array.Sort(authors, static (a, b) => string.CompareOrdinal(a.Author, b.Author));
        return authors;
    }

    private static int Heavier(AuthorContribution a, AuthorContribution b, TallyWeight by)
    {
        var weight = b.Tally.Weight(by).CompareTo(a.Tally.Weight(by));
        return weight != 0 ? weight : string.CompareOrdinal(a.Author, b.Author);
    }

    private TermContribution[] LeadingHashtags()
    {
        var all = new TermContribution[Hashtags.Count];
        var n = 0;
        foreach (var (term, count) in Hashtags)
        {
            all[n++] = new TermContribution(term, count);
        }

        Array.Sort(all, static (a, b) => b.Count != a.Count ? b.Count.CompareTo(a.Count) : string.CompareOrdinal(a.Term, b.Term));
        return all.Length > BrandDeltaBuilder.HashtagsPerMinute ? all[..BrandDeltaBuilder.HashtagsPerMinute] : all;
    }
}
