using System.Runtime.InteropServices;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Sketches;

namespace StreamEngine.Domain.Influence;

/// <summary>
/// An influence pane no new post is expected in, held compact: its authors' and hashtags' names
/// once each in one array (the three author rankings mostly keep the same authors), and every
/// kept entry as varints naming its key by position. A full day pane as an
/// <see cref="InfluencePane"/> costs ~7 KB in eleven objects, most of it 8-byte figures holding
/// small numbers and three copies of each author; sealed it takes about a third.
/// </summary>
internal sealed class SealedPane
{
    private readonly string[] _keys;
    private readonly byte[] _entries;

    private SealedPane(long period, string[] keys, byte[] entries)
    {
        Period = period;
        _keys = keys;
        _entries = entries;
    }

    public long Period { get; }

    public static SealedPane Seal(InfluencePane pane)
    {
        var keys = new List<string>();
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var w = new VarintWriter(new byte[256]);
        foreach (var ranking in (ReadOnlySpan<SpaceSaving<AuthorTally>>)[pane.ByMentions, pane.ByReach, pane.ByEngagement])
        {
            w.Write((ulong)ranking.Entries.Length);
            foreach (var kept in ranking.Entries)
            {
                w.Write((ulong)Position(kept.Key));
                w.Write((ulong)kept.Tally.Mentions);
                w.Write((ulong)kept.Tally.Reach);
                w.Write((ulong)kept.Tally.Engagement);
                w.Write((ulong)kept.Tally.Positive);
                w.Write((ulong)kept.Tally.Negative);
                w.Write((ulong)kept.Error);
            }
        }

        w.Write((ulong)pane.Hashtags.Entries.Length);
        foreach (var kept in pane.Hashtags.Entries)
        {
            w.Write((ulong)Position(kept.Key));
            w.Write((ulong)kept.Tally.Count);
            w.Write((ulong)kept.Error);
        }

        return new SealedPane(pane.Period, [.. keys], w.Written.ToArray());

        int Position(string key)
        {
            if (!positions.TryGetValue(key, out var position))
            {
                position = keys.Count;
                positions[key] = position;
                keys.Add(key);
            }

            return position;
        }
    }

    /// <summary>The pane as it was sealed, entries in the same order (which entry a full summary evicts depends on it).</summary>
    public InfluencePane Open(int authorCapacity, int hashtagCapacity)
    {
        var pane = new InfluencePane(Period, authorCapacity, hashtagCapacity);
        var at = 0;
        foreach (var ranking in (ReadOnlySpan<SpaceSaving<AuthorTally>>)[pane.ByMentions, pane.ByReach, pane.ByEngagement])
        {
            var count = (int)Read(ref at);
            for (var i = 0; i < count; i++)
            {
                ranking.Restore(ReadAuthor(ref at));
            }
        }

        var hashtags = (int)Read(ref at);
        for (var i = 0; i < hashtags; i++)
        {
            var key = _keys[(int)Read(ref at)];
            var tally = new TermTally((long)Read(ref at));
            pane.Hashtags.Restore(new SpaceSaving<TermTally>.Kept(key, tally, (long)Read(ref at)));
        }

        return pane;
    }

    /// <summary>Adds the kept authors of one ranking to <paramref name="sums"/>, without opening the pane.</summary>
    public void SumAuthors(TallyWeight by, Dictionary<string, AuthorTally> sums)
    {
        var at = 0;
        var wanted = by switch
        {
            TallyWeight.Reach => 1,
            TallyWeight.Engagement => 2,
            _ => 0,
        };
        for (var ranking = 0; ranking <= wanted; ranking++)
        {
            var count = (int)Read(ref at);
            for (var i = 0; i < count; i++)
            {
                var kept = ReadAuthor(ref at);
                if (ranking == wanted)
                {
                    ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(sums, kept.Key, out _);
                    sum = sum.Plus(kept.Tally);
                }
            }
        }
    }

    /// <summary>Adds the kept hashtags' uses to <paramref name="sums"/>, without opening the pane.</summary>
    public void SumHashtags(Dictionary<string, long> sums)
    {
        var at = 0;
        for (var ranking = 0; ranking < 3; ranking++)
        {
            var count = (int)Read(ref at);
            for (var i = 0; i < count; i++)
            {
                ReadAuthor(ref at);
            }
        }

        var hashtags = (int)Read(ref at);
        for (var i = 0; i < hashtags; i++)
        {
            var key = _keys[(int)Read(ref at)];
            CollectionsMarshal.GetValueRefOrAddDefault(sums, key, out _) += (long)Read(ref at);
            Read(ref at);
        }
    }

    /// <summary>One kept author as <see cref="Seal"/> writes it: name, the five figures of its tally, then its error.</summary>
    private SpaceSaving<AuthorTally>.Kept ReadAuthor(ref int at)
    {
        var key = _keys[(int)Read(ref at)];
        var tally = new AuthorTally((long)Read(ref at), (long)Read(ref at), (long)Read(ref at), (long)Read(ref at), (long)Read(ref at));
        return new SpaceSaving<AuthorTally>.Kept(key, tally, (long)Read(ref at));
    }

    private ulong Read(ref int at) => Varint.Read(_entries, ref at);
}
