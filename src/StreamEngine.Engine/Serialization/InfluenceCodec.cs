using System.Text;
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

    /// <summary>
    /// A snapshot's panes. From aggregate version 4 the names they keep (authors and hashtags) come
    /// first, each once, and the panes name them by their place: an influencer of a busy brand leads
    /// in hundreds of a month's panes, and in all three of each pane's rankings.
    /// </summary>
    public static void WriteInfluence(BinaryWriter w, BrandInfluence influence)
    {
        List<InfluencePane>[] panes = [influence.MinutePanes.ToList(), influence.HourPanes.ToList(), influence.DayPanes.ToList()];
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pane in panes.SelectMany(p => p))
        {
            foreach (var summary in Rankings(pane))
            {
                foreach (var kept in summary.Entries)
                {
                    names.TryAdd(kept.Key, names.Count);
                }
            }

            foreach (var kept in pane.Hashtags.Entries)
            {
                names.TryAdd(kept.Key, names.Count);
            }
        }

        w.Write7BitEncodedInt(names.Count);
        foreach (var (name, _) in names.OrderBy(n => n.Value))
        {
            w.Write(name);
        }

        foreach (var list in panes)
        {
            WritePanes(w, list, names);
        }
    }

    /// <summary>
    /// A snapshot's panes. From version 4, the panes a brand whose newest minute is
    /// <paramref name="newestMinute"/> seals at once are built sealed from their records
    /// (<see cref="SealedPaneBuilder"/>) rather than opened and sealed again; before it, names are
    /// spelt out in each entry, with no table to build sealed panes from, and every pane is opened.
    /// </summary>
    public static BrandInfluence ReadInfluence(BinaryFormReader r, int version, HistoryStore? history, long? newestMinute)
    {
        var names = version >= 4 ? new SnapshotNames(ReadNameBytes(r)) : null;
        return BrandInfluence.Restore(
            ReadPanes(r, PaneKind.Minute, names, newestMinute),
            ReadPanes(r, PaneKind.Hour, names, newestMinute),
            ReadPanes(r, PaneKind.Day, names, newestMinute),
            history);
    }

    private static SpaceSaving<AuthorTally>[] Rankings(InfluencePane pane) => [pane.ByMentions, pane.ByReach, pane.ByEngagement];

    private static void WritePanes(BinaryWriter w, List<InfluencePane> panes, Dictionary<string, int> names)
    {
        w.Write7BitEncodedInt(panes.Count);
        foreach (var pane in panes)
        {
            w.Write7BitEncodedInt64(pane.Period);
            foreach (var summary in Rankings(pane))
            {
                w.Write7BitEncodedInt(summary.Entries.Length);
                foreach (var kept in summary.Entries)
                {
                    w.Write7BitEncodedInt(names[kept.Key]);
                    WriteTally(w, kept.Tally);
                    w.Write7BitEncodedInt64(kept.Error);
                }
            }

            w.Write7BitEncodedInt(pane.Hashtags.Entries.Length);
            foreach (var kept in pane.Hashtags.Entries)
            {
                w.Write7BitEncodedInt(names[kept.Key]);
                w.Write7BitEncodedInt64(kept.Tally.Count);
                w.Write7BitEncodedInt64(kept.Error);
            }
        }
    }

    private static byte[][] ReadNameBytes(BinaryFormReader r)
    {
        var names = new byte[BrandDeltaCodec.ReadCount(r)][];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = r.ReadBytes(r.Read7BitEncodedInt());
        }

        return names;
    }

    /// <summary>A kept key: spelt out before version 4, its place in the snapshot's names after.</summary>
    private static string ReadName(BinaryFormReader r, SnapshotNames? names) => names is null ? r.ReadString() : names.Text(ReadPlace(r, names));

    private static int ReadPlace(BinaryFormReader r, SnapshotNames names)
    {
        var at = r.Read7BitEncodedInt();
        return (uint)at < (uint)names.Count ? at : throw new InvalidDataException($"name {at} of a table of {names.Count}");
    }

    private static RestoredPanes ReadPanes(BinaryFormReader r, PaneKind kind, SnapshotNames? names, long? newestMinute)
    {
        var sealedBelow = newestMinute is { } newest ? BrandInfluence.SealedBelow(kind, newest) : long.MinValue;
        var open = new List<InfluencePane>();
        var sealedPanes = new List<SealedInfluencePane>();
        for (var count = BrandDeltaCodec.ReadCount(r); count > 0; count--)
        {
            var period = r.Read7BitEncodedInt64();
            if (names is null || period >= sealedBelow)
            {
                open.Add(ReadOpenPane(r, kind, period, names));
            }
            else
            {
                sealedPanes.Add(ReadSealedPane(r, kind, period, names));
            }
        }

        return new RestoredPanes(open, sealedPanes);
    }

    private static SealedInfluencePane ReadSealedPane(BinaryFormReader r, PaneKind kind, long period, SnapshotNames names)
    {
        var (authorCapacity, hashtagCapacity) = BrandInfluence.CapacityOf(kind);
        var builder = names.Builder;
        for (var ranking = 0; ranking < 3; ranking++)
        {
            var entries = Fitting(r, authorCapacity);
            builder.Count(entries);
            for (; entries > 0; entries--)
            {
                builder.Author(ReadPlace(r, names), ReadTally(r), r.Read7BitEncodedInt64());
            }
        }

        var hashtags = Fitting(r, hashtagCapacity);
        builder.Count(hashtags);
        for (; hashtags > 0; hashtags--)
        {
            builder.Hashtag(ReadPlace(r, names), r.Read7BitEncodedInt64(), r.Read7BitEncodedInt64());
        }

        return builder.Build(period);
    }

    private static InfluencePane ReadOpenPane(BinaryFormReader r, PaneKind kind, long period, SnapshotNames? names)
    {
        var (authorCapacity, hashtagCapacity) = BrandInfluence.CapacityOf(kind);
        var pane = new InfluencePane(period, authorCapacity, hashtagCapacity);
        foreach (var summary in Rankings(pane))
        {
            var authors = Fitting(r, summary.Capacity);
            summary.Reserve(authors);
            for (var entries = authors; entries > 0; entries--)
            {
                summary.Restore(new SpaceSaving<AuthorTally>.Kept(ReadName(r, names), ReadTally(r), r.Read7BitEncodedInt64()));
            }
        }

        var hashtags = Fitting(r, pane.Hashtags.Capacity);
        pane.Hashtags.Reserve(hashtags);
        for (var entries = hashtags; entries > 0; entries--)
        {
            pane.Hashtags.Restore(new SpaceSaving<TermTally>.Kept(ReadName(r, names), new TermTally(r.Read7BitEncodedInt64()), r.Read7BitEncodedInt64()));
        }

        return pane;
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

    /// <summary>A snapshot's names as read: UTF-8 for the panes built sealed, made strings only for those opened.</summary>
    private sealed class SnapshotNames(byte[][] utf8)
    {
        private readonly string?[] _texts = new string?[utf8.Length];
        private SealedPaneBuilder? _builder;

        public int Count => utf8.Length;

        public SealedPaneBuilder Builder => _builder ??= new SealedPaneBuilder(utf8);

        public string Text(int place) => _texts[place] ??= Encoding.UTF8.GetString(utf8[place]);
    }
}
