using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Influence;
using StreamEngine.Domain.Sketches;

namespace StreamEngine.Engine.Serialization;

/// <summary>Binary form of authors and hashtags: a delta's contributions and a snapshot's Space-Saving panes.</summary>
internal static class InfluenceCodec
{
    public static void WriteContributions(BinaryWriter w, IReadOnlyList<AuthorContribution> authors, IReadOnlyList<TermContribution> hashtags)
    {
        w.Write7BitEncodedInt(authors.Count);
        foreach (var (author, tally) in authors)
        {
            w.Write(author);
            WriteTally(w, tally);
        }

        w.Write7BitEncodedInt(hashtags.Count);
        foreach (var (term, count) in hashtags)
        {
            w.Write(term);
            w.Write7BitEncodedInt64(count);
        }
    }

    public static (AuthorContribution[] Authors, TermContribution[] Hashtags) ReadContributions(BinaryFormReader r)
    {
        var authors = new AuthorContribution[BrandDeltaCodec.ReadCount(r)];
        for (var i = 0; i < authors.Length; i++)
        {
            authors[i] = new AuthorContribution(r.ReadString(), ReadTally(r));
        }

        var hashtags = new TermContribution[BrandDeltaCodec.ReadCount(r)];
        for (var i = 0; i < hashtags.Length; i++)
        {
            hashtags[i] = new TermContribution(r.ReadString(), r.Read7BitEncodedInt64());
        }

        return (authors, hashtags);
    }

    public static void WriteInfluence(BinaryWriter w, BrandInfluence influence)
    {
        WritePanes(w, influence.MinutePanes.ToList());
        WritePanes(w, influence.HourPanes.ToList());
        WritePanes(w, influence.DayPanes.ToList());
    }

    public static BrandInfluence ReadInfluence(BinaryFormReader r, HistoryStore? history = null) =>
        BrandInfluence.Restore(ReadPanes(r, PaneKind.Minute), ReadPanes(r, PaneKind.Hour), ReadPanes(r, PaneKind.Day), history);

    private static void WritePanes(BinaryWriter w, List<InfluencePane> panes)
    {
        w.Write7BitEncodedInt(panes.Count);
        foreach (var pane in panes)
        {
            w.Write7BitEncodedInt64(pane.Period);
            foreach (var summary in new[] { pane.ByMentions, pane.ByReach, pane.ByEngagement })
            {
                w.Write7BitEncodedInt(summary.Entries.Length);
                foreach (var kept in summary.Entries)
                {
                    w.Write(kept.Key);
                    WriteTally(w, kept.Tally);
                    w.Write7BitEncodedInt64(kept.Error);
                }
            }

            w.Write7BitEncodedInt(pane.Hashtags.Entries.Length);
            foreach (var kept in pane.Hashtags.Entries)
            {
                w.Write(kept.Key);
                w.Write7BitEncodedInt64(kept.Tally.Count);
                w.Write7BitEncodedInt64(kept.Error);
            }
        }
    }

    private static List<InfluencePane> ReadPanes(BinaryFormReader r, PaneKind kind)
    {
        var (authorCapacity, hashtagCapacity) = BrandInfluence.CapacityOf(kind);
        var panes = new List<InfluencePane>();
        for (var count = BrandDeltaCodec.ReadCount(r); count > 0; count--)
        {
            var pane = new InfluencePane(r.Read7BitEncodedInt64(), authorCapacity, hashtagCapacity);
            foreach (var summary in new[] { pane.ByMentions, pane.ByReach, pane.ByEngagement })
            {
                for (var entries = Fitting(r, summary.Capacity); entries > 0; entries--)
                {
                    summary.Restore(new SpaceSaving<AuthorTally>.Kept(r.ReadString(), ReadTally(r), r.Read7BitEncodedInt64()));
                }
            }

            for (var entries = Fitting(r, pane.Hashtags.Capacity); entries > 0; entries--)
            {
                pane.Hashtags.Restore(new SpaceSaving<TermTally>.Kept(r.ReadString(), new TermTally(r.Read7BitEncodedInt64()), r.Read7BitEncodedInt64()));
            }

            panes.Add(pane);
        }

        return panes;
    }

    private static int Fitting(BinaryFormReader r, int capacity)
    {
        var count = BrandDeltaCodec.ReadCount(r);
        return count <= capacity ? count : throw new InvalidDataException($"a summary of {count} entries exceeds its capacity of {capacity}");
    }

    private static void WriteTally(BinaryWriter w, AuthorTally t)
    {
        w.Write7BitEncodedInt64(t.Mentions);
        w.Write7BitEncodedInt64(t.Reach);
        w.Write7BitEncodedInt64(t.Engagement);
        w.Write7BitEncodedInt64(t.Positive);
        w.Write7BitEncodedInt64(t.Negative);
    }

    private static AuthorTally ReadTally(BinaryFormReader r) =>
        new(r.Read7BitEncodedInt64(), r.Read7BitEncodedInt64(), r.Read7BitEncodedInt64(), r.Read7BitEncodedInt64(), r.Read7BitEncodedInt64());
}
