using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Sketches;

namespace StreamEngine.Domain.Influence;

/// <summary>
/// An influence pane no new post is expected in, held compact in one array: its authors' and
/// hashtags' names once each (the three author rankings mostly keep the same authors), then every
/// kept entry as varints naming its key by position. A full day pane as an
/// <see cref="InfluencePane"/> costs ~7 KB in eleven objects, most of it 8-byte figures holding
/// small numbers and three copies of each author (about 2 KB more while posts still come in: the
/// index of each full summary); sealed it takes about a third.
/// </summary>
/// <remarks>
/// Names are held as UTF-8 bytes rather than strings: a 13-character handle is 14 bytes here
/// against 56 as a string and its reference, and a brand keeps a month of day panes. Ingest now
/// refuses text with a lone surrogate, but a name journaled before it did may still hold one: such
/// a name is kept as its UTF-16 units, so every name reads back exactly and sums with its open
/// panes' entries.
/// </remarks>
internal sealed class SealedPane
{
    // A day pane keeps at most 3 x 32 authors and 64 hashtags; names up to 256 UTF-8 bytes are
    // decoded on the stack when summed.
    private const int StackNames = 192;
    private const int StackNameBytes = 256;

    private readonly byte[] _data;

    private SealedPane(long period, byte[] data)
    {
        Period = period;
        _data = data;
    }

    public long Period { get; }

    /// <summary>The encoded pane, as a history store keeps it (not to be changed).</summary>
    public byte[] Data => _data;

    /// <summary>
    /// A pane over bytes read back from a history store; <paramref name="data"/> may be longer than
    /// the pane (a pooled buffer), as a pane is read by its counts, never to the array's end.
    /// </summary>
    public static SealedPane Over(long period, byte[] data) => new(period, data);

    public static SealedPane Seal(InfluencePane pane)
    {
        var keys = new List<string>();
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var entries = new VarintWriter(new byte[256]);
        foreach (var ranking in (ReadOnlySpan<SpaceSaving<AuthorTally>>)[pane.ByMentions, pane.ByReach, pane.ByEngagement])
        {
            entries.Write((ulong)ranking.Entries.Length);
            foreach (var kept in ranking.Entries)
            {
                entries.Write((ulong)Position(kept.Key));
                entries.Write((ulong)kept.Tally.Mentions);
                entries.Write((ulong)kept.Tally.Reach);
                entries.Write((ulong)kept.Tally.Engagement);
                entries.Write((ulong)kept.Tally.Positive);
                entries.Write((ulong)kept.Tally.Negative);
                entries.Write((ulong)kept.Error);
            }
        }

        entries.Write((ulong)pane.Hashtags.Entries.Length);
        foreach (var kept in pane.Hashtags.Entries)
        {
            entries.Write((ulong)Position(kept.Key));
            entries.Write((ulong)kept.Tally.Count);
            entries.Write((ulong)kept.Error);
        }

        var data = new VarintWriter(new byte[entries.Written.Length + 16 + keys.Sum(k => k.Length + 1)]);
        data.Write((ulong)keys.Count);
        foreach (var key in keys)
        {
            WriteName(ref data, key);
        }

        data.Bytes(entries.Written);
        return new SealedPane(pane.Period, data.Written.ToArray());

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
        var names = new string[(int)Read(ref at)];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = ReadName(ref at);
        }

        foreach (var ranking in (ReadOnlySpan<SpaceSaving<AuthorTally>>)[pane.ByMentions, pane.ByReach, pane.ByEngagement])
        {
            var count = (int)Read(ref at);
            for (var i = 0; i < count; i++)
            {
                var (name, tally, error) = ReadAuthor(ref at);
                ranking.Restore(new SpaceSaving<AuthorTally>.Kept(names[name], tally, error));
            }
        }

        var hashtags = (int)Read(ref at);
        for (var i = 0; i < hashtags; i++)
        {
            var key = names[(int)Read(ref at)];
            var tally = new TermTally((long)Read(ref at));
            pane.Hashtags.Restore(new SpaceSaving<TermTally>.Kept(key, tally, (long)Read(ref at)));
        }

        return pane;
    }

    /// <summary>Adds the kept authors of one ranking to <paramref name="sums"/>, without opening the pane.</summary>
    public void SumAuthors(TallyWeight by, Dictionary<string, AuthorTally> sums)
    {
        var at = 0;
        Span<int> nameStarts = stackalloc int[StackNames];
        nameStarts = IndexNames(ref at, nameStarts);
        Span<char> chars = stackalloc char[StackNameBytes];
        var lookup = sums.GetAlternateLookup<ReadOnlySpan<char>>();
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
                var (name, tally, _) = ReadAuthor(ref at);
                if (ranking == wanted)
                {
                    ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(lookup, NameAt(nameStarts[name], chars), out _);
                    sum = sum.Plus(tally);
                }
            }
        }
    }

    /// <summary>Adds the kept hashtags' uses to <paramref name="sums"/>, without opening the pane.</summary>
    public void SumHashtags(Dictionary<string, long> sums)
    {
        var at = 0;
        Span<int> nameStarts = stackalloc int[StackNames];
        nameStarts = IndexNames(ref at, nameStarts);
        Span<char> chars = stackalloc char[StackNameBytes];
        var lookup = sums.GetAlternateLookup<ReadOnlySpan<char>>();
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
            var name = NameAt(nameStarts[(int)Read(ref at)], chars);
            CollectionsMarshal.GetValueRefOrAddDefault(lookup, name, out _) += (long)Read(ref at);
            Read(ref at);
        }
    }

    /// <summary>
    /// A pane from its names, as valid UTF-8 in the order its entries first name them, and its entries'
    /// figures, names given by that order: what <see cref="Seal"/> writes, for a pane read from a
    /// snapshot without being opened first (<see cref="SealedPaneBuilder"/>).
    /// </summary>
    internal static SealedPane Of(long period, IReadOnlyList<byte[]> names, ReadOnlySpan<ulong> entries)
    {
        var size = 16 + (entries.Length * 2);
        foreach (var name in names)
        {
            size += name.Length + 5;
        }

        var data = new VarintWriter(new byte[size]);
        data.Write((ulong)names.Count);
        foreach (var name in names)
        {
            WriteUtf8Name(ref data, name);
        }

        foreach (var figure in entries)
        {
            data.Write(figure);
        }

        return new SealedPane(period, data.Written.ToArray());
    }

    /// <summary>A name as its UTF-8 bytes, or as its UTF-16 units (flagged in the length's low bit) when it has a lone surrogate.</summary>
    private static void WriteName(ref VarintWriter data, string name)
    {
        Span<byte> utf8 = name.Length <= StackNameBytes / 3 ? stackalloc byte[StackNameBytes] : new byte[name.Length * 3];
        if (Utf8.FromUtf16(name, utf8, out _, out var written, replaceInvalidSequences: false) == OperationStatus.Done)
        {
            WriteUtf8Name(ref data, utf8[..written]);
        }
        else
        {
            var units = MemoryMarshal.AsBytes(name.AsSpan());
            data.Write(((ulong)units.Length << 1) | 1);
            data.Bytes(units);
        }
    }

    private static void WriteUtf8Name(ref VarintWriter data, scoped ReadOnlySpan<byte> utf8)
    {
        data.Write((ulong)utf8.Length << 1);
        data.Bytes(utf8);
    }

    private string ReadName(ref int at)
    {
        var bytes = NameBytes(ref at, out var utf16);
        return utf16 ? new string(MemoryMarshal.Cast<byte, char>(bytes)) : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>The name written at <paramref name="start"/>, decoded into <paramref name="chars"/> when it fits (no string is made for a name already summed).</summary>
    private ReadOnlySpan<char> NameAt(int start, Span<char> chars)
    {
        var bytes = NameBytes(ref start, out var utf16);
        if (utf16)
        {
            return MemoryMarshal.Cast<byte, char>(bytes);
        }

        // UTF-8 never takes fewer bytes than UTF-16 takes units.
        return bytes.Length <= chars.Length ? chars[..Encoding.UTF8.GetChars(bytes, chars)] : Encoding.UTF8.GetString(bytes);
    }

    private ReadOnlySpan<byte> NameBytes(scoped ref int at, out bool utf16)
    {
        var header = Read(ref at);
        utf16 = (header & 1) != 0;
        var bytes = _data.AsSpan(at, (int)(header >> 1));
        at += bytes.Length;
        return bytes;
    }

    /// <summary>Where each name starts, in <paramref name="starts"/> if they fit; leaves <paramref name="at"/> at the first entry.</summary>
    private Span<int> IndexNames(ref int at, Span<int> starts)
    {
        var count = (int)Read(ref at);
        starts = count <= starts.Length ? starts[..count] : new int[count];
        for (var i = 0; i < count; i++)
        {
            starts[i] = at;
            NameBytes(ref at, out _);
        }

        return starts;
    }

    /// <summary>One kept author as <see cref="Seal"/> writes it: name, the five figures of its tally, then its error.</summary>
    private (int Name, AuthorTally Tally, long Error) ReadAuthor(ref int at)
    {
        var name = (int)Read(ref at);
        var tally = new AuthorTally((long)Read(ref at), (long)Read(ref at), (long)Read(ref at), (long)Read(ref at), (long)Read(ref at));
        return (name, tally, (long)Read(ref at));
    }

    private ulong Read(ref int at) => Varint.Read(_data, ref at);
}
